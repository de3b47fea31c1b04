// Column reading benchmark (issue 15): the engine's column step (loadColumns, which every analysis
// starts with) reading a run's columns from the workspace, in a fresh process as a command does,
// against the floor a read can reach — copying the same number of bytes into fresh typed arrays,
// also in a fresh process. Interleaved (BENCH_PAIRS pairs, default 5); each pair times both sides
// and counts their minor page faults (first touches of fresh memory, ~11 µs per 4 KB page on our
// VMs: most of a read). Workloads: performance's label and score (1M rows), the A/B run's six
// columns (2M rows), and drift's 25 + 25 columns (1M vs 1M) through their sorted caches.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { root, workspace } from './cli-timing.mjs';
import { loadAverage, summary } from './interleave.mjs';
import { modelLogData } from './model-log-data.mjs';

const pairs = Number(process.env.BENCH_PAIRS ?? 5);
const only = process.env.BENCH_READ_ONLY; // e.g. "ab" to run one workload
const loadBefore = loadAverage();

/** A model-log workspace of `rows` rows, imported as the A/B and performance benches do. */
function modelLog(rows) {
  const ws = workspace(`model-log-${rows}`);
  if (!ws.exists()) ws.run(['import', modelLogData(root, rows), '--name', 'log']);
  return ws.db;
}

const workloads = [
  { id: 'performance', what: "performance's label and score, 1,000,000 rows", db: () => modelLog(1_000_000), analysis: 'performance', datasets: { current: 'log' }, options: { label: 'label', score: 'score' } },
  { id: 'ab', what: "the A/B run's columns (variant, ts, region and 3 metrics), 2,000,000 rows", db: () => modelLog(2_000_000), analysis: 'ab', datasets: { dataset: 'log' }, options: { variant: 'variant', control: 'control', metrics: ['converted', 'revenue', 'latency_ms'], segment: 'region' } },
  {
    id: 'drift',
    what: "drift's 25 + 25 columns, 1,000,000 vs 1,000,000 rows, numeric ones from their sorted caches",
    // Written by drift.bench.mjs (which runs before this one in `npm run bench`).
    db: () => {
      const ws = workspace('drift-1000000x25-imported');
      if (!ws.exists()) throw new Error(`${ws.db} is missing: run scripts/bench/drift.bench.mjs first`);
      return ws.db;
    },
    analysis: 'drift',
    datasets: { reference: 'ref', current: 'cur' },
    options: {},
  },
].filter((w) => !only || w.id === only);

const child = path.join(os.tmpdir(), `plumbline-read-columns-${process.pid}.cjs`);
await build({ entryPoints: [path.join(root, 'scripts', 'bench', 'read-columns.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], outfile: child, logLevel: 'error' });
// The bundle lives outside the repository: let it find better-sqlite3 in ours.
const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
const run = (args) => JSON.parse(execFileSync(process.execPath, [child, ...args], { encoding: 'utf8', env }).trim().split('\n').pop());

const readme = [];
const results = {};
try {
  for (const w of workloads) {
    const db = w.db();
    const readArgs = ['read', db, w.analysis, JSON.stringify(w.datasets), JSON.stringify(w.options)];
    const sizes = run(readArgs).sizes; // also the warm-up (file cache)
    run(['copy', sizes.join(',')]);
    const runs = [];
    for (let i = 0; i < pairs; i++) runs.push({ read: run(readArgs), copy: run(['copy', sizes.join(',')]) });
    const mb = sizes.reduce((a, b) => a + b, 0) / 2 ** 20;
    const floorFaults = sizes.reduce((n, b) => n + Math.ceil(b / 4096), 0);
    const readMs = summary(runs.map((r) => r.read.ms), 1);
    const copyMs = summary(runs.map((r) => r.copy.ms), 1);
    const readFaults = summary(runs.map((r) => r.read.faults), 0);
    const copyFaults = summary(runs.map((r) => r.copy.faults), 0);
    const ratio = summary(runs.map((r) => r.read.ms / r.copy.ms));
    const readCpu = summary(runs.map((r) => r.read.cpuMs), 1);
    const copyCpu = summary(runs.map((r) => r.copy.cpuMs), 1);
    const cpuRatio = summary(runs.map((r) => r.read.cpuMs / r.copy.cpuMs));
    // Memory stays flat: a read holds its columns and one chunk, as the copy holds its arrays.
    const readRss = Math.round(Math.max(...runs.map((r) => r.read.peakRssMb)));
    const copyRss = Math.round(Math.max(...runs.map((r) => r.copy.peakRssMb)));
    results[w.id] = { mb: +mb.toFixed(1), columns: sizes.length, read_ms: readMs, copy_ms: copyMs, read_cpu_ms: readCpu, copy_cpu_ms: copyCpu, ratio_cpu_read_vs_copy: cpuRatio, read_peak_rss_mb: readRss, copy_peak_rss_mb: copyRss, read_faults: readFaults, copy_faults: copyFaults, floor_faults: floorFaults, ratio_read_vs_copy: ratio };
    readme.push({
      what: `column reading, fresh process: ${w.what} (${sizes.length} arrays, ${Math.round(mb)} MB) by the engine's column step`,
      plumbline: `${readMs.median} ms (${readMs.spread[0]}–${readMs.spread[1]}), CPU ${readCpu.median} ms, ${readFaults.median} page faults, peak RSS ${readRss} MB`,
      anchor: `copying the same bytes into fresh typed arrays: ${copyMs.median} ms (${copyMs.spread[0]}–${copyMs.spread[1]}), CPU ${copyCpu.median} ms, ${copyFaults.median} page faults (${floorFaults} pages), peak RSS ${copyRss} MB; CPU-time ratio ${cpuRatio.median} (${cpuRatio.spread[0]}–${cpuRatio.spread[1]})`,
      ratio,
      goal: 'near a memory copy (≤ 1.5)',
      reached: ratio.median <= 1.5,
    });
  }
} finally {
  fs.rmSync(child, { force: true });
}

console.log(JSON.stringify({ name: 'read', pairs, ...results, load_average: { before: loadBefore, after: loadAverage() }, readme }));
