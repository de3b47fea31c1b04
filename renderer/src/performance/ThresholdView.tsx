/**
 * The threshold view: the slider, the confusion-matrix heatmap, the metric cards and cost, and
 * the marked point on ROC and PR — all redrawn from the result's compact threshold table
 * (metricsAtThreshold, a binary search), never by asking the engine.
 *
 * What a move costs, and why it is small: the slider follows every event, but the view below it is
 * rendered at most once per animation frame (a drag sends more pointer events than frames); the
 * heatmap is a CSS grid of fixed-size, layout-contained cells and the cards are contained too, so
 * new counts lay out and paint only themselves; ROC and PR are the module's chart specs drawn once
 * by Plotly, and the threshold's point is an HTML marker placed by Plotly's own axis mapping — no
 * Plotly call per move (a restyle of a 5,000-point curve costs several frames).
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { metricsAtThreshold, RUN_THRESHOLD_META, type AtThreshold } from '../../../core/analyses/performance/at-threshold';
import type { PerformanceRunResult, ThresholdTable } from '../../../core/analyses/performance/types';
import type { ChartSpec } from '../../../core/api/types';
import { PALETTE } from '../../../core/format/palette';
import { formatCount } from '../format';
import { SpecChart } from '../shared/SpecChart';
import { ThresholdSlider, type SliderMark } from '../shared/ThresholdSlider';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

export function thresholdStops(table: ThresholdTable): Float64Array {
  // The table is descending; the slider wants ascending.
  const n = table.thresholds.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = table.thresholds[n - 1 - i];
  return out;
}

/**
 * A value set by every event and rendered at most once per animation frame: the first event after
 * a frame renders at once (a key press waits for nothing); later ones before the next frame only
 * keep the newest value, which a frame callback commits (flushSync, before the browser lays out and
 * paints) — so a drag sending more events than frames renders once a frame, with the latest value.
 */
