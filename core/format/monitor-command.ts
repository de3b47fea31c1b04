/**
 * The `plumbline monitor add` command line that adds a given monitor: the Overview shows it beside
 * its "Add this monitor" button, so the same check can go into a pipeline. Pure (no Node), so the
 * renderer can import it; names and datasets are data, so every argument is shell-quoted.
 */
import type { MonitorDefinition } from '../monitors/types';

/** POSIX single quotes unless the argument is plainly safe. */
export function shellQuote(s: string): string {
  return /^[\w.=/:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function monitorAddCommand(def: MonitorDefinition): string {
  const parts = ['plumbline monitor add', `--name ${shellQuote(def.name)}`, `--analysis ${shellQuote(def.analysis)}`];
  for (const [slot, dataset] of Object.entries(def.datasets)) parts.push(`--${slot === 'current' || slot === 'dataset' ? 'dataset' : slot} ${shellQuote(dataset)}`);
  if (def.reference !== undefined && def.datasets.reference === undefined) parts.push(`--reference ${shellQuote(def.reference)}`);
  if (def.where) parts.push(`--where ${shellQuote(def.where)}`);
  parts.push(`--metric ${shellQuote(def.metric)}`, `--condition ${shellQuote(def.condition)}`, `--severity ${def.severity}`);
  return parts.join(' ');
}
