/**
 * The charts that do not move with the threshold: calibration, scores by true class, metrics over
 * time with label coverage and the reference band, the k×k matrix of a multiclass model, and a
 * regression model's residuals — each a Plotly chart (hover, zoom).
 */
import type { PerformanceRunResult } from '../../../core/analyses/performance/types';
import { PALETTE } from '../../../core/format/palette';
import { Plot } from './Plot';

const HEADLINE: Record<PerformanceRunResult['task'], readonly string[]> = {
  binary: ['accuracy', 'f1', 'roc_auc'],
  multiclass: ['accuracy', 'macro_f1'],
  regression: ['mae', 'rmse', 'r2'],
};

export function headlineMetrics(task: PerformanceRunResult['task']): readonly string[] {
  return HEADLINE[task];
}

function Calibration({ r }: { r: PerformanceRunResult }) {
  const c = r.binary?.calibration;
  if (!c || c.prob_true.length === 0) return null;
  return (
    <figure className="perf-figure">
      <figcaption>Calibration ({c.strategy} bins, ECE {c.ece.toFixed(3)})</figcaption>
      <Plot
        tag={`calibration:${r.rows}`}
        label="Calibration curve"
        height={300}
        data={[
          { type: 'scatter', mode: 'lines+markers', name: 'observed', x: c.prob_pred, y: c.prob_true, customdata: c.counts, hovertemplate: 'mean score %{x:.3f}<br>share positive %{y:.3f}<br>%{customdata:,} rows<extra></extra>', line: { color: PALETTE.current } },
          { type: 'scatter', mode: 'lines', name: 'perfectly calibrated', x: [0, 1], y: [0, 1], line: { color: '#999', dash: 'dot' }, hoverinfo: 'skip' },
        ]}
        layout={{ xaxis: { title: { text: 'mean score in bin' }, range: [0, 1] }, yaxis: { title: { text: 'share of positives' }, range: [0, 1.02] } }}
      />
    </figure>
  );
}

function ScoresByClass({ r }: { r: PerformanceRunResult }) {
  const h = r.binary?.score_histograms;
  if (!h) return null;
  const mids = h.positive.edges.slice(0, -1).map((e, i) => (e + h.positive.edges[i + 1]) / 2);
  return (
    <figure className="perf-figure">
      <figcaption>Scores by true class</figcaption>
      <Plot
        tag={`scores:${r.rows}`}
        label="Score distribution by true class"
        height={300}
        data={[
          { type: 'bar', name: `actual ${r.binary!.negative_label}`, x: mids, y: h.negative.counts, marker: { color: PALETTE.reference }, opacity: 0.7 },
          { type: 'bar', name: `actual ${r.binary!.positive_label}`, x: mids, y: h.positive.counts, marker: { color: PALETTE.current }, opacity: 0.7 },
        ]}
        layout={{ barmode: 'overlay', bargap: 0.02, xaxis: { title: { text: `score (${r.columns.score ?? ''})` } }, yaxis: { title: { text: 'rows' } } }}
      />
    </figure>
  );
}

function OverTime({ r, metric }: { r: PerformanceRunResult; metric: string }) {
  const o = r.over_time!;
  const x = o.chunks.map((c) => c.label);
  const band = o.band[metric] ?? null;
  const data: Record<string, unknown>[] = [];
  if (band) {
    data.push({ type: 'scatter', mode: 'lines', x, y: x.map(() => band.upper), line: { width: 0 }, hoverinfo: 'skip', showlegend: false });
    data.push({ type: 'scatter', mode: 'lines', name: 'reference band (mean ± 3σ)', x, y: x.map(() => band.lower), fill: 'tonexty', fillcolor: 'rgba(86,180,233,0.25)', line: { width: 0 }, hoverinfo: 'skip' });
  }
  data.push({ type: 'scatter', mode: 'lines+markers', name: metric, x, y: o.chunks.map((c) => c.metrics[metric] ?? null), line: { color: PALETTE.current }, hovertemplate: `%{x}: ${metric} %{y:.4g}<extra></extra>` });
  data.push({ type: 'bar', name: 'label coverage', x, y: o.chunks.map((c) => (c.rows ? c.labelled / c.rows : 0)), yaxis: 'y2', marker: { color: 'rgba(0,0,0,0.07)' }, width: 0.35, hovertemplate: '%{x}: %{y:.1%} labelled<extra></extra>' });
  return (
    <figure className="perf-figure">
      <figcaption>{metric} per chunk, with label coverage</figcaption>
      <Plot
        tag={`over-time:${metric}:${r.rows}`}
        label={`${metric} over time`}
        height={260}
        data={data}
        layout={{ xaxis: { type: 'category', automargin: true }, yaxis: { title: { text: metric } }, yaxis2: { overlaying: 'y', side: 'right', range: [0, 1], tickformat: '.0%', showgrid: false, title: { text: 'labelled' } }, margin: { l: 60, r: 60, t: 8, b: 80 } }}
      />
    </figure>
  );
}

