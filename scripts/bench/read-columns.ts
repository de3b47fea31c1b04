/**
 * The child process of read.bench.mjs (bundled by it with esbuild): one run of the engine's column
 * step (loadColumns) for an analysis's plan, in a fresh process as a command reads, or — the anchor
 * — the same bytes copied into fresh typed arrays. Prints one JSON line: milliseconds, minor page
 * faults, CPU milliseconds (user + system: what the machine's load does not stretch), the process's
 * peak RSS and the bytes of every column.
 *
 *   node read-columns.cjs read <db> <analysis> <datasets JSON> <options JSON>
 *   node read-columns.cjs copy <bytes,bytes,…>
 */
import { analysisById } from '../../core/analyses/every';
import { planRun } from '../../core/engine/analysis-service';
import { loadColumns } from '../../core/engine/load-columns';
import { runStepsSync } from '../../core/engine/steps';
import { Workspace } from '../../core/workspace/workspace';

const faults = (): number => process.resourceUsage().minorPageFault;
const [mode, ...args] = process.argv.slice(2);
const keep: unknown[] = [];

function measure(fn: () => number[]): void {
  const f0 = faults();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const sizes = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1e3, faults: faults() - f0, peakRssMb: process.resourceUsage().maxRSS / 1024, sizes }));
}

if (mode === 'read') {
  const [db, analysisId, datasets, options] = args;
  const ws = new Workspace(db, { readonly: true });
  const analysis = analysisById(analysisId);
  const run = planRun(ws, analysis, { datasets: JSON.parse(datasets) as Record<string, string>, options: JSON.parse(options) as Record<string, unknown> });
  const plan = analysis.columns(run.options as never, run.info as never, run.names);
  measure(() => {
    const loaded = runStepsSync(loadColumns(ws, { datasets: run.names, columns: plan.columns, order: plan.order, phase: 'bench' }));
    keep.push(loaded);
    // A sorted copy is read instead of, or beside, the row-ordered values: count what was read.
    return Object.values(loaded).flat().flatMap((c) => (c.kind === 'categorical' ? [c.codes.byteLength] : c.sortedFinite && c.sortedFinite.buffer !== c.values.buffer ? [c.values.byteLength, c.sortedFinite.byteLength] : [c.values.byteLength]));
  });
  ws.close();
} else if (mode === 'copy') {
  const sizes = args[0].split(',').map(Number);
  const source = new Uint8Array(512 * 1024).fill(7);
  measure(() => {
    for (const size of sizes) {
      const out = new Uint8Array(size);
      for (let at = 0; at < size; at += source.length) out.set(size - at >= source.length ? source : source.subarray(0, size - at), at);
      keep.push(out);
    }
    return sizes;
  });
} else throw new Error(`unknown mode ${mode}`);
