/**
 * A decision-threshold slider over the distinct thresholds of a score (ascending stops), with
 * marks for named thresholds (best F1, Youden's J, least cost …). Mouse: click or drag on the
 * track; keyboard: arrows, Page Up/Down, Home/End (see sliderKeys). It reports every move; the
 * caller redraws from precomputed counts, so a move costs no engine call. Shared by the
 * Performance and Fairness screens.
 */
import { useCallback, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { nearestIndex, stepIndex } from './sliderKeys';
import './shared.css';

export interface SliderMark {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

export function ThresholdSlider({
  stops,
  value,
  onChange,
  marks = [],
  label = 'Threshold',
  format = (v: number) => v.toPrecision(4),
}: {
  /** Ascending. */
  stops: ArrayLike<number>;
  value: number;
  onChange: (value: number) => void;
  marks?: readonly SliderMark[];
  label?: string;
  format?: (v: number) => string;
}) {
  const track = useRef<HTMLDivElement>(null);
  const n = stops.length;
  const lo = n ? stops[0] : 0;
  const hi = n ? stops[n - 1] : 1;
  const at = (v: number) => (hi > lo ? (100 * (v - lo)) / (hi - lo) : 0);
  const index = nearestIndex(stops, value);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = stepIndex(e.key, index, n);
    if (next === null) return;
    e.preventDefault();
    if (next !== index) onChange(stops[next]);
  };
  const fromPointer = useCallback(
    (clientX: number) => {
      const el = track.current;
      if (!el || n === 0) return;
      const r = el.getBoundingClientRect();
      const f = Math.max(0, Math.min(1, (clientX - r.left) / Math.max(1, r.width)));
      onChange(stops[nearestIndex(stops, lo + f * (hi - lo))]);
    },
    [stops, n, lo, hi, onChange],
  );
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    fromPointer(e.clientX);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) fromPointer(e.clientX);
  };

  return (
    <div className="threshold-slider">
      <div
        ref={track}
        className="threshold-slider__track"
        role="slider"
        tabIndex={0}
        aria-label={label}
        aria-valuemin={lo}
        aria-valuemax={hi}
        aria-valuenow={value}
        aria-valuetext={format(value)}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
      >
        <div className="threshold-slider__fill" style={{ width: `${at(value)}%` }} />
        {marks.map((m) => (
          <span key={m.label} className="threshold-slider__mark" style={{ left: `${at(m.value)}%`, background: m.color }} title={`${m.label}: ${format(m.value)}`} />
        ))}
        <span className="threshold-slider__thumb" style={{ left: `${at(value)}%` }} />
      </div>
      <div className="threshold-slider__ends muted" aria-hidden="true">
        <span>{format(lo)}</span>
        <span>{format(hi)}</span>
      </div>
      {marks.length > 0 && (
        <ul className="threshold-slider__legend">
          {marks.map((m) => (
            <li key={m.label}>
              <button type="button" className="button button--quiet button--small" onClick={() => onChange(stops[nearestIndex(stops, m.value)])}>
                <span className="threshold-slider__swatch" style={{ background: m.color }} aria-hidden="true" />
                {m.label} {format(m.value)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
