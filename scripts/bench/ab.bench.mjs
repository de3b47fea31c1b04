// A/B benchmark (issue 13): `ab` on 2M rows, three metrics (conversion, revenue, latency) and a
// breakdown by region, against scipy/pandas doing the same in memory, interleaved in the same run
// (BENCH_PAIRS pairs, default 5; BENCH_AB_ROWS rows). Each pair times, on two footings:
//   (a) the whole `ab --json` command (process start to exit: start-up, reading the columns from the
//       workspace, compute, output) against the anchor's compute on data already in memory;
//   (b) Plumbline's compute on columns already loaded, in this process, against the same compute;
// and, for column reading (issue 15), the engine's read of the run's columns against copying the
// same number of bytes into fresh typed arrays (the floor a read can reach).
// The numbers must agree with scipy, or the timing compares different work. BENCH_BIG=1 adds the
// peak RSS of the command at 10M rows against 1M (memory-rows.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { relDiff, root, workspace } from './cli-timing.mjs';
import { loadAverage, pythonAnchor, summary, timed } from './interleave.mjs';
import { modelLogData } from './model-log-data.mjs';
import { bigRun, memoryRow } from './memory-rows.mjs';

const rows = Number(process.env.BENCH_AB_ROWS ?? 2_000_000);
const pairs = Number(process.env.BENCH_PAIRS ?? 5);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const loadBefore = loadAverage();

const options = { variant: 'variant', control: 'control', metrics: ['converted', 'revenue', 'latency_ms'], segment: 'region' };
const args = ['ab', '--dataset', 'log', '--variant', 'variant', '--control', 'control', '--metric', 'converted', '--metric', 'revenue', '--metric', 'latency_ms', '--by', 'region', '--json'];
const cli = path.join(root, 'bin', 'plumbline.js');
const command = () => timed(process.execPath, [cli, '--db', ws.db, ...args]);

