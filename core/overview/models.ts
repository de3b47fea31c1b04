/**
 * Which models the Overview lists. A model is the dataset a monitor judges (its current dataset),
 * with the reference it is compared against when there is one. Pairs come from monitors and from
 * saved analysis settings; a monitor without a reference (fairness, A/B on one log) joins the one
 * pair its dataset is current in, so a model is one card, not one per analysis. A dataset no model
 * reads is listed alone, so a fresh import shows up with a hint to add a monitor.
 */
import type { MonitorDefinition } from '../monitors/types';

export interface ModelKey {
  readonly current: string;
  readonly reference: string | null;
}

export function modelId(k: ModelKey): string {
  return JSON.stringify([k.current, k.reference]);
}

/** The monitor's current dataset (the first slot that is not `reference`) and its reference or baseline. */
export function monitorModel(def: Pick<MonitorDefinition, 'datasets' | 'reference'>): ModelKey {
  const { reference, ...others } = def.datasets;
  const current = Object.values(others)[0] ?? reference ?? '';
  return { current, reference: reference ?? def.reference ?? null };
}

/**
 * Groups monitors into models. `pairs` are other known reference/current pairs (saved settings);
 * `datasets` every dataset name in the workspace. Returns each model with its monitors' indices.
 */
export function groupModels(monitors: readonly Pick<MonitorDefinition, 'datasets' | 'reference'>[], pairs: readonly ModelKey[], datasets: readonly string[]): { key: ModelKey; monitors: number[] }[] {
  const models = new Map<string, { key: ModelKey; monitors: number[] }>();
  const add = (key: ModelKey) => {
    const id = modelId(key);
    let m = models.get(id);
    if (!m) models.set(id, (m = { key, monitors: [] }));
    return m;
  };
  const keys = monitors.map(monitorModel);
  for (const k of keys) if (k.reference !== null) add(k);
  for (const p of pairs) if (p.reference !== null && p.reference !== p.current) add(p);
  const pairsOf = (current: string) => [...models.values()].filter((m) => m.key.current === current && m.key.reference !== null);
  keys.forEach((k, i) => {
    if (k.reference !== null) return add(k).monitors.push(i);
    const only = pairsOf(k.current);
    (only.length === 1 ? only[0] : add(k)).monitors.push(i);
  });
  const used = new Set<string>();
  for (const m of models.values()) {
    used.add(m.key.current);
    if (m.key.reference !== null) used.add(m.key.reference);
  }
  for (const d of datasets) if (!used.has(d)) add({ current: d, reference: null });
  return [...models.values()];
}

/** Saved settings keys (`drift:["reference","current"]`, engine.ts) as pairs, given each analysis's slot order. */
export function pairFromSettingsKey(key: string, slotsOf: (analysis: string) => readonly string[] | null): ModelKey | null {
  const colon = key.indexOf(':');
  if (colon < 0) return null;
  const slots = slotsOf(key.slice(0, colon));
  if (!slots) return null;
  let names: unknown;
  try {
    names = JSON.parse(key.slice(colon + 1));
  } catch {
    return null;
  }
  if (!Array.isArray(names) || names.length !== slots.length) return null;
  const datasets: Record<string, string> = {};
  slots.forEach((s, i) => {
    if (typeof names[i] === 'string') datasets[s] = names[i] as string;
  });
  if (Object.keys(datasets).length === 0) return null;
  return monitorModel({ datasets });
}
