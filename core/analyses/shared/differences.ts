/**
 * Naming what differs between two JSON values — how every analysis's `verify(was, now)` says which
 * numbers changed between a report's embedded result and a recomputation.
 */
import { num } from '../../format/numbers';

/** Times and ids differ between any two runs; they are not results. */
const IGNORED_KEYS = new Set(['importedAt', 'startedAt', 'finishedAt', 'seconds', 'createdAt', 'id']);

function show(v: unknown): string {
  if (typeof v === 'number') return num(v, 6);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 59)}…` : v);
  if (v === undefined) return 'absent';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** Paths where two JSON values differ, naming array items by their `column`/`key` when they have one. */
export function jsonDifferences(a: unknown, b: unknown, path = '', out: string[] = [], limit = Infinity): string[] {
  if (out.length >= limit) return out;
  if (Object.is(a, b)) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      out.push(`${path || 'value'}: ${a.length} items, now ${b.length}`);
      return out;
    }
    for (let i = 0; i < a.length; i++) {
      const item = a[i] as { column?: unknown; key?: unknown } | null;
      const name = item && typeof item === 'object' && (typeof item.column === 'string' || typeof item.key === 'string') ? String(item.column ?? item.key) : String(i);
      jsonDifferences(a[i], b[i], `${path}[${name}]`, out, limit);
    }
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (IGNORED_KEYS.has(k)) continue;
      jsonDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out, limit);
    }
    return out;
  }
  out.push(`${path || 'value'}: ${show(a)} in the report, ${show(b)} now`);
  return out;
}

/** More differences than this are summarised as "… and more". */
const MAX_NUMBER_DIFFS = 20;

/** Every differing path of two results, the first twenty then "… and more": a `verify` for any analysis. */
export function resultDifferences(was: unknown, now: unknown): string[] {
  const numbers = jsonDifferences(JSON.parse(JSON.stringify(was)), JSON.parse(JSON.stringify(now)), '', [], MAX_NUMBER_DIFFS + 1);
  const out = numbers.slice(0, MAX_NUMBER_DIFFS);
  if (numbers.length > MAX_NUMBER_DIFFS) out.push('… and more');
  return out;
}
