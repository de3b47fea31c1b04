/**
 * The figures that do not move with the threshold, drawn from the module's own chart specs
 * (performance/charts.ts — the figures the report draws, not copies): the k×k matrix of a
 * multiclass model, a regression model's residuals and their distribution, calibration and scores
 * by true class, and each headline metric over time with label coverage and the reference band.
 * ROC and PR are drawn by the threshold view, with its moving marker on top.
 */
import type { ChartSpec } from '../../../core/api/types';
import { SpecChart } from '../shared/SpecChart';

const byId = (charts: readonly ChartSpec[], id: string) => charts.find((c) => c.id === id);

function Pair({ charts }: { charts: readonly (ChartSpec | undefined)[] }) {
  const present = charts.filter((c): c is ChartSpec => c !== undefined);
  if (present.length === 0) return null;
  return (
    <div className="perf-grid2">
      {present.map((c) => (
        <SpecChart key={c.id} spec={c} zoom className="perf-plot" />
      ))}
    </div>
  );
}

export function ResultFigures({ task, charts }: { task: 'binary' | 'multiclass' | 'regression'; charts: readonly ChartSpec[] }) {
  const matrix = task === 'multiclass' ? byId(charts, 'confusion') : undefined;
  const overTime = charts.filter((c) => c.id.startsWith('over-time:'));
  return (
    <>
      {matrix && <SpecChart spec={matrix} className="perf-plot perf-matrix" />}
      <Pair charts={[byId(charts, 'residuals'), byId(charts, 'error-distribution')]} />
      <Pair charts={[byId(charts, 'calibration'), byId(charts, 'score-by-class')]} />
      {overTime.length > 0 && (
        <section aria-labelledby="perf-over-time">
          <h2 id="perf-over-time">Over time</h2>
          {overTime.map((c) => (
            <SpecChart key={c.id} spec={c} zoom className="perf-plot" />
          ))}
        </section>
      )}
    </>
  );
}
