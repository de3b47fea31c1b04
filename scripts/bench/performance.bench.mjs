// Performance benchmark (issue 11): the whole `performance --json` command on 1M rows (about 900k
// labelled) against sklearn computing the same metrics and curves on the same rows in memory, in
// the same run. The numbers must agree, or the timing compares different work.
import { modelLogData } from './model-log-data.mjs';
import { medianTime, python, relDiff, root, workspace } from './cli-timing.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const args = ['performance', '--dataset', 'log', '--label', 'label', '--score', 'score', '--threshold', '0.5', '--json'];
const mine = medianTime(() => JSON.parse(ws.run(args)));
const sk = python('performance_sklearn.py', [csv, '0.5']);
let maxRel = 0;
for (const [k, v] of Object.entries(sk.values)) maxRel = Math.max(maxRel, relDiff(mine.result.metrics[k], v));
const sameMatrix = JSON.stringify(mine.result.confusion.matrix) === JSON.stringify(sk.confusion);
console.log(
  JSON.stringify({
    name: 'performance',
    rows,
    labelled: mine.result.labelled,
    plumbline_command_s: +mine.seconds.toFixed(3),
    spread_s: mine.spread.map((s) => +s.toFixed(3)).join('–'),
    sklearn_compute_s: +sk.seconds.toFixed(3),
    ratio: +(mine.seconds / sk.seconds).toFixed(3),
    goal_ratio: 0.2,
    max_rel_diff_vs_sklearn: maxRel,
    confusion_equal: sameMatrix,
  }),
);
