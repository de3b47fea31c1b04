/**
 * Runs a drift analysis through the shared analysis runner (useAnalysisRun: cancel, progress, the
 * latest request wins, the last good result stays while a new one computes). The run comes with
 * the drift module's chart specs — the figures the report draws — which the screen draws as they are.
 */
import { useCallback } from 'react';
import type { ChartSpec, DriftArgs, DriftRun } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { useAnalysisRun, type AnalysisRunState } from '../shared/useAnalysisRun';

export interface DriftScreenRun extends DriftRun {
  /** The drift module's charts of this result (core/analyses/drift/charts.ts), by id: `distribution:<column>`, `ecdf:<column>`, `over-time:<column>`. */
  readonly charts: ReadonlyMap<string, ChartSpec>;
}

export type DriftRunState = AnalysisRunState<DriftScreenRun>;

export function useDriftRun(client: PlumblineClient) {
  const { state, start: run, cancel } = useAnalysisRun<DriftScreenRun>(client);
  const start = useCallback(
    (args: DriftArgs) =>
      run(
        { analysis: 'drift', datasets: { reference: args.reference, current: args.current }, ...(args.options ? { options: args.options } : {}), ...(args.where ? { where: args.where } : {}) },
        // The engine's drift run: its settings name the two slots, as DriftRun's do.
        (r) => ({ ...(r as unknown as DriftRun), charts: new Map((r.charts ?? []).map((c) => [c.id, c])) }),
      ),
    [run],
  );
  return { state, start, cancel };
}
