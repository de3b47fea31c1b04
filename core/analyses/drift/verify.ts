/**
 * What differs between a report's embedded drift result and a recomputation. Results made before
 * seasonality detection have no `seasonal`/`seasonality` on their over-time series: those fields
 * are read off the same reference chunks and change no number the report printed, so a report made
 * before them still verifies when they are absent from it (and only then).
 */
import { resultDifferences } from '../shared/differences';
import type { DriftResult } from './types';

function withoutSeasonality(now: DriftResult, was: DriftResult): unknown {
  const o = now.over_time;
  const old = was.over_time;
  if (!o || !old || old.series.some((s) => 'seasonal' in s || 'seasonality' in s)) return now;
  return { ...now, over_time: { ...o, series: o.series.map(({ seasonal: _s, seasonality: _e, ...rest }) => rest) } };
}

export function driftDifferences(was: DriftResult, now: DriftResult): string[] {
  return resultDifferences(was, withoutSeasonality(now, was));
}
