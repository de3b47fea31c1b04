// Compute-only timing for performance.bench.mjs: the label and score columns of a workspace
// dataset read once, then `analyzePerformance` (what `performance --json` computes after reading)
// timed `runs` times in this process. Prints one JSON line: each run's milliseconds and the metrics
// of the last run. Bundled by the bench with esbuild (it imports core/ TypeScript).
import { analyzePerformance } from '../../core/analyses/performance/performance';
import { Workspace } from '../../core/workspace/workspace';

const [db, dataset, runsText] = process.argv.slice(2);
const ws = new Workspace(db, { readonly: true });
const ds = ws.dataset(dataset);
const infos = ws.columns(ds.id);
const columns = ['label', 'score'].map((name) => ws.readColumn(ds, infos.find((c) => c.name === name)!));
ws.close();
const ms: number[] = [];
/** CPU milliseconds of the same runs: steadier than wall time on a loaded machine. */
const cpuMs: number[] = [];
let metrics: unknown = null;
for (let i = 0; i < Number(runsText ?? 5); i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = analyzePerformance({ columns }, { label: 'label', score: 'score', threshold: 0.5 });
  ms.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpuMs.push((c.user + c.system) / 1000);
  metrics = r.metrics;
}
console.log(JSON.stringify({ ms, cpuMs, metrics }));
