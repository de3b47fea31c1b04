// Plumbline's compute-only time for performance.bench.mjs, the counterpart of
// performance_sklearn.py --serve: the label and score columns of a workspace dataset are read once,
// "ready" is printed, then each line read from stdin runs `analyzePerformance` (what
// `performance --json` computes once its columns are read) and prints that run as one JSON line:
// wall seconds, CPU seconds (steadier on a loaded machine) and the metrics. The bench bundles this
// file with esbuild, as it imports core/ TypeScript.
import readline from 'node:readline';
import { analyzePerformance } from '../../core/analyses/performance/performance';
import { Workspace } from '../../core/workspace/workspace';

const [db, dataset, threshold] = process.argv.slice(2);
const ws = new Workspace(db, { readonly: true });
const ds = ws.dataset(dataset);
const infos = ws.columns(ds.id);
const columns = ['label', 'score'].map((name) => {
  const info = infos.find((c) => c.name === name);
  if (!info) throw new Error(`"${dataset}" has no column "${name}"`);
  return ws.readColumn(ds, info);
});
ws.close();

console.log('ready');
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = analyzePerformance({ columns }, { label: 'label', score: 'score', threshold: Number(threshold ?? 0.5) });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ seconds, cpu_seconds: (c.user + c.system) / 1e6, metrics: r.metrics }));
}
