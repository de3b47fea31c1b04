/**
 * A threshold slider shared by the Performance and Fairness screens: a native range input (so the
 * keyboard works as everywhere: arrows step, PgUp/PgDn jump a tenth, Home/End go to the ends) with
 * a number box for an exact value, and optional marks (e.g. the threshold that maximises F1).
 */
import { useId } from 'react';

export interface ThresholdMark {
  readonly value: number;
  readonly label: string;
}

export interface ThresholdSliderProps {
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly marks?: readonly ThresholdMark[];
  readonly disabled?: boolean;
}

/** The value kept inside [min, max] and on the step grid (no float noise such as 0.30000000000000004). */
export function clampToStep(v: number, min: number, max: number, step: number): number {
  if (!Number.isFinite(v)) return min;
  const snapped = min + Math.round((Math.min(max, Math.max(min, v)) - min) / step) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(Math.min(max, snapped).toFixed(decimals));
}

export function ThresholdSlider({ label, value, onChange, min = 0, max = 1, step = 0.01, marks = [], disabled }: ThresholdSliderProps) {
  const id = useId();
  const set = (raw: string) => {
    const v = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(v)) onChange(clampToStep(v, min, max, step));
  };
  return (
    <div className="threshold-slider">
      <label htmlFor={`${id}-range`}>{label}</label>
      <input
        id={`${id}-range`}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        list={marks.length ? `${id}-marks` : undefined}
        aria-valuetext={String(value)}
        onChange={(e) => set(e.target.value)}
      />
      <input type="number" aria-label={`${label} (exact value)`} min={min} max={max} step={step} value={value} disabled={disabled} onChange={(e) => set(e.target.value)} className="threshold-slider__number" />
      {marks.length > 0 && (
        <>
          <datalist id={`${id}-marks`}>
            {marks.map((m) => (
              <option key={m.label} value={m.value} label={m.label} />
            ))}
          </datalist>
          <span className="threshold-slider__marks">
            {marks.map((m) => (
              <button key={m.label} type="button" className="link" disabled={disabled} onClick={() => onChange(clampToStep(m.value, min, max, step))}>
                {m.label}: {m.value}
              </button>
            ))}
          </span>
        </>
      )}
    </div>
  );
}
