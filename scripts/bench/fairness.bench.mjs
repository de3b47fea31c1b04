// Fairness benchmark (issue 12): the whole `fairness --json` command on 1M rows with 3 attributes
// and their intersection against pandas computing the same group table in memory in the same run;
// and the same command with 1,000 bootstrap resamples (goal: ≤ 5 s).
import { modelLogData } from './model-log-data.mjs';
import { medianTime, python, relDiff, root, workspace } from './cli-timing.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const base = ['fairness', '--dataset', 'log', '--attribute', 'race', '--attribute', 'sex', '--attribute', 'age_cat', '--intersect', '--label', 'label', '--score', 'score', '--threshold', '0.5', '--json'];
const table = medianTime(() => JSON.parse(ws.run(base)));
const boot = medianTime(() => JSON.parse(ws.run([...base, '--bootstrap', '1000', '--seed', '1'])), 1);
const pd = python('fairness_pandas.py', [csv, '0.5']);
let maxRel = 0;
for (const g of table.result.groups) {
  const want = pd.fpr[`${g.attribute}=${g.group}`];
  if (want !== undefined) maxRel = Math.max(maxRel, relDiff(g.fpr, want));
}
console.log(
  JSON.stringify({
    name: 'fairness',
    rows,
    groups: table.result.groups.length,
    plumbline_command_s: +table.seconds.toFixed(3),
    spread_s: table.spread.map((s) => +s.toFixed(3)).join('–'),
    pandas_compute_s: +pd.seconds.toFixed(3),
    ratio: +(table.seconds / pd.seconds).toFixed(3),
    goal_ratio: 0.2,
    bootstrap_1000_command_s: +boot.seconds.toFixed(3),
    goal_bootstrap_s: 5,
    max_rel_diff_fpr_vs_pandas: maxRel,
  }),
);
