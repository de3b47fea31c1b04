/**
 * Verifying a report: recompute from the workspace with the settings embedded in the PDF and say
 * pass, or name what differs — changed data (SHA-256, rows), changed settings (roles, options) or
 * changed numbers. Timestamps (import times, durations) are not compared.
 */
import type { AnalysisRun } from '../analyses/module';
import type { DatasetDetail } from '../api/types';
import { jsonDifferences, resultDifferences } from '../analyses/shared/differences';

export { jsonDifferences };


function dataDifferences(label: string, was: DatasetDetail, now: DatasetDetail | null): string[] {
  if (!now) return [`changed data: the ${label} dataset "${was.name}" is no longer in the workspace.`];
  const out: string[] = [];
  if (was.rows !== now.rows) out.push(`changed data: ${label} dataset "${was.name}" had ${was.rows} rows, now ${now.rows}.`);
  const n = Math.max(was.imports.length, now.imports.length);
  for (let i = 0; i < n; i++) {
    const a = was.imports[i];
    const b = now.imports[i];
    if (!a || !b) {
      out.push(`changed data: ${label} dataset "${was.name}" was built from ${was.imports.length} import(s), now ${now.imports.length}.`);
      break;
    }
    if (a.sha256 !== b.sha256) {
      out.push(`changed data: ${label} dataset "${was.name}" source file SHA-256 was ${a.sha256}, now ${b.sha256} (${b.sourcePath}).`);
    }
    if (a.rowsAccepted !== b.rowsAccepted || a.rowsRejected !== b.rowsRejected) {
      out.push(`changed data: ${label} dataset "${was.name}" import ${i + 1} accepted/rejected ${a.rowsAccepted}/${a.rowsRejected} rows, now ${b.rowsAccepted}/${b.rowsRejected}.`);
    }
  }
  const before = new Map(was.columnInfo.map((c) => [c.name, c] as const));
  const after = new Map(now.columnInfo.map((c) => [c.name, c] as const));
  for (const [name, c] of before) {
    const d = after.get(name);
    if (!d) out.push(`changed data: column "${name}" is no longer in the ${label} dataset.`);
    else {
      if (c.role !== d.role) out.push(`changed settings: role of column "${name}" in the ${label} dataset was ${c.role}, now ${d.role}.`);
      if (c.type !== d.type) out.push(`changed data: type of column "${name}" in the ${label} dataset was ${c.type}, now ${d.type}.`);
    }
  }
  for (const name of after.keys()) if (!before.has(name)) out.push(`changed data: the ${label} dataset has a new column "${name}".`);
  return out;
}

/**
 * Compares a run embedded in a report with a fresh one: each dataset it read (by slot), its
 * settings, then its numbers — by the analysis's own `verify` when given, else every JSON path.
 * `now` is null when the recomputation failed (its error message is then given as `failure`).
 */
export function compareRuns(
  was: AnalysisRun,
  now: AnalysisRun | null,
  current: Readonly<Record<string, DatasetDetail | null>>,
  failure?: string,
  numbers: (was: unknown, now: unknown) => string[] = resultDifferences,
): string[] {
  const out = Object.entries(was.provenance).flatMap(([slot, d]) => dataDifferences(slot, d, current[slot] ?? null));
  if (!now) {
    out.push(`could not recompute the results: ${failure ?? 'unknown error'}`);
    return out;
  }
  for (const d of jsonDifferences(was.settings, now.settings)) out.push(`changed settings: ${d}.`);
  for (const d of numbers(was.result, now.result)) out.push(`changed numbers: ${d}.`);
  return out;
}
