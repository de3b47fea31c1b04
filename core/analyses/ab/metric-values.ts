/**
 * A metric's per-row inputs: the value column (and the ratio's denominator) as Float64Array, the
 * kind decided for auto metrics, and accuracy/precision/recall turned into 0/1 rows (NaN where the
 * row does not count) so they run through the binomial path like any conversion.
 */
import { PlumblineError } from '../../api/errors';
import type { NumericColumn, TypedColumn } from '../../data/column';
import type { MetricKind, MetricSpec } from './types';

export interface MetricValues {
  readonly kind: MetricKind;
  readonly x: Float64Array;
  /** Ratio denominator. */
  readonly y?: Float64Array;
}

function bad(message: string): PlumblineError {
  return new PlumblineError('BAD_REQUEST', message);
}

export function columnOf(columns: Readonly<Record<string, TypedColumn>>, name: string, what: string): TypedColumn {
  return columnIn((n) => (Object.prototype.hasOwnProperty.call(columns, n) ? columns[n] : undefined), name, what);
}

/** The column `describe` knows by that name; NOT_FOUND naming `what` needed it. */
export function columnIn(describe: (name: string) => TypedColumn | undefined, name: string, what: string): TypedColumn {
  const c = describe(name);
  if (!c) throw new PlumblineError('NOT_FOUND', `${what}: column ${JSON.stringify(name)} does not exist.`);
  return c;
}

function numeric(columns: Readonly<Record<string, TypedColumn>>, name: string, metric: string): Float64Array {
  const c = columnOf(columns, name, `Metric ${JSON.stringify(metric)}`);
  if (c.kind !== 'numeric') throw bad(`Metric ${JSON.stringify(metric)}: column ${JSON.stringify(name)} is text; it needs numbers (0/1 for a conversion).`);
  return c.values;
}

function isZeroOne(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && v !== 0 && v !== 1) return false;
  }
  return true;
}

/**
 * Comparable keys for prediction and label: a shared text → id table, so a categorical "1" and a
 * numeric 1 match. Numbers are turned into text once per distinct value, not per row.
 */
