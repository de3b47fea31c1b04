// Performance benchmark (issue 11): the whole `performance --json` command on 1M rows (about 900k
// labelled) against sklearn computing the same metrics and curves on the same rows in memory, in
// the same run, interleaved; and Plumbline's compute alone (analyzePerformance on the columns in
// memory, scripts/bench/performance-compute.ts) against the same sklearn compute. The numbers must
// agree, or the timing compares different work.
import { buildSync } from 'esbuild';
import path from 'node:path';
import { modelLogData } from './model-log-data.mjs';
import { relDiff, root, workspace } from './cli-timing.mjs';
import { loadAverage, pythonAnchor, servedCompute, summary } from './interleave.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const pairs = Number(process.env.BENCH_SAMPLES ?? 5);
const threshold = '0.5';
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
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
  const t0 = process.hrtime.bigint();
  result = JSON.parse(ws.run(args));
  const command = Number(process.hrtime.bigint() - t0) / 1e9;
  mine = await compute.compute();
  sk = await sklearn.compute();
  runs.push({ command, compute: mine.seconds, computeCpu: mine.cpu_seconds, sklearn: sk.seconds });
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
    plumbline: fmt(commandS),
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

console.log(
  JSON.stringify({
    name: 'performance',
    rows,
    labelled: result.labelled,
    pairs,
    command_s: commandS,
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
