/**
 * A run's chart specs made on first read instead of with every run. The screen reads them (through
 * IPC or HTTP, whose serialisation reads every enumerable property, so it gets them as before);
 * `plumbline <id>` in the same process prints the result and never does. Drift's specs for 25
 * columns cost 40–130 ms of a one-second command — mostly number labels through Intl, whose first
 * use loads the locale data — on the engine's thread after the pool's lanes are done.
 */
import type { AnalysisRun } from '../analyses/module';
import type { ChartSpec } from '../analyses/chart';

export function withLazyCharts<R extends AnalysisRun>(run: R, make: () => readonly ChartSpec[]): R & { readonly charts: readonly ChartSpec[] } {
  let charts: readonly ChartSpec[] | undefined;
  return Object.defineProperty({ ...run }, 'charts', {
    enumerable: true,
    get: () => (charts ??= make()),
  }) as R & { readonly charts: readonly ChartSpec[] };
}
