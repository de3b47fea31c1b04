/**
 * The threshold view: the slider, the confusion-matrix heatmap, the metric cards and cost, and
 * the marked point on ROC and PR — all redrawn from the result's compact threshold table
 * (metricsAtThreshold, a binary search), never by asking the engine. The heatmap, cards and the
 * curves' threshold markers are plain DOM, so a move costs well under a frame at any row count.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Layout } from 'plotly.js-dist-min';
import { metricsAtThreshold, type AtThreshold } from '../../../core/analyses/performance/at-threshold';
import type { PerformanceRunResult, ThresholdTable } from '../../../core/analyses/performance/types';
import { PALETTE } from '../../../core/format/palette';
import { formatCount } from '../format';
import { ThresholdSlider, type SliderMark } from '../shared/ThresholdSlider';
import { baseLayout, usePlot } from '../shared/plotly';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

export function thresholdStops(table: ThresholdTable): Float64Array {
  // The table is descending; the slider wants ascending.
  const n = table.thresholds.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = table.thresholds[n - 1 - i];
  return out;
}

function Heatmap({ at, labels }: { at: AtThreshold; labels: readonly [string, string] }) {
  const { tn, fp, fn, tp } = at.counts;
  const cells = [
    [tn, fp],
    [fn, tp],
  ];
  const names = [
    ['true negatives', 'false positives'],
    ['false negatives', 'true positives'],
  ];
  return (
    <table className="perf-confusion" data-testid="confusion" aria-label="Confusion matrix at the threshold (rows = actual, columns = predicted)">
      <thead>
        <tr>
          <th scope="col">actual \ predicted</th>
          <th scope="col">{labels[0]}</th>
          <th scope="col">{labels[1]}</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((row, i) => {
          const total = row[0] + row[1];
          return (
            <tr key={i}>
              <th scope="row">{labels[i]}</th>
              {row.map((v, j) => {
                const share = total ? v / total : 0;
                return (
                  <td key={j} data-cell={`${i}${j}`} title={names[i][j]} style={{ background: `rgba(0,114,178,${(0.08 + 0.8 * share).toFixed(3)})`, color: share > 0.55 ? '#fff' : '#1c2330' }}>
                    <strong>{formatCount(v)}</strong>
                    <span>{(100 * share).toFixed(1)}%</span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Cards({ at }: { at: AtThreshold }) {
  const r = at.rates;
  const cards: [string, string][] = [
    ['accuracy', fmt(r.accuracy)],
    ['precision', fmt(r.precision)],
    ['recall', fmt(r.recall)],
    ['F1', fmt(r.f1)],
    ['specificity', fmt(r.specificity)],
    ['MCC', fmt(r.matthews_corrcoef)],
    ['predicted positive', fmt(r.predicted_positive_rate)],
    ['cost', formatCount(at.cost)],
  ];
  return (
    <dl className="perf-cards" data-testid="threshold-cards">
      {cards.map(([k, v]) => (
        <div key={k} className="perf-card">
          <dt>{k}</dt>
          <dd data-metric={k}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

interface PlotAxis {
  readonly _offset: number;
  l2p(v: number): number;
}
type PlottedDiv = HTMLDivElement & { _fullLayout?: { xaxis?: PlotAxis; yaxis?: PlotAxis }; on?: (event: string, fn: () => void) => void };

/**
 * ROC or PR, drawn once per result by Plotly; the threshold's point is an HTML marker laid over
 * the plot and moved by setting its position from Plotly's own axis mapping — so a slider move
 * costs no Plotly call at all (a restyle of the 5,000-point curve costs several frames).
 */