function keysOf(c: TypedColumn, ids: Map<string, number>): Float64Array {
  const idOf = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  if (c.kind === 'categorical') {
    const byCode = c.dictionary.map(idOf);
    const out = new Float64Array(c.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? NaN : byCode[c.codes[i]];
    return out;
  }
  const byValue = new Map<number, number>();
  const out = new Float64Array(c.values.length);
  for (let i = 0; i < out.length; i++) {
    const v = c.values[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    let id = byValue.get(v);
    if (id === undefined) byValue.set(v, (id = idOf(String(v))));
    out[i] = id;
  }
  return out;
}

export function metricValues(columns: Readonly<Record<string, TypedColumn>>, m: MetricSpec): MetricValues {
  switch (m.kind) {
    case 'accuracy':
    case 'precision':
    case 'recall': {
      const ids = new Map<string, number>();
      const pred = keysOf(columnOf(columns, m.column, `Metric ${JSON.stringify(m.name)}`), ids);
      const label = keysOf(columnOf(columns, m.label as string, `Metric ${JSON.stringify(m.name)}`), ids);
      if (pred.length !== label.length) throw bad(`Metric ${JSON.stringify(m.name)}: prediction and label differ in length.`);
      const positive = ids.get(m.positive ?? '1') ?? (m.positive === undefined ? ids.get('true') : undefined) ?? -1;
      const x = new Float64Array(pred.length);
      for (let i = 0; i < x.length; i++) {
        const p = pred[i];
        const l = label[i];
        if (p !== p || l !== l) x[i] = NaN;
        else if (m.kind === 'accuracy') x[i] = p === l ? 1 : 0;
        else if (m.kind === 'precision') x[i] = p === positive ? (l === positive ? 1 : 0) : NaN;
        else x[i] = l === positive ? (p === positive ? 1 : 0) : NaN;
      }
      return { kind: m.kind, x };
    }
    case 'ratio':
      return { kind: 'ratio', x: numeric(columns, m.column, m.name), y: numeric(columns, m.denominator as string, m.name) };
    case 'binomial': {
      const x = numeric(columns, m.column, m.name);
      if (!isZeroOne(x)) throw bad(`Metric ${JSON.stringify(m.name)}: a binomial metric needs 0/1 values.`);
      return { kind: 'binomial', x };
    }
    case 'quantile':
      return { kind: 'quantile', x: numeric(columns, m.column, m.name) };
    case 'mean': {
      const c = columnOf(columns, m.column, `Metric ${JSON.stringify(m.name)}`);
      if (c.kind !== 'numeric') throw bad(`Metric ${JSON.stringify(m.name)}: column ${JSON.stringify(m.column)} is text; it needs numbers (0/1 for a conversion).`);
      const binary = m.auto === true && (c.type === 'boolean' || isZeroOne(c.values));
      return { kind: binary ? 'binomial' : 'mean', x: c.values };
    }
  }
}

/**
 * A metric as a pass over row chunks reads it, checked against the columns' descriptions before
 * any row is read (the same messages as metricValues). Whether a column holds only 0/1 is known
 * only after the pass: `zeroOne` says what it decides — a binomial metric requires it, an auto
 * metric becomes binomial with it.
 */
export interface MetricPlan {
  readonly spec: MetricSpec;
  /** Kind when the data cannot change it; an auto metric's is settled by `settleKind`. */
  readonly kind: MetricKind;
  readonly x: string;
  /** Ratio denominator. */
  readonly y?: string;
  readonly zeroOne: 'require' | 'decide' | 'no';
  /** Accuracy/precision/recall: values made from whole columns (metricValues), one chunk only. */
  readonly wholeRows: boolean;
}

export function planMetric(columns: (name: string) => TypedColumn | undefined, m: MetricSpec): MetricPlan {
  const described = (name: string): Readonly<Record<string, TypedColumn>> => {
    const c = columns(name);
    return c ? { [name]: c } : {};
  };
  switch (m.kind) {
    case 'accuracy':
    case 'precision':
    case 'recall':
      columnOf(described(m.column), m.column, `Metric ${JSON.stringify(m.name)}`);
      columnOf(described(m.label as string), m.label as string, `Metric ${JSON.stringify(m.name)}`);
      return { spec: m, kind: m.kind, x: m.column, y: m.label, zeroOne: 'no', wholeRows: true };
    case 'ratio':
      numeric(described(m.column), m.column, m.name);
      numeric(described(m.denominator as string), m.denominator as string, m.name);
      return { spec: m, kind: 'ratio', x: m.column, y: m.denominator, zeroOne: 'no', wholeRows: false };
    case 'binomial':
      numeric(described(m.column), m.column, m.name);
      return { spec: m, kind: 'binomial', x: m.column, zeroOne: 'require', wholeRows: false };
    case 'quantile':
      numeric(described(m.column), m.column, m.name);
      return { spec: m, kind: 'quantile', x: m.column, zeroOne: 'no', wholeRows: false };
    case 'mean': {
      const c = columnOf(described(m.column), m.column, `Metric ${JSON.stringify(m.name)}`);
      if (c.kind !== 'numeric') throw bad(`Metric ${JSON.stringify(m.name)}: column ${JSON.stringify(m.column)} is text; it needs numbers (0/1 for a conversion).`);
      if (m.auto === true && c.type === 'boolean') return { spec: m, kind: 'binomial', x: m.column, zeroOne: 'no', wholeRows: false };
      return { spec: m, kind: 'mean', x: m.column, zeroOne: m.auto === true ? 'decide' : 'no', wholeRows: false };
    }
  }
}

/** Per row x (and y) of a planned metric over one chunk's columns; accuracy and friends only on whole columns. */
export function chunkValues(p: MetricPlan, columns: Readonly<Record<string, TypedColumn>>): { x: Float64Array; y?: Float64Array } {
  if (p.wholeRows) return { x: metricValues(columns, { ...p.spec, kind: p.kind }).x };
  const x = (columns[p.x] as NumericColumn).values;
  return p.y !== undefined ? { x, y: (columns[p.y] as NumericColumn).values } : { x };
}

/** Whether every value of x[0 … n) is 0, 1 or missing. */
export function zeroOneRows(x: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v && v !== 0 && v !== 1) return false;
  }
  return true;
}

/** The kind after the pass: throws when a binomial metric held other values than 0/1. */
export function settleKind(p: MetricPlan, allZeroOne: boolean): MetricKind {
  if (p.zeroOne === 'require' && !allZeroOne) throw bad(`Metric ${JSON.stringify(p.spec.name)}: a binomial metric needs 0/1 values.`);
  if (p.zeroOne === 'decide') return allZeroOne ? 'binomial' : 'mean';
  return p.kind;
}
