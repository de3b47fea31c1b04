/**
 * A/B options: the zod schema (CLI flags, the screen's form and saved specs all go through it) and
 * the parsers for the compact metric and guardrail specs of the command line:
 *   `converted`, `revenue:mean`, `converted:binomial`, `latency_ms:p99`, `latency_ms:q0.9`,
 *   `revenue/sessions` (ratio), `accuracy(prediction,label)`, `precision(pred,label,positive)`;
 *   guardrails `latency_ms:p99<=+50` (absolute) and `converted>=-2%` (relative).
 */
import { z } from 'zod';
import { PlumblineError } from '../../api/errors';
import type { GuardrailSpec, MetricKind, MetricSpec } from './types';
import { lazySchema } from '../../api/lazy-schema';

const METRIC_KINDS = ['binomial', 'mean', 'ratio', 'quantile', 'accuracy', 'precision', 'recall'] as const satisfies readonly MetricKind[];

const metricObject = lazySchema(() => z
  .object({
    name: z.string().min(1).optional(),
    kind: z.enum(METRIC_KINDS).optional(),
    column: z.string().min(1),
    denominator: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    positive: z.string().optional(),
    quantile: z.number().gt(0).lt(1).optional(),
    lowerIsBetter: z.boolean().optional(),
  })
  .strict());

export const abOptionsSchema = lazySchema(() => z
  .object({
    variant: z.string().min(1),
    control: z.string().optional(),
    treatments: z.array(z.string()).min(1).optional(),
    unit: z.string().min(1).optional(),
    timestamp: z.string().min(1).optional(),
    metrics: z.array(z.union([z.string().min(1), metricObject])).min(1),
    /** Metric name deciding ship / roll back; default the first metric. */
    primary: z.string().optional(),
    guardrails: z.array(z.string().min(1)).optional(),
    engine: z.enum(['frequentist', 'bayesian']).optional(),
    sequential: z.boolean().optional(),
    /** GrowthBook's N: the total sample size where the confidence sequence is tightest. */
    sequentialTuning: z.number().positive().finite().optional(),
    alpha: z.number().gt(0).lt(0.5).optional(),
    sides: z.union([z.literal(1), z.literal(2)]).optional(),
    correction: z.enum(['holm', 'bh', 'none']).optional(),
    /** Metric name → pre-period covariate column. */
    cuped: z.record(z.string(), z.string().min(1)).optional(),
    /** Variant name → expected traffic weight (default equal). */
    weights: z.record(z.string(), z.number().positive().finite()).optional(),
    srmThreshold: z.number().gt(0).lt(1).optional(),
    minSamplePerVariant: z.number().int().min(0).optional(),
    power: z.number().gt(0).lt(1).optional(),
    /** Relative lift the sample-size calculation targets. */
    targetMde: z.number().positive().finite().optional(),
    segment: z.string().min(1).optional(),
    /** Quantile metrics' interval: order statistics (default, distribution-free) or a seeded bootstrap. */
    quantileInterval: z.enum(['order-statistic', 'bootstrap']).optional(),
    bootstrapResamples: z.number().int().min(2).max(10_000).optional(),
    seed: z.number().int().optional(),
  })
  .strict());

export type AbOptionsInput = z.input<typeof abOptionsSchema>;

export interface AbOptions {
  readonly variant: string;
  readonly control?: string;
  readonly treatments?: readonly string[];
  readonly unit?: string;
  readonly timestamp?: string;
  readonly metrics: readonly MetricSpec[];
  readonly primary: string;
  readonly guardrails: readonly GuardrailSpec[];
  readonly engine: 'frequentist' | 'bayesian';
  readonly sequential: boolean;
  readonly sequentialTuning: number;
  readonly alpha: number;
  readonly sides: 1 | 2;
  readonly correction: 'holm' | 'bh' | 'none';
  readonly cuped: Readonly<Record<string, string>>;
  readonly weights?: Readonly<Record<string, number>>;
  readonly srmThreshold: number;
  readonly minSamplePerVariant: number;
  readonly power: number;
  readonly targetMde: number;
  readonly segment?: string;
  readonly quantileInterval: 'order-statistic' | 'bootstrap';
  readonly bootstrapResamples: number;
  readonly seed: number;
}

export const AB_DEFAULTS = {
  engine: 'frequentist',
  sequentialTuning: 5000,
  alpha: 0.05,
  sides: 2,
  correction: 'holm',
  srmThreshold: 0.001,
  minSamplePerVariant: 1000,
  power: 0.8,
  targetMde: 0.05,
  quantileInterval: 'order-statistic',
  bootstrapResamples: 200,
  seed: 1,
} as const;

function bad(message: string): PlumblineError {
  return new PlumblineError('BAD_REQUEST', message);
}

const PERCENTILE = /^p(\d{1,2}(?:\.\d+)?)$/;
const QUANTILE = /^q(0?\.\d+)$/;
const MODEL_METRIC = /^(accuracy|precision|recall)\((.+)\)$/;

/**
 * A metric spec string. The suffix after the last ':' is a kind or a quantile only when it reads
 * as one, so a column named `a:b` stays usable through the object form.
 */
