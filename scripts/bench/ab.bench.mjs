// A/B benchmark (issue 13): the whole `ab --json` command on 2M rows, three metrics (conversion,
// revenue, latency) and a breakdown by region, against scipy/pandas doing the same in memory in
// the same run. The numbers must agree, or the timing compares different work.
import { modelLogData } from './model-log-data.mjs';
import { medianTime, python, relDiff, root, workspace } from './cli-timing.mjs';

const rows = Number(process.env.BENCH_AB_ROWS ?? 2_000_000);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const args = ['ab', '--dataset', 'log', '--variant', 'variant', '--control', 'control', '--metric', 'converted', '--metric', 'revenue', '--metric', 'latency_ms', '--by', 'region', '--json'];
const mine = medianTime(() => JSON.parse(ws.run(args)));
const sp = python('ab_scipy.py', [csv]);
let maxRel = relDiff(mine.result.srm.p_value, sp.srm_p_value);
for (const [metric, want] of Object.entries(sp.results)) {
  const got = mine.result.results.find((r) => r.metric === metric && r.variant === 'treatment');
  for (const k of ['control_mean', 'treatment_mean', 'relative_lift', 'p_value']) maxRel = Math.max(maxRel, relDiff(got[k], want[k]));
}
console.log(
  JSON.stringify({
    name: 'ab',
    rows,
    plumbline_command_s: +mine.seconds.toFixed(3),
    spread_s: mine.spread.map((s) => +s.toFixed(3)).join('–'),
    scipy_compute_s: +sp.seconds.toFixed(3),
    ratio: +(mine.seconds / sp.seconds).toFixed(3),
    goal_ratio: 0.2,
    max_rel_diff_vs_scipy: maxRel,
  }),
);
