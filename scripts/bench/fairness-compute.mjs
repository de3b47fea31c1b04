// Plumbline's fairness compute on columns already in memory — the footing pandas' anchor stands on
// (fairness_pandas.py times its group table on a DataFrame already read). Bundles the analysis with
// esbuild (as scripts/build.mjs does), reads the five columns from the bench workspace once, then
// answers `run [RESAMPLES]` on stdin with one timed compute (the same `fairnessAnalysis.compute` the
// CLI calls; RESAMPLES bootstrap resamples, seed 1, default none), so fairness.bench.mjs can
// interleave it with the pandas anchor in the same run.
//   node scripts/bench/fairness-compute.mjs WORKSPACE.db [RESAMPLES] [--serve]
import { build } from 'esbuild';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { root } from './cli-timing.mjs';

const entry = `
import { Workspace } from './core/workspace/workspace';
import { fairnessAnalysis } from './core/analyses/fairness';
export function load(file) {
  const ws = new Workspace(file, { readonly: true });
  const ds = ws.dataset('log');
  const infos = ws.columns(ds.id);
  const cols = ['label', 'score', 'race', 'sex', 'age_cat'].map((n) => ws.readColumn(ds, infos.find((c) => c.name === n)));
  const info = { dataset: infos };
  return (options) => fairnessAnalysis.compute({ columns: { dataset: cols }, info }, options);
}
`;
const out = path.join(root, '.bench', 'fairness-compute.cjs');
await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, external: ['better-sqlite3'], logLevel: 'warning', define: { __PLUMBLINE_VERSION__: '"bench"' } });
const { load } = createRequire(import.meta.url)(out);

const options = (resamples) => ({
  label: 'label',
  decision: { kind: 'score', column: 'score', threshold: 0.5 },
  attributes: ['race', 'sex', 'age_cat'],
  intersections: [['race', 'sex', 'age_cat']],
  bootstrap: { resamples, seed: 1 },
});
const compute = load(process.argv[2]);
compute(options(0)); // warm the JIT once (table and bootstrap), as pandas' anchor has its modules loaded
compute(options(200));

function once(resamples) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = compute(options(resamples));
  const c = process.cpuUsage(c0);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu_seconds: (c.user + c.system) / 1e6, groups: r.groups.length, fpr: Object.fromEntries(r.groups.map((g) => [`${g.attribute}=${g.group}`, g.fpr])) };
}

if (process.argv.includes('--serve')) {
  console.log('ready');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const l of lines) {
    const m = /^run(?: (\d+))?$/.exec(l.trim());
    if (m) console.log(JSON.stringify(once(Number(m[1] ?? 0))));
  }
} else {
  console.log(JSON.stringify(once(Number(process.argv[3] ?? 0))));
}
