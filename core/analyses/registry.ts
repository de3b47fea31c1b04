/**
 * Every analysis, in the order screens, commands and report chapters list them: what can be known
 * of each without loading its code (id, title, dataset slots, report chapters), and how to load
 * its module. Loading is per analysis (`loadAnalysis`), so the CLI's split build gives each
 * analysis its own files and `plumbline performance` reads performance code only, not the A/B,
 * drift and fairness code it used to read and compile with it (83 of ~320 ms). Each analysis's
 * id, title, slots and chapters are written once, in its folder's info.ts, which both this list
 * and its module read. Adding one is an info.ts and one entry here (see core/analyses/README.md);
 * `every.ts` then fails to type-check until it lists the module.
 */
import { PlumblineError } from '../api/errors';
import type { AnalysisInfo, AnyAnalysis } from './module';
import { driftInfo } from './drift/info';
import { performanceInfo } from './performance/info';
import { fairnessInfo } from './fairness/info';
import { abInfo } from './ab/info';
import { operationsInfo } from './operations/info';
import { correlationInfo } from './correlation/info';

export type { AnalysisInfo } from './module';

interface Entry extends AnalysisInfo {
  /** Imports the module (a dynamic import: esbuild splits there). */
  load(): Promise<AnyAnalysis>;
}

const ENTRIES = [
  { ...driftInfo, load: async () => (await import('./drift')).driftAnalysis },
  { ...performanceInfo, load: async () => (await import('./performance')).performanceAnalysis },
  { ...fairnessInfo, load: async () => (await import('./fairness')).fairnessAnalysis },
  { ...abInfo, load: async () => (await import('./ab')).abAnalysis },
  { ...operationsInfo, load: async () => (await import('./operations')).operationsAnalysis },
  { ...correlationInfo, load: async () => (await import('./correlation')).correlationAnalysis },
] as const satisfies readonly Entry[];

/** An analysis's id, as the registry spells it. */
export type AnalysisId = (typeof ENTRIES)[number]['id'];

export const ANALYSES: readonly AnalysisInfo[] = ENTRIES.map(({ load: _load, ...info }) => info);

function entry(id: string): Entry {
  const e = (ENTRIES as readonly Entry[]).find((x) => x.id === id);
  if (!e) throw new PlumblineError('NOT_FOUND', `Unknown analysis ${JSON.stringify(id)}. Analyses: ${ANALYSES.map((x) => x.id).join(', ')}.`);
  return e;
}

/** The registry's entry for `id`; NOT_FOUND naming the known ones for any other. */
export function analysisInfo(id: string): AnalysisInfo {
  return ANALYSES[(ENTRIES as readonly Entry[]).indexOf(entry(id))]!;
}

export function isAnalysisId(id: unknown): id is AnalysisId {
  return typeof id === 'string' && ANALYSES.some((a) => a.id === id);
}

const loaded = new Map<string, AnyAnalysis>();
const loading = new Map<string, Promise<AnyAnalysis>>();

/** The module of analysis `id`, loading its code on first use; rejects with NOT_FOUND for an unknown id. */
export async function loadAnalysis(id: string): Promise<AnyAnalysis> {
  const e = entry(id);
  let p = loading.get(e.id);
  if (!p) {
    p = e.load().then((m) => {
      loaded.set(e.id, m);
      return m;
    });
    loading.set(e.id, p);
  }
  return p;
}

/** Every analysis's module, in the registry's order: for what lists them all (help, reports, specs). */
export function loadAnalyses(): Promise<AnyAnalysis[]> {
  return Promise.all(ANALYSES.map((a) => loadAnalysis(a.id)));
}

/**
 * An analysis whose module is already loaded, for synchronous code such as a zod refinement (the
 * API loads the analyses an argument names before validating it, see schemas.ts). Undefined when
 * it is not loaded yet.
 */
export function loadedAnalysis(id: string): AnyAnalysis | undefined {
  return loaded.get(id);
}

/** Records modules loaded statically (every.ts), so `loadedAnalysis` finds them without an import. */
export function noteLoaded(modules: readonly AnyAnalysis[]): void {
  for (const m of modules) {
    loaded.set(m.id, m);
    if (!loading.has(m.id)) loading.set(m.id, Promise.resolve(m));
  }
}