export function parseMetricSpec(spec: string): MetricSpec {
  const s = spec.trim();
  const model = MODEL_METRIC.exec(s);
  if (model) {
    const kind = model[1] as 'accuracy' | 'precision' | 'recall';
    const parts = model[2].split(',').map((p) => p.trim());
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      throw bad(`Metric "${s}": write ${kind}(prediction,label) or ${kind}(prediction,label,positive).`);
    }
    return { name: s, kind, column: parts[0], label: parts[1], ...(parts[2] !== undefined ? { positive: parts[2] } : {}) };
  }
  const colon = s.lastIndexOf(':');
  if (colon > 0) {
    const column = s.slice(0, colon);
    const suffix = s.slice(colon + 1).toLowerCase();
    const pct = PERCENTILE.exec(suffix);
    const q = QUANTILE.exec(suffix);
    const quantile = pct ? Number(pct[1]) / 100 : q ? Number(q[1]) : undefined;
    if (quantile !== undefined) {
      if (!(quantile > 0 && quantile < 1)) throw bad(`Metric "${s}": the quantile must lie strictly between 0 and 1.`);
      return { name: s, kind: 'quantile', column, quantile };
    }
    if (suffix === 'mean' || suffix === 'binomial') return { name: s, kind: suffix, column };
  }
  const slash = s.indexOf('/');
  if (slash > 0 && slash < s.length - 1) {
    return { name: s, kind: 'ratio', column: s.slice(0, slash), denominator: s.slice(slash + 1) };
  }
  // Kind left to the data (binomial for 0/1 columns, mean otherwise): 'mean' is the placeholder.
  return { name: s, kind: 'mean', column: s, auto: true };
}

const GUARDRAIL = /^(.+?)\s*(<=|>=)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(%?)$/i;

export function parseGuardrail(text: string): GuardrailSpec {
  const m = GUARDRAIL.exec(text.trim());
  if (!m) throw bad(`Guardrail "${text}": write metric<=+LIMIT or metric>=-LIMIT%, e.g. latency_ms:p99<=+50 or converted>=-2%.`);
  const relative = m[4] === '%';
  const value = Number(m[3]);
  return { text: text.trim(), metric: m[1].trim(), op: m[2] as '<=' | '>=', limit: relative ? value / 100 : value, relative };
}

/** Validates and fills defaults; metric strings and guardrails parsed, names checked for clashes. */
export function parseAbOptions(raw: unknown): AbOptions {
  const parsed = abOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new PlumblineError('BAD_REQUEST', `Invalid A/B options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const o = parsed.data;
  const metrics: MetricSpec[] = o.metrics.map((m) => {
    if (typeof m === 'string') return parseMetricSpec(m);
    const kind = m.kind ?? (m.denominator ? 'ratio' : m.quantile !== undefined ? 'quantile' : m.label ? 'accuracy' : undefined);
    const base = { ...m, name: m.name ?? m.column };
    if (kind === undefined) return { ...base, kind: 'mean', auto: true };
    if (kind === 'ratio' && !m.denominator) throw bad(`Metric "${base.name}": a ratio needs a denominator column.`);
    if (kind === 'quantile' && m.quantile === undefined) throw bad(`Metric "${base.name}": a quantile metric needs quantile in (0, 1).`);
    if ((kind === 'accuracy' || kind === 'precision' || kind === 'recall') && !m.label) throw bad(`Metric "${base.name}": ${kind} needs a label column.`);
    return { ...base, kind };
  });
  // GrowthBook's confidence sequences belong to its frequentist engine; a posterior is valid at any look.
  if (o.sequential && o.engine === 'bayesian') throw bad('Sequential testing applies to the frequentist engine; the Bayesian engine needs no peeking correction.');
  const guardrails = (o.guardrails ?? []).map(parseGuardrail);
  // Guardrail metrics join the analysis when not already listed. A quantile guarded from above
  // (latency_ms:p99<=+50) is one where lower is better, listed or not, unless the metric says so.
  for (const g of guardrails) {
    const i = metrics.findIndex((m) => m.name === g.metric);
    if (i < 0) {
      const m = parseMetricSpec(g.metric);
      metrics.push(m.kind === 'quantile' ? { ...m, lowerIsBetter: g.op === '<=' } : m);
    } else if (metrics[i].kind === 'quantile' && metrics[i].lowerIsBetter === undefined) {
      metrics[i] = { ...metrics[i], lowerIsBetter: g.op === '<=' };
    }
  }
  const names = new Set<string>();
  for (const m of metrics) {
    if (names.has(m.name)) throw bad(`Metric "${m.name}" is listed twice.`);
    names.add(m.name);
  }
  const primary = o.primary ?? metrics[0].name;
  if (!names.has(primary)) throw bad(`Primary metric "${primary}" is not among the metrics.`);
  for (const key of Object.keys(o.cuped ?? {})) if (!names.has(key)) throw bad(`CUPED names metric "${key}", which is not among the metrics.`);
  return {
    variant: o.variant,
    control: o.control,
    treatments: o.treatments,
    unit: o.unit,
    timestamp: o.timestamp,
    metrics,
    primary,
    guardrails,
    engine: o.engine ?? AB_DEFAULTS.engine,
    sequential: o.sequential ?? false,
    sequentialTuning: o.sequentialTuning ?? AB_DEFAULTS.sequentialTuning,
    alpha: o.alpha ?? AB_DEFAULTS.alpha,
    sides: o.sides ?? AB_DEFAULTS.sides,
    correction: o.correction ?? AB_DEFAULTS.correction,
    cuped: o.cuped ?? {},
    weights: o.weights,
    srmThreshold: o.srmThreshold ?? AB_DEFAULTS.srmThreshold,
    minSamplePerVariant: o.minSamplePerVariant ?? AB_DEFAULTS.minSamplePerVariant,
    power: o.power ?? AB_DEFAULTS.power,
    targetMde: o.targetMde ?? AB_DEFAULTS.targetMde,
    segment: o.segment,
    quantileInterval: o.quantileInterval ?? AB_DEFAULTS.quantileInterval,
    bootstrapResamples: o.bootstrapResamples ?? AB_DEFAULTS.bootstrapResamples,
    seed: o.seed ?? AB_DEFAULTS.seed,
  };
}
