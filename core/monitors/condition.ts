/**
 * A monitor's condition: when it holds, the monitor alerts at its severity. Conditions name the
 * bad state, as alert rules do ("accuracy < 0.85" alerts when accuracy falls below 0.85):
 *
 *   < 0.85   <= x   > x   >= 0.5   == 1   != 0       compare the value with a number
 *   outside [0.8, 1.25]    between [0.2, 0.4]        a closed range (bounds included in it)
 *   drop > 5%   drop >= 0.02   rise > 10%           change from the baseline value (the same
 *                                                    figure computed on the reference): `%` is
 *                                                    relative to |baseline|, a bare number absolute
 *
 * Pure: parsing and evaluation only; the engine finds the value and the baseline.
 */
import { PlumblineError } from '../api/errors';

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export type Condition =
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'range'; readonly outside: boolean; readonly low: number; readonly high: number }
  | { readonly kind: 'change'; readonly direction: 'drop' | 'rise'; readonly op: '>' | '>='; readonly amount: number; readonly relative: boolean };

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const COMPARE = new RegExp(String.raw`^(<=|>=|==|!=|<|>|=)\s*(${NUMBER})$`);
const RANGE = new RegExp(String.raw`^(outside|between)\s*\[\s*(${NUMBER})\s*,\s*(${NUMBER})\s*\]$`, 'i');
const CHANGE = new RegExp(String.raw`^(drop|rise)\s*(>=|>)\s*(${NUMBER})\s*(%?)$`, 'i');

const HELP = 'Conditions: "< 0.85", ">= 0.5", "== 1", "outside [0.8, 1.25]", "between [0.2, 0.4]", "drop > 5%", "rise >= 0.02".';

function bad(text: string, why: string): PlumblineError {
  return new PlumblineError('BAD_REQUEST', `Cannot read the condition ${JSON.stringify(text)}: ${why}. ${HELP}`);
}

function finite(text: string, s: string): number {
  const n = Number(s);
  if (!Number.isFinite(n)) throw bad(text, `${s} is not a finite number`);
  return n;
}

export function parseCondition(text: string): Condition {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') throw bad(text, 'it is empty');
  let m = COMPARE.exec(t);
  if (m) return { kind: 'compare', op: m[1] === '=' ? '==' : (m[1] as CompareOp), value: finite(text, m[2]) };
  m = RANGE.exec(t);
  if (m) {
    const low = finite(text, m[2]);
    const high = finite(text, m[3]);
    if (low > high) throw bad(text, `the range's low end ${m[2]} is above its high end ${m[3]}`);
    return { kind: 'range', outside: m[1].toLowerCase() === 'outside', low, high };
  }
  m = CHANGE.exec(t);
  if (m) {
    const amount = finite(text, m[3]);
    if (amount < 0) throw bad(text, `a ${m[1].toLowerCase()} is measured as a non-negative amount; write "${m[1].toLowerCase() === 'drop' ? 'rise' : 'drop'}" instead`);
    const relative = m[4] === '%';
    return { kind: 'change', direction: m[1].toLowerCase() as 'drop' | 'rise', op: m[2] as '>' | '>=', amount: relative ? amount / 100 : amount, relative };
  }
  if (/^[A-Za-z_]/.test(t) && !/^(outside|between|drop|rise)\b/i.test(t)) throw bad(text, 'it starts with a name; give the metric separately and only the comparison here');
  throw bad(text, 'it matches no known form');
}

/** The canonical text of a condition (what `monitor list` shows and the spec file stores). */
export function formatCondition(c: Condition): string {
  switch (c.kind) {
    case 'compare':
      return `${c.op} ${c.value}`;
    case 'range':
      return `${c.outside ? 'outside' : 'between'} [${c.low}, ${c.high}]`;
    case 'change':
      return `${c.direction} ${c.op} ${c.relative ? `${round(c.amount * 100)}%` : c.amount}`;
  }
}

/** 5% stored as 0.05 prints back as 5, not 5.000000000000001. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}

/** Whether a condition needs the baseline value (the figure computed on the reference). */
export function needsBaseline(c: Condition): boolean {
  return c.kind === 'change';
}

export type ConditionOutcome =
  /** `holds`: the condition is met, so the monitor alerts. `change`: the drop or rise measured (relative when `%`). */
  | { readonly ok: true; readonly holds: boolean; readonly change: number | null }
  | { readonly ok: false; readonly error: string };

function compare(op: CompareOp | '>' | '>=', a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/**
 * Does the condition hold for this value? A missing value (null, NaN) is an error, never a pass:
 * a monitor that cannot see its figure must not report that all is well.
 */
export function evaluateCondition(c: Condition, value: number | null, baseline: number | null = null): ConditionOutcome {
  if (value === null || !Number.isFinite(value)) return { ok: false, error: 'the result has no value for this metric' };
  switch (c.kind) {
    case 'compare':
      return { ok: true, holds: compare(c.op, value, c.value), change: null };
    case 'range': {
      const inside = value >= c.low && value <= c.high;
      return { ok: true, holds: c.outside ? !inside : inside, change: null };
    }
    case 'change': {
      if (baseline === null || !Number.isFinite(baseline)) return { ok: false, error: 'the baseline (the same figure on the reference) has no value' };
      const diff = c.direction === 'drop' ? baseline - value : value - baseline;
      if (c.relative && baseline === 0) return { ok: false, error: 'a relative change from a baseline of 0 is undefined; use an absolute amount (no %)' };
      const change = c.relative ? diff / Math.abs(baseline) : diff;
      return { ok: true, holds: compare(c.op, change, c.amount), change };
    }
  }
}
