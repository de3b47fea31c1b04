/**
 * Metrics per chunk (chunks cut by the engine with chunkByPeriod / chunkByCount), label coverage
 * per chunk, and per metric a band of mean ± 3σ over the reference's chunks — the drift
 * over-time view's band, applied to metric values.
 */
import { stdPopulation } from '../../stats/summation';
import type { Chunk } from '../shared/chunks';
import type { BinaryMetricOptions } from './binary';
import type { Prepared } from './detect';
import { evaluateRows } from './evaluate';
import type { Band, ChunkMetrics, OverTime } from './types';

export function chunkMetrics(p: Prepared, chunks: readonly Chunk[], o: BinaryMetricOptions): ChunkMetrics[] {
  return chunks.map((c) => {
    const e = evaluateRows(p, c.rows, o);
    return { key: c.key, label: c.label, start: c.start, end: c.end, rows: e.rows, labelled: e.labelled, metrics: e.metrics };
  });
}

export function metricBand(values: readonly (number | null)[]): Band | null {
  const v = values.filter((x): x is number => x !== null);
  if (v.length < 2) return null;
  const arr = Float64Array.from(v);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = stdPopulation(arr);
  return { mean, std, lower: mean - 3 * std, upper: mean + 3 * std, reference_chunks: v.length };
}

export function overTime(current: ChunkMetrics[], reference: ChunkMetrics[] | null): OverTime {
  const band: Record<string, Band | null> = {};
  const names = current.length > 0 ? Object.keys(current[0].metrics) : [];
  for (const name of names) band[name] = reference ? metricBand(reference.map((c) => c.metrics[name] ?? null)) : null;
  return { chunks: current, band };
}