// The in-process half: the engine's own read and the module's compute (scripts/bench/ab-inprocess.ts).
const bundle = path.join(root, '.bench', 'ab-inprocess.cjs');
await build({ entryPoints: [path.join(root, 'scripts', 'bench', 'ab-inprocess.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], outfile: bundle, logLevel: 'error' });
const inProcess = createRequire(import.meta.url)(bundle).abInProcess(ws.db, 'log', options);

const anchor = pythonAnchor(path.join(root, 'scripts', 'bench', 'ab_scipy.py'), [csv]);
await anchor.ready;
// Warm-up of every side (file cache, JIT), untimed.
command();
inProcess.read();
inProcess.copy();
inProcess.compute();
inProcess.stream();
await anchor.compute();

const runs = [];
let mine;
let scipy;
for (let i = 0; i < pairs; i++) {
  const whole = command();
  scipy = await anchor.compute();
  const read = inProcess.read();
  const copy = inProcess.copy();
  const compute = inProcess.compute();
  const stream = inProcess.stream();
  mine = JSON.parse(whole.stdout);
  runs.push({ whole, scipy, read, copy, compute, stream });
}
anchor.stop();
inProcess.close();
fs.rmSync(bundle, { force: true });

let maxRel = relDiff(mine.srm.p_value, scipy.srm_p_value);
for (const [metric, want] of Object.entries(scipy.results)) {
  const got = mine.results.find((r) => r.metric === metric && r.variant === 'treatment');
  for (const k of ['control_mean', 'treatment_mean', 'relative_lift', 'p_value']) maxRel = Math.max(maxRel, relDiff(got[k], want[k]));
}
const inProcessResult = runs[runs.length - 1].compute.value;
if (JSON.stringify(inProcessResult.results) !== JSON.stringify(mine.results)) throw new Error('the in-process compute and the command disagree');
const { settings: _s, provenance: _p, ...mineResult } = mine;
if (JSON.stringify(runs[runs.length - 1].stream.value) !== JSON.stringify(mineResult)) throw new Error('the in-process streamed run and the command disagree');
if (maxRel > 1e-6) throw new Error(`Plumbline and scipy disagree (max relative difference ${maxRel})`);

const s = (xs) => summary(xs);
const fmt = (x) => `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
const wholeS = s(runs.map((r) => r.whole.seconds));
const scipyS = s(runs.map((r) => r.scipy.seconds));
const computeS = s(runs.map((r) => r.compute.seconds));
const streamS = s(runs.map((r) => r.stream.seconds));
const streamRatio = s(runs.map((r) => r.stream.seconds / r.scipy.seconds));
const readS = s(runs.map((r) => r.read.seconds));
const copyS = s(runs.map((r) => r.copy.seconds));
const wholeRatio = s(runs.map((r) => r.whole.seconds / r.scipy.seconds));
const computeRatio = s(runs.map((r) => r.compute.seconds / r.scipy.seconds));
const readRatio = s(runs.map((r) => r.read.seconds / r.copy.seconds));
const readFaults = summary(runs.map((r) => r.read.faults), 0);
const copyFaults = summary(runs.map((r) => r.copy.faults), 0);
const faultsText = (f) => `${f.median} page faults (${f.spread[0]}–${f.spread[1]})`;
const rss = Math.max(...runs.map((r) => r.whole.rssMb));
const mb = Math.round(runs[0].read.value / 2 ** 20);
const n = rows.toLocaleString('en');
const anchorText = `scipy/pandas, compute only (data in memory): ${fmt(scipyS)}`;
const readme = [
  {
    what: `A/B, ${n} rows, 3 metrics (binomial, 2 means) + breakdown by region: the whole \`ab --json\` command (start-up, reading, compute, output)`,
    plumbline: `${fmt(wholeS)}, peak RSS ${Math.round(rss)} MB`,
    anchor: anchorText,
    ratio: wholeRatio,
    goal: '≤ 0.2',
    reached: wholeRatio.median <= 0.2,
  },
  {
    what: `A/B, same work: Plumbline's compute on columns already loaded (in process) against the same compute`,
    plumbline: fmt(computeS),
    anchor: anchorText,
    ratio: computeRatio,
    goal: '≤ 0.2',
    reached: computeRatio.median <= 0.2,
  },
  {
    what: `A/B, same work in process from the workspace: the command's path between start-up and output (rows streamed chunk by chunk, compute)`,
    plumbline: fmt(streamS),
    anchor: anchorText,
    ratio: streamRatio,
    goal: '≤ 0.2',
    reached: streamRatio.median <= 0.2,
  },
  // In this process neither side's arrays are reliably fresh memory: a call may get part of its
  // 76 MB from memory freed earlier (the previous rounds' arrays, as the GC lets them go) and pays
  // for collections its own allocations set off, so the ratio depends on the collector and the
  // allocator as much as on the read (core/import/README.md, "Column reading", session 14). The
  // page faults of both sides are shown for that reason (a fresh array faults every page);
  // read.bench.mjs compares the same read with fresh processes on both sides.
  {
    what: `column reading: the A/B run's ${inProcess.columns.length} columns (${inProcess.columns.join(', ')}: ${mb} MB of ${n}-row typed arrays) read from the workspace by the engine, in process, after the round's other work (the page faults show how much of each side's memory was fresh)`,
    plumbline: `${fmt(readS)}, ${faultsText(readFaults)}`,
    anchor: `copying the same bytes into newly allocated typed arrays: ${fmt(copyS)}, ${faultsText(copyFaults)}; ${Math.ceil(runs[0].read.value / 4096)} pages`,
    ratio: readRatio,
    goal: 'near a memory copy (≤ 1.5)',
    reached: readRatio.median <= 1.5,
  },
];
if (bigRun()) readme.push(memoryRow('A/B, 3 metrics + breakdown by region', args));

console.log(
  JSON.stringify({
    name: 'ab',
    rows,
    pairs,
    command_s: wholeS,
    scipy_compute_s: scipyS,
    compute_s: computeS,
    stream_s: streamS,
    read_s: readS,
    copy_s: copyS,
    ratio_command_vs_scipy: wholeRatio,
    ratio_compute_vs_scipy: computeRatio,
    ratio_stream_vs_scipy: streamRatio,
    ratio_read_vs_copy: readRatio,
    read_faults: readFaults,
    copy_faults: copyFaults,
    peak_rss_mb: Math.round(rss),
    max_rel_diff_vs_scipy: maxRel,
    load_average: { before: loadBefore, after: loadAverage() },
    readme,
  }),
);
