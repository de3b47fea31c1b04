// Performance benchmark (issue 11): the whole `performance --json` command on 1M rows (about 900k
// labelled) against sklearn computing the same metrics and curves on the same rows in memory, in
// the same run, interleaved. The numbers must agree, or the timing compares different work.
import { modelLogData } from './model-log-data.mjs';
import fs from 'node:fs';
import { python, relDiff, root, workspace } from './cli-timing.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const args = ['performance', '--dataset', 'log', '--label', 'label', '--score', 'score', '--threshold', '0.5', '--json'];
// Interleaved pairs (the command, then sklearn's compute) so both see the same machine load; the
// figure is the median of the pairs' ratios, with their spread.
const pairs = Number(process.env.BENCH_SAMPLES ?? 5);
ws.run(args); // warm-up (file cache)
const ratios = [];
const times = [];
const skTimes = [];
let result;
let sk;
for (let i = 0; i < pairs; i++) {
  const t0 = process.hrtime.bigint();
  result = JSON.parse(ws.run(args));
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  sk = python('performance_sklearn.py', [csv, '0.5']);
  times.push(t);
  skTimes.push(sk.seconds);
  ratios.push(t / sk.seconds);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const mine = { seconds: median(times), result };
let maxRel = 0;
for (const [k, v] of Object.entries(sk.values)) maxRel = Math.max(maxRel, relDiff(mine.result.metrics[k], v));
const sameMatrix = JSON.stringify(mine.result.confusion.matrix) === JSON.stringify(sk.confusion);
console.log(
  JSON.stringify({
    name: 'performance',
    rows,
    labelled: mine.result.labelled,
    plumbline_command_s: +mine.seconds.toFixed(3),
    sklearn_compute_s: +median(skTimes).toFixed(3),
    ratio: +median(ratios).toFixed(3),
    ratio_spread: `${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
    pairs,
    load_average: +fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
    goal_ratio: 0.2,
    max_rel_diff_vs_sklearn: maxRel,
    confusion_equal: sameMatrix,
  }),
);
