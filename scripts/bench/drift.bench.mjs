// Drift benchmark (issue 4): 1M vs 1M rows, 12 numerical + 7 categorical columns, default tests,
// warm workspace. plumbline's whole `drift --json` command time (process start to exit) against
// scipy/pandas computing the same statistics on data already in memory, in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { driftData, NUMERIC, CATEGORICAL } from './drift-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const { ref, cur } = driftData(root, rows);
const db = path.join(root, '.bench', `drift-${rows}x25.db`);
const cli = path.join(root, 'bin', 'plumbline.js');
const run = (args) => execFileSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

if (!fs.existsSync(db)) {
  run(['import', ref, '--name', 'ref']);
  run(['import', cur, '--name', 'cur']);
}
run(['drift', '--reference', 'ref', '--current', 'cur', '--json']); // warm the page cache

const times = [];
let result;
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  result = JSON.parse(run(['drift', '--reference', 'ref', '--current', 'cur', '--json']));
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
const plumbline = times[1];

const py = spawnSync('/usr/bin/python3', [path.join(root, 'scripts', 'bench', 'drift_scipy.py'), ref, cur], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (py.status !== 0) throw new Error(`scipy anchor failed: ${py.stderr}`);
const scipy = JSON.parse(py.stdout);

// The two must agree, or the timing compares different work.
let maxRelDiff = 0;
for (const c of [...NUMERIC, ...CATEGORICAL]) {
  const mine = result.columns.find((r) => r.column === c).statistic;
  maxRelDiff = Math.max(maxRelDiff, Math.abs(mine - scipy.values[c]) / Math.max(1e-12, Math.abs(scipy.values[c])));
}
console.log(
  JSON.stringify({
    name: 'drift',
    rows_each: rows,
    columns: NUMERIC.length + CATEGORICAL.length,
    plumbline_command_s: +plumbline.toFixed(3),
    scipy_compute_s: +scipy.seconds.toFixed(3),
    ratio: +(plumbline / scipy.seconds).toFixed(3),
    goal_ratio: 0.1,
    max_rel_diff_vs_scipy: maxRelDiff,
  }),
);