function useFrameValue<T>(initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState(initial);
  const next = useRef(initial);
  const dirty = useRef(false);
  const frame = useRef(0);
  const set = useCallback((v: T) => {
    next.current = v;
    if (frame.current) {
      dirty.current = true;
      return;
    }
    setValue(v);
    const tick = () => {
      if (!dirty.current) {
        frame.current = 0;
        return;
      }
      dirty.current = false;
      flushSync(() => setValue(next.current));
      frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return [value, set];
}

const CELL_NAMES = [
  ['true negatives', 'false positives'],
  ['false negatives', 'true positives'],
];

/** The 2×2 matrix as a heatmap: each cell coloured by its share of the actual class, with its count. */
const Heatmap = memo(function Heatmap({ at, labels }: { at: AtThreshold; labels: readonly [string, string] }) {
  const { tn, fp, fn, tp } = at.counts;
  const cells = [
    [tn, fp],
    [fn, tp],
  ];
  return (
    <div className="perf-confusion" role="table" data-testid="confusion" aria-label="Confusion matrix at the threshold (rows = actual, columns = predicted)">
      <div role="row" className="perf-confusion__row">
        <span role="columnheader" className="perf-confusion__corner">
          actual \ predicted
        </span>
        <span role="columnheader" className="perf-confusion__head" title={labels[0]}>
          {labels[0]}
        </span>
        <span role="columnheader" className="perf-confusion__head" title={labels[1]}>
          {labels[1]}
        </span>
      </div>
      {cells.map((row, i) => {
        const total = row[0] + row[1];
        return (
          <div role="row" key={i} className="perf-confusion__row">
            <span role="rowheader" className="perf-confusion__head" title={labels[i]}>
              {labels[i]}
            </span>
            {row.map((v, j) => {
              const share = total ? v / total : 0;
              return (
                <span role="cell" key={j} className="perf-confusion__cell" data-cell={`${i}${j}`} title={CELL_NAMES[i][j]} style={{ background: `rgba(0,114,178,${(0.08 + 0.8 * share).toFixed(3)})`, color: share > 0.55 ? '#fff' : '#1c2330' }}>
                  <strong>{formatCount(v)}</strong>
                  <span>{(100 * share).toFixed(1)}%</span>
                </span>
              );
            })}
          </div>
        );
      })}
    </div>
  );
});

const Cards = memo(function Cards({ at }: { at: AtThreshold }) {
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
});

interface PlotAxis {
  readonly _offset: number;
  l2p(v: number): number;
}
type PlottedDiv = HTMLDivElement & { _fullLayout?: { xaxis?: PlotAxis; yaxis?: PlotAxis } };

/** The point of (x, y) in the plot div's pixels, from Plotly's own axis mapping; null before the first draw. */
function pixel(el: PlottedDiv, x: number, y: number): [number, number] | null {
  const xa = el._fullLayout?.xaxis;
  const ya = el._fullLayout?.yaxis;
  return xa && ya ? [xa._offset + xa.l2p(x), ya._offset + ya.l2p(y)] : null;
}

/**
 * ROC or PR: the module's chart spec (the report's figure) without the run's own threshold point,
 * drawn once per result; the slider's threshold is an HTML marker over it, moved by a transform.
 * A move re-renders nothing here: the chart and its marker element are built once per spec, and
 * the marker's position and title are set on the element directly.
 */
const CurveWithMarker = memo(function CurveWithMarker({ spec, kind, at }: { spec: ChartSpec; kind: 'roc' | 'pr'; at: AtThreshold }) {
  const shown = useMemo(() => ({ ...spec, data: spec.data.filter((t) => (t as { meta?: unknown }).meta !== RUN_THRESHOLD_META) }), [spec]);
  const marker = useRef<HTMLSpanElement>(null);
  const plot = useRef<PlottedDiv | null>(null);
  const x = kind === 'roc' ? (at.rates.false_positive_rate ?? 0) : (at.rates.recall ?? 0);
  const y = kind === 'roc' ? (at.rates.recall ?? 0) : (at.rates.precision ?? 0);
  const xy = useRef([x, y]);
  const place = useCallback(() => {
    const m = marker.current;
    const p = plot.current && pixel(plot.current, xy.current[0], xy.current[1]);
    if (!m || !p) return;
    m.style.transform = `translate(${p[0].toFixed(1)}px, ${p[1].toFixed(1)}px)`;
    m.hidden = false;
  }, []);
  // After a draw, a resize or a zoom the axes map differently.
  const onDrawn = useCallback(
    (el: HTMLDivElement) => {
      if (plot.current !== el) {
        plot.current = el;
        (el as unknown as { on?: (e: string, f: () => void) => void }).on?.('plotly_afterplot', place);
      }
      place();
    },
    [place],
  );
  useLayoutEffect(() => {
    xy.current = [x, y];
    if (marker.current) marker.current.title = `threshold ${at.threshold.toPrecision(4)}: ${x.toFixed(3)}, ${y.toFixed(3)}`;
    place();
  }, [place, x, y, at.threshold]);
  return useMemo(
    () => (
      <SpecChart spec={shown} label={kind === 'roc' ? 'ROC curve' : 'Precision–recall curve'} zoom onDrawn={onDrawn} className="perf-plot">
        <span ref={marker} className="perf-curve__marker" data-testid={`${kind}-marker`} hidden />
      </SpecChart>
    ),
    [shown, kind, onDrawn],
  );
});

export function ThresholdView({ result, charts }: { result: PerformanceRunResult; charts: readonly ChartSpec[] }) {
  const b = result.binary!;
  const table = b.table!;
  const stops = useMemo(() => thresholdStops(table), [table]);
  // The slider follows every event; what it redraws, once per frame.
  const [threshold, setThreshold] = useState(result.threshold ?? 0.5);
  const [shown, setShown] = useFrameValue(threshold);
  const onChange = useCallback(
    (t: number) => {
      setThreshold(t);
      setShown(t);
    },
    [setShown],
  );
  const at = useMemo(() => metricsAtThreshold(table, shown), [table, shown]);
  const labels = useMemo(() => [b.negative_label, b.positive_label] as const, [b]);
  const roc = charts.find((c) => c.id === 'roc');
  const pr = charts.find((c) => c.id === 'pr');
  const marks = useMemo(() => {
    const o = b.optimal;
    const all: SliderMark[] = [
      ...(o?.f1 ? [{ label: 'best F1', value: o.f1.threshold, color: PALETTE.series[2] }] : []),
      ...(o?.youden ? [{ label: 'best Youden J', value: o.youden.threshold, color: PALETTE.series[3] }] : []),
      ...(o?.cost ? [{ label: `least cost (FP ${table.cost_fp}, FN ${table.cost_fn})`, value: o.cost.threshold, color: PALETTE.series[4] }] : []),
    ];
    return all.filter((m) => m.value >= stops[0] && m.value <= stops[stops.length - 1]);
  }, [b, table, stops]);
  return (
    <section className="perf-threshold" aria-labelledby="perf-threshold-title">
      <h2 id="perf-threshold-title">
        At threshold <output data-testid="threshold-value">{shown.toPrecision(4)}</output>
        {!at.exact && <span className="muted"> (counts of the listed threshold {at.listed?.toPrecision(4)})</span>}
      </h2>
      <ThresholdSlider stops={stops} value={threshold} onChange={onChange} marks={marks} label="Decision threshold" />
      <div className="perf-threshold__body">
        <Heatmap at={at} labels={labels} />
        <Cards at={at} />
      </div>
      {roc && pr && (
        <div className="perf-grid2">
          <CurveWithMarker spec={roc} kind="roc" at={at} />
          <CurveWithMarker spec={pr} kind="pr" at={at} />
        </div>
      )}
    </section>
  );
}
