// Performance benchmark (issue 11): the whole `performance --json` command on 1M rows (about 900k
// labelled) against sklearn computing the same metrics and curves on the same rows in memory, in
// the same run, interleaved; and Plumbline's compute alone (analyzePerformance on the columns in
// memory, scripts/bench/performance-compute.ts) against the same sklearn compute. The numbers must
// agree, or the timing compares different work. BENCH_BIG=1 adds the peak RSS of the command at
// 10M rows against 1M (memory-rows.mjs).
import { buildSync } from 'esbuild';
import path from 'node:path';
import { modelLogData } from './model-log-data.mjs';
import { relDiff, root, workspace } from './cli-timing.mjs';
import { loadAverage, pythonAnchor, servedCompute, summary, timed } from './interleave.mjs';
import { bigRun, memoryRow } from './memory-rows.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const pairs = Number(process.env.BENCH_SAMPLES ?? 5);
const threshold = '0.5';
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const cli = path.join(root, 'bin', 'plumbline.js');
const args = ['performance', '--dataset', 'log', '--label', 'label', '--score', 'score', '--threshold', threshold, '--json'];

// Plumbline's compute-only timer imports core/ TypeScript: bundle it next to the workspace.
const computeScript = path.join(root, '.bench', 'performance-compute.mjs');
buildSync({
  entryPoints: [path.join(root, 'scripts', 'bench', 'performance-compute.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['better-sqlite3'],
  outfile: computeScript,
  logLevel: 'warning',
});

const loadBefore = loadAverage();
const sklearn = pythonAnchor(path.join(root, 'scripts', 'bench', 'performance_sklearn.py'), [csv, threshold]);
const compute = servedCompute(process.execPath, [computeScript, ws.db, 'log', threshold]);
await Promise.all([sklearn.ready, compute.ready]);
// Warm-up: the file cache for the command, each process's first compute (numpy's and V8's).
ws.run(args);
await sklearn.compute();
await compute.compute();

// Interleaved triples (the command, Plumbline's compute, sklearn's compute) so all three see the
// same machine load; each figure is the median of the per-triple ratios, with their spread.
const runs = [];
let result;
let sk;
let mine;
for (let i = 0; i < pairs; i++) {
  const whole = timed(process.execPath, [cli, '--db', ws.db, ...args]);
  result = JSON.parse(whole.stdout);
  const command = whole.seconds;
  mine = await compute.compute();
  sk = await sklearn.compute();
  runs.push({ command, rssMb: whole.rssMb, compute: mine.seconds, computeCpu: mine.cpu_seconds, sklearn: sk.seconds });
}
sklearn.stop();
compute.stop();

let maxRel = 0;
let maxRelCompute = 0;
for (const [k, v] of Object.entries(sk.values)) {
  maxRel = Math.max(maxRel, relDiff(result.metrics[k], v));
  maxRelCompute = Math.max(maxRelCompute, relDiff(mine.metrics[k], v));
}
const sameMatrix = JSON.stringify(result.confusion.matrix) === JSON.stringify(sk.confusion);

const s = (xs, d = 3) => summary(xs, d);
const fmt = (x) => `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
const commandS = s(runs.map((r) => r.command));
const computeS = s(runs.map((r) => r.compute));
const sklearnS = s(runs.map((r) => r.sklearn));
const ratio = s(runs.map((r) => r.command / r.sklearn));
const computeRatio = s(runs.map((r) => r.compute / r.sklearn));
const labelled = result.labelled.toLocaleString('en');
const anchor = `sklearn.metrics + calibration_curve, compute only (data in memory): ${fmt(sklearnS)}`;
const readme = [
  {
    what: `performance, binary, ${rows.toLocaleString('en')} rows (${labelled} labelled): whole \`performance --json\` command (process start to exit)`,
    plumbline: `${fmt(commandS)}, peak RSS ${Math.round(Math.max(...runs.map((r) => r.rssMb)))} MB`,
    anchor,
    ratio,
    goal: '≤ 0.2',
    reached: ratio.median <= 0.2,
  },
  {
    what: 'performance compute only: analyzePerformance on the label and score columns in memory (metrics, curves, calibration, optimal thresholds, slider table)',
    plumbline: fmt(computeS),
    anchor,
    ratio: computeRatio,
    goal: '—',
    reached: null,
  },
];
// The exact ROC tallies repeating scores (no row kept); continuous ones keep a label byte and a score double per row.
if (bigRun()) readme.push(memoryRow('performance, binary (the log\'s 4-decimal scores: tallied, no row kept)', args, 'continuous scores, over 65,536 distinct, keep a label byte and a score double per row for the exact ROC\'s sort'));

console.log(
  JSON.stringify({
    name: 'performance',
    rows,
    labelled: result.labelled,
    pairs,
    command_s: commandS,
    peak_rss_mb: Math.round(Math.max(...runs.map((r) => r.rssMb))),
    compute_s: computeS,
    compute_cpu_s: s(runs.map((r) => r.computeCpu)),
    sklearn_compute_s: sklearnS,
    ratio,
    compute_ratio: computeRatio,
    goal_ratio: 0.2,
    max_rel_diff_vs_sklearn: maxRel,
    compute_max_rel_diff_vs_sklearn: maxRelCompute,
    confusion_equal: sameMatrix,
    load_average: { before: loadBefore, after: loadAverage() },
    readme,
  }),
);
