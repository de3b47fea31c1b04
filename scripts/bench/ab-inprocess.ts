/**
 * The in-process half of ab.bench.mjs (bundled by it with esbuild): the A/B run's columns read
 * through the engine's own step (loadColumns, as the command reads them), and the module's compute
 * on those loaded columns — each timed on its own, so the bench can put the compute beside the
 * anchor's compute and the reading beside a plain memory copy of the same bytes.
 */
import { abAnalysis } from '../../core/analyses/ab';
import type { AbModuleOptions } from '../../core/analyses/ab/schema';
import type { AbResult } from '../../core/analyses/ab/types';
import { planRun } from '../../core/engine/analysis-service';
import { chunkStream } from '../../core/engine/chunk-stream';
import { loadColumns, type LoadedColumns } from '../../core/engine/load-columns';
import { runStepsSync } from '../../core/engine/steps';
import { Workspace } from '../../core/workspace/workspace';
import type { AnyAnalysis } from '../../core/analyses/module';

export interface Timed<T> {
  readonly seconds: number;
  readonly value: T;
  /**
   * Minor page faults meanwhile. In this long-lived process the read and its copy anchor get
   * their arrays partly from memory freed earlier (the previous rounds' columns, when the GC has
   * let them go): 0 to ~20k faults a call for the same 76 MB, where a fresh process faults every
   * page. The read row shows both sides' faults so its ratio can be read for what it is.
   */
  readonly faults: number;
}

const faults = (): number => process.resourceUsage().minorPageFault;

function timed<T>(fn: () => T): Timed<T> {
  const f0 = faults();
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value, faults: faults() - f0 };
}

export interface AbInProcess {
  /** The columns the run reads, e.g. the variant, timestamp, segment and metric columns. */
  readonly columns: readonly string[];
  /** Reads the run's columns as the command does; the value is the bytes read. */
  read(): Timed<number>;
  /** The same number of bytes copied from one buffer into fresh typed arrays: the floor of a read. */
  copy(): Timed<number>;
  /** The module's compute on columns read once beforehand. */
  compute(): Timed<AbResult>;
  /** What the command does between start-up and output: the rows streamed from the workspace chunk by chunk into the compute. */
  stream(): Timed<AbResult>;
  close(): void;
}

export function abInProcess(db: string, dataset: string, options: AbModuleOptions): AbInProcess {
  const ws = new Workspace(db, { readonly: true });
  const run = planRun(ws, abAnalysis as unknown as AnyAnalysis, { datasets: { dataset }, options });
  const plan = abAnalysis.columns(options, run.info as never, run.names);
  const load = (): LoadedColumns => runStepsSync(loadColumns(ws, { datasets: run.names, columns: plan.columns, order: plan.order, phase: 'bench' }));
  const bytesOf = (cols: LoadedColumns) => Object.values(cols).flat().reduce((n, c) => n + (c.kind === 'numeric' ? c.values.byteLength : c.codes.byteLength), 0);
  const loaded = load();
  const sizes = Object.values(loaded).flat().map((c) => (c.kind === 'numeric' ? c.values.byteLength : c.codes.byteLength));
  const source = new Uint8Array(512 * 1024).fill(7);
  return {
    columns: Object.values(loaded).flat().map((c) => c.name),
    read: () => timed(() => bytesOf(load())),
    copy: () =>
      timed(() => {
        let n = 0;
        for (const size of sizes) {
          const out = new Uint8Array(size);
          for (let at = 0; at < size; at += source.length) out.set(size - at >= source.length ? source : source.subarray(0, size - at), at);
          n += out.byteLength;
        }
        return n;
      }),
    compute: () => timed(() => abAnalysis.compute({ columns: loaded, info: run.info }, options)),
    stream: () => timed(() => runStepsSync(abAnalysis.computeStream!({ dataset: chunkStream(ws, 'dataset', dataset, null, 'bench') }, run.info as never, options))),
    close: () => ws.close(),
  };
}
