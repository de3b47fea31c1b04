/**
 * Every analysis, in the order screens, commands and report chapters list them: what can be known
 * of each without loading its code (id, title, dataset slots, report chapters), and how to load
 * its module. Loading is per analysis (`loadAnalysis`), so the CLI's split build gives each
 * analysis its own files and `plumbline performance` reads performance code only, not the A/B,
 * drift and fairness code it used to read and compile with it (83 of ~320 ms). Adding one is one
 * entry here (see core/analyses/README.md); `every.ts` then fails to type-check until it lists
 * the module, and the registry test holds each entry equal to its module.
 */
import { PlumblineError } from '../api/errors';
import type { AnyAnalysis, DatasetSlot, SectionInfo } from './module';

/** An analysis as the registry lists it: its module's identity, slots and chapters, not its code. */
export interface AnalysisInfo {
  readonly id: string;
  readonly title: string;
  readonly datasets: readonly DatasetSlot[];
  /** Its report chapters, in default order (whether one applies to a result is the module's `sections`). */
  readonly sections: readonly SectionInfo[];
}

interface Entry extends AnalysisInfo {
  /** Imports the module (a dynamic import: esbuild splits there). */
  load(): Promise<AnyAnalysis>;
}

const ENTRIES = [
  {
    id: 'drift',
    title: 'Drift',
    datasets: [
      { slot: 'reference', description: 'reference dataset (training or validation data)' },
      { slot: 'current', description: 'current dataset (the production log)' },
    ],
    sections: [
      { id: 'drift', title: 'Data drift', description: 'per-column drift tests, dataset drift and distribution charts' },
      { id: 'over-time', title: 'Drift over time', description: 'the drift test per chunk of the current data (needs chunking in the options)' },
      { id: 'quality', title: 'Data quality', description: 'missing values, out-of-range values, new categories, type violations, constant columns' },
    ],
    load: async () => (await import('./drift')).driftAnalysis,
  },
  {
    id: 'performance',
    title: 'Performance',
    datasets: [
      { slot: 'current', flag: 'dataset', description: 'the dataset whose predictions are judged (a production log with labels)' },
      { slot: 'reference', optional: true, description: 'baseline dataset (e.g. validation data): its metrics side by side, the band over time, degradation against it' },
    ],
    sections: [
      { id: 'performance', title: 'Model performance', description: 'metrics with definitions, confusion matrix, ROC/PR/calibration, over time, worst segments, degradation flags' },
    ],
    load: async () => (await import('./performance')).performanceAnalysis,
  },
  {
    id: 'fairness',
    title: 'Fairness',
    datasets: [{ slot: 'dataset', description: 'dataset with the label, the decision (score or prediction) and the attribute columns' }],
    sections: [
      { id: 'fairness', title: 'Fairness', description: 'group error rates, disparities against the reference group, parity at τ, too-small groups, Fairlearn summaries and definitions' },
      { id: 'fairness-over-time', title: 'Fairness over time', description: 'disparities per chunk (needs chunking in the options)' },
    ],
    load: async () => (await import('./fairness')).fairnessAnalysis,
  },
  {
    id: 'ab',
    title: 'A/B test',
    datasets: [{ slot: 'dataset', description: 'the experiment log: one row per exposure, with the variant and the metric columns' }],
    sections: [{ id: 'ab', title: 'A/B test', description: 'experiment design, sample ratio check, lift per metric with intervals, guardrails, decision and methods' }],
    load: async () => (await import('./ab')).abAnalysis,
  },
  {
    id: 'operations',
    title: 'Operations',
    datasets: [
      { slot: 'dataset', description: 'the prediction log (latency, status, model version, score or prediction, timestamp)' },
      { slot: 'reference', description: 'a reference log whose figures are the baseline', optional: true },
    ],
    sections: [
      { id: 'operations', title: 'System health', description: 'latency P50/P95/P99, throughput, error rate over time and per model version' },
      { id: 'predictions', title: 'Prediction analysis', description: 'score histogram and prediction distribution over time, predicted-positive rate, volume by hour and weekday' },
    ],
    load: async () => (await import('./operations')).operationsAnalysis,
  },
  {
    id: 'correlation',
    title: 'Correlation',
    datasets: [
      { slot: 'reference', description: 'reference dataset (training or validation data)' },
      { slot: 'current', description: 'current dataset (the production log)' },
    ],
    sections: [{ id: 'correlation', title: 'Feature correlation', description: 'Pearson or Spearman correlation matrices of the numeric features, reference vs current, and the largest changes' }],
    load: async () => (await import('./correlation')).correlationAnalysis,
  },
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
