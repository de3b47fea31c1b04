// Monitors benchmark (issue 14): `plumbline check` with 20 monitors on a drift pair (1M rows each by
// default; BENCH_ROWS=10000000 for the 10M), against its anchor in the same run: the same
// analyses run one by one with the CLI (one `plumbline drift --json` per monitor, as a pipeline
// without monitors would). The monitors share one analysis + datasets + options, so check runs the
// drift once. Interleaved pairs (check, then the anchor); the median ratio is reported with its
// spread and the load average, since the machine is shared.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { driftData, NUMERIC, CATEGORICAL } from './drift-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const { ref, cur } = driftData(root, rows);
const db = path.join(root, '.bench', `monitors-${rows}.db`);
const cli = path.join(root, 'bin', 'plumbline.js');
const run = (args) => execFileSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

// 20 monitors: the dataset's share drifted, and a drift score for 19 columns.
const metrics = ['share_drifted', ...NUMERIC.map((c) => `drift_score:${c}`), ...CATEGORICAL.map((c) => `drift_score:${c}`)].slice(0, 20);
if (!fs.existsSync(db)) {
  run(['import', ref, '--name', 'ref']);
  run(['import', cur, '--name', 'cur']);
  metrics.forEach((metric, i) => run(['monitor', 'add', '--name', `m${i}`, '--analysis', 'drift', '--dataset', 'cur', '--reference', 'ref', '--metric', metric, '--condition', '> 0.5', '--severity', i % 2 ? 'warning' : 'critical']));
}

const time = (fn) => {
  const t0 = process.hrtime.bigint();
  const out = fn();
  return { s: Number(process.hrtime.bigint() - t0) / 1e9, out };
};
const check = () => {
  const r = spawnSync(process.execPath, [cli, '--db', db, 'check', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status === 3 || r.status === null) throw new Error(`check failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const anchor = () => metrics.map(() => JSON.parse(run(['drift', '--reference', 'ref', '--current', 'cur', '--json'])));

check(); // warm: the sorted-column cache and the page cache
const ratios = [];
const checks = [];
const anchors = [];
let last;
for (let i = 0; i < pairs; i++) {
  const c = time(check);
  const a = time(anchor);
  last = { check: c.out, drift: a.out[0] };
  checks.push(c.s);
  anchors.push(a.s);
  ratios.push(c.s / a.s);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The same figures both ways, or the timing compares different work.
const score = (r, m) => (m === 'share_drifted' ? r.share_drifted : r.columns.find((c) => c.column === m.slice('drift_score:'.length)).statistic);
const maxDiff = Math.max(...last.check.evaluations.map((e) => Math.abs(e.value - score(last.drift, e.metric))));
if (!(maxDiff < 1e-12)) throw new Error(`check and drift disagree by ${maxDiff}`);
console.error(`check ${checks.map((s) => s.toFixed(2)).join(' ')} s; anchor (20 × drift) ${anchors.map((s) => s.toFixed(2)).join(' ')} s; ratios ${ratios.map((r) => r.toFixed(3)).join(' ')}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  JSON.stringify({
    name: 'monitors',
    rows_each: rows,
    monitors: metrics.length,
    analysis_runs: last.check.runs,
    check_s: +median(checks).toFixed(3),
    anchor_20_drift_s: +median(anchors).toFixed(3),
    ratio: +median(ratios).toFixed(3),
    ratio_spread: `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
    load: os.loadavg()[0].toFixed(2),
  }),
);