function CurveWithMarker({ result, kind, at }: { result: PerformanceRunResult; kind: 'roc' | 'pr'; at: AtThreshold }) {
  const curve = kind === 'roc' ? result.binary!.roc! : result.binary!.pr!;
  const data = useMemo(() => {
    const o = result.binary!.optimal;
    const table = result.binary!.table!;
    const point = (a: AtThreshold) => (kind === 'roc' ? [a.rates.false_positive_rate ?? 0, a.rates.recall ?? 0] : [a.rates.recall ?? 0, a.rates.precision ?? 0]);
    const opt = ([['best F1', o?.f1?.threshold, PALETTE.series[2]], ['best Youden J', o?.youden?.threshold, PALETTE.series[3]], ['least cost', o?.cost?.threshold, PALETTE.series[4]]] as const).flatMap(([name, t, color]) => {
      if (t === null || t === undefined) return [];
      const [x, y] = point(metricsAtThreshold(table, t));
      return [{ type: 'scatter', mode: 'markers', name, x: [x], y: [y], marker: { color, size: 9, symbol: 'diamond' } }];
    });
    return [
      { type: 'scatter', mode: 'lines', name: kind === 'roc' ? `ROC (AUC ${fmt(result.metrics.roc_auc)})` : `PR (AP ${fmt(result.metrics.average_precision)})`, x: curve.x, y: curve.y, customdata: curve.thresholds, line: { color: PALETTE.current, width: 2, shape: kind === 'pr' ? 'vh' : 'linear' }, hovertemplate: 'threshold %{customdata:.4g}<br>%{x:.3f}, %{y:.3f}<extra></extra>' },
      ...opt,
    ];
  }, [result, kind, curve]);
  const layout = useMemo(
    () =>
      ({
        ...baseLayout(300),
        showlegend: true,
        legend: { orientation: 'h', x: 0, y: -0.3 },
        dragmode: 'zoom',
        margin: { l: 56, r: 12, t: 8, b: 80 },
        xaxis: { title: { text: kind === 'roc' ? 'false positive rate' : 'recall' }, range: [0, 1] },
        yaxis: { title: { text: kind === 'roc' ? 'true positive rate' : 'precision' }, range: [0, 1.02] },
      }) as Layout,
    [kind],
  );
  const ref = usePlot(data as never, layout, `${kind}:${result.rows}`);
  const marker = useRef<HTMLSpanElement>(null);
  const x = kind === 'roc' ? (at.rates.false_positive_rate ?? 0) : (at.rates.recall ?? 0);
  const y = kind === 'roc' ? (at.rates.recall ?? 0) : (at.rates.precision ?? 0);
  useLayoutEffect(() => {
    const el = ref.current as PlottedDiv | null;
    const m = marker.current;
    if (!el || !m) return;
    const place = () => {
      const xa = el._fullLayout?.xaxis;
      const ya = el._fullLayout?.yaxis;
      if (!xa || !ya) return;
      m.style.transform = `translate(${(xa._offset + xa.l2p(x)).toFixed(1)}px, ${(ya._offset + ya.l2p(y)).toFixed(1)}px)`;
      m.hidden = false;
    };
    place();
    // After a draw or a zoom the axes map differently.
    el.on?.('plotly_afterplot', place);
    return () => {
      (el as unknown as { removeListener?: (e: string, f: () => void) => void }).removeListener?.('plotly_afterplot', place);
    };
  }, [ref, x, y]);
  return (
    <div className="perf-curve">
      <div ref={ref} className="perf-plot" role="img" aria-label={kind === 'roc' ? 'ROC curve' : 'Precision–recall curve'} style={{ height: 300 }} />
      <span ref={marker} className="perf-curve__marker" data-testid={`${kind}-marker`} title={`threshold ${at.threshold.toPrecision(4)}: ${x.toFixed(3)}, ${y.toFixed(3)}`} hidden />
    </div>
  );
}

export function ThresholdView({ result }: { result: PerformanceRunResult }) {
  const b = result.binary!;
  const table = b.table!;
  const stops = useMemo(() => thresholdStops(table), [table]);
  const [threshold, setThreshold] = useState(result.threshold ?? 0.5);
  const at = useMemo(() => metricsAtThreshold(table, threshold), [table, threshold]);
  const o = b.optimal;
  const marks: SliderMark[] = [
    ...(o?.f1 ? [{ label: 'best F1', value: o.f1.threshold, color: PALETTE.series[2] }] : []),
    ...(o?.youden ? [{ label: 'best Youden J', value: o.youden.threshold, color: PALETTE.series[3] }] : []),
    ...(o?.cost ? [{ label: `least cost (FP ${table.cost_fp}, FN ${table.cost_fn})`, value: o.cost.threshold, color: PALETTE.series[4] }] : []),
  ].filter((m) => m.value >= stops[0] && m.value <= stops[stops.length - 1]);
  return (
    <section className="perf-threshold" aria-labelledby="perf-threshold-title">
      <h2 id="perf-threshold-title">
        At threshold <output data-testid="threshold-value">{threshold.toPrecision(4)}</output>
        {!at.exact && <span className="muted"> (counts of the listed threshold {at.listed?.toPrecision(4)})</span>}
      </h2>
      <ThresholdSlider stops={stops} value={threshold} onChange={setThreshold} marks={marks} label="Decision threshold" />
      <div className="perf-threshold__body">
        <Heatmap at={at} labels={[b.negative_label, b.positive_label]} />
        <Cards at={at} />
      </div>
      {b.roc && b.pr && (
        <div className="perf-grid2">
          <CurveWithMarker result={result} kind="roc" at={at} />
          <CurveWithMarker result={result} kind="pr" at={at} />
        </div>
      )}
    </section>
  );
}
