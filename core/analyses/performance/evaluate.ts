/**
 * The scalar metrics of any task on any set of rows — the one function behind the whole-dataset
 * numbers, each chunk over time and each segment, so the three can never disagree.
 */
import { binaryMetrics, gatherBinary, type BinaryMetricOptions } from './binary';
import type { Prepared } from './detect';
import { multiclassMetrics } from './multiclass';
import { gatherRegression, regressionMetrics } from './regression';
import type { Metrics } from './types';

export interface Evaluated {
  readonly rows: number;
  readonly labelled: number;
  readonly missing: number;
  readonly metrics: Metrics;
  readonly undefined: Record<string, string>;
}

export function evaluateRows(p: Prepared, rows: Uint32Array | null, o: BinaryMetricOptions): Evaluated {
  if (p.task === 'binary') {
    const g = gatherBinary(p, rows);
    const m = binaryMetrics(g, o);
    return { rows: g.rows, labelled: g.labelled, missing: g.missing, metrics: m.metrics, undefined: m.undefined };
  }
  if (p.task === 'multiclass') {
    const m = multiclassMetrics(p, rows, o.labelName);
    return { rows: m.rows, labelled: m.labelled, missing: m.missing, metrics: m.metrics, undefined: m.undefined };
  }
  const g = gatherRegression(p, rows);
  const m = regressionMetrics(g);
  return { rows: g.rows, labelled: g.labelled, missing: g.missing, metrics: m.metrics, undefined: m.undefined };
}

/** Metrics where lower is better; every other watched metric is higher-is-better. */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  'mae', 'mse', 'rmse', 'mape', 'median_absolute_error', 'brier', 'log_loss', 'expected_calibration_error',
  'false_positive_rate', 'false_negative_rate',
]);

export const HEADLINE_METRICS: Readonly<Record<Prepared['task'], readonly string[]>> = {
  binary: ['accuracy', 'f1', 'roc_auc'],
  multiclass: ['accuracy', 'macro_f1'],
  regression: ['mae', 'rmse', 'r2'],
};
