/**
 * Verifying a report: recompute from the workspace with the settings embedded in the PDF and say
 * pass, or name what differs — changed data (SHA-256, rows), changed settings (roles, options) or
 * changed numbers. Timestamps (import times, durations) are not compared.
 */
import type { DatasetDetail, DriftRun } from '../api/types';
import { jsonDifferences } from '../analyses/shared/differences';

export { jsonDifferences };

const MAX_NUMBER_DIFFS = 20;

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
 * Compares the run embedded in a report with a fresh one. `now` is null when the recomputation
 * failed (its error message is then given as `failure`).
 */
export function compareRuns(was: DriftRun, now: DriftRun | null, current: { reference: DatasetDetail | null; current: DatasetDetail | null }, failure?: string): string[] {
  const out = [
    ...dataDifferences('reference', was.provenance.reference, current.reference),
    ...dataDifferences('current', was.provenance.current, current.current),
  ];
  if (!now) {
    out.push(`could not recompute the results: ${failure ?? 'unknown error'}`);
    return out;
  }
  for (const d of jsonDifferences(was.settings, now.settings)) out.push(`changed settings: ${d}.`);
  const numbers = jsonDifferences(JSON.parse(JSON.stringify(was.result)), JSON.parse(JSON.stringify(now.result)), '', [], MAX_NUMBER_DIFFS + 1);
  for (const d of numbers.slice(0, MAX_NUMBER_DIFFS)) out.push(`changed numbers: ${d}.`);
  if (numbers.length > MAX_NUMBER_DIFFS) out.push('changed numbers: … and more.');
  return out;
}