function MulticlassMatrix({ r }: { r: PerformanceRunResult }) {
  const c = r.confusion;
  if (!c || r.task !== 'multiclass') return null;
  const text = c.matrix.map((row) => row.map((v) => v.toLocaleString('en-US')));
  return (
    <figure className="perf-figure">
      <figcaption>Confusion matrix (colour: share of the actual class; rows = actual, columns = predicted)</figcaption>
      <Plot
        tag={`matrix:${r.rows}`}
        label="Confusion matrix"
        height={Math.min(520, 160 + 40 * c.labels.length)}
        data={[{ type: 'heatmap', x: c.labels, y: c.labels, z: c.normalized.true, text, texttemplate: '%{text}', colorscale: [[0, '#f7fbff'], [1, PALETTE.reference]], zmin: 0, zmax: 1, showscale: false, hovertemplate: 'actual %{y}, predicted %{x}: %{text}<extra></extra>' }]}
        layout={{ showlegend: false, xaxis: { title: { text: 'predicted' }, type: 'category' }, yaxis: { title: { text: 'actual' }, type: 'category', autorange: 'reversed' } }}
      />
    </figure>
  );
}

function Residuals({ r }: { r: PerformanceRunResult }) {
  const g = r.regression;
  if (!g) return null;
  const mids = g.error_histogram.edges.slice(0, -1).map((e, i) => (e + g.error_histogram.edges[i + 1]) / 2);
  return (
    <div className="perf-grid2">
      <figure className="perf-figure">
        <figcaption>Error (prediction − label) against prediction{g.residuals.sampled ? ', evenly sampled rows' : ''}</figcaption>
        <Plot tag={`residuals:${r.rows}`} label="Residuals against prediction" height={300} data={[{ type: 'scattergl', mode: 'markers', name: 'error', x: g.residuals.prediction, y: g.residuals.error, marker: { color: PALETTE.current, size: 4, opacity: 0.5 } }]} layout={{ showlegend: false, xaxis: { title: { text: 'prediction' } }, yaxis: { title: { text: 'error' } } }} />
      </figure>
      <figure className="perf-figure">
        <figcaption>Distribution of the error</figcaption>
        <Plot tag={`errors:${r.rows}`} label="Error distribution" height={300} data={[{ type: 'bar', name: 'rows', x: mids, y: g.error_histogram.counts, marker: { color: PALETTE.reference } }]} layout={{ showlegend: false, xaxis: { title: { text: 'prediction − label' } }, yaxis: { title: { text: 'rows' } } }} />
      </figure>
    </div>
  );
}

export function ResultCharts({ r }: { r: PerformanceRunResult }) {
  const overTime = r.over_time && r.over_time.chunks.length > 0 ? headlineMetrics(r.task).filter((m) => m in r.over_time!.chunks[0].metrics) : [];
  return (
    <>
      <MulticlassMatrix r={r} />
      <Residuals r={r} />
      {(r.binary?.calibration || r.binary?.score_histograms) && (
        <div className="perf-grid2">
          <Calibration r={r} />
          <ScoresByClass r={r} />
        </div>
      )}
      {overTime.length > 0 && (
        <section aria-labelledby="perf-over-time">
          <h2 id="perf-over-time">Over time</h2>
          {overTime.map((m) => (
            <OverTime key={m} r={r} metric={m} />
          ))}
        </section>
      )}
    </>
  );
}
