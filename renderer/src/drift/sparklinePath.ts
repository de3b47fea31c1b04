/**
 * The geometry of a sparkline, as pure numbers: an SVG path over the chunks' statistics, with
 * missing statistics leaving a gap, plus the threshold line (or band) in the same coordinates.
 * Every coordinate is finite, whatever the input.
 */

export interface SparkInput {
  readonly values: readonly (number | null)[];
  readonly drifted?: readonly boolean[];
  /** Horizontal threshold line (fixed thresholds). */
  readonly threshold?: number | null;
  /** Band from reference chunks (NannyML-style), drawn instead of the line when present. */
  readonly band?: { readonly lower: number; readonly upper: number } | null;
  readonly width: number;
  readonly height: number;
  /** Inner padding so strokes and dots are not clipped. */
  readonly pad?: number;
}

export interface SparkGeometry {
  /** "M x y L x y … M x y …" — empty when there is nothing to draw. */
  readonly path: string;
  /** Points drawn as dots: isolated points (no neighbour to join) and drifted chunks. */
  readonly dots: readonly { readonly x: number; readonly y: number; readonly drifted: boolean }[];
  readonly thresholdY: number | null;
  readonly band: { readonly y: number; readonly height: number } | null;
  readonly count: number;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export function sparkline(input: SparkInput): SparkGeometry {
  const { width, height } = input;
  let values = input.values;
  const pad = input.pad ?? 2;
  const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  // Clamp so that spans and paddings cannot overflow to Infinity (a sparkline has no use for 1e308).
  const LIMIT = 1e150;
  const clamp = (v: number) => Math.max(-LIMIT, Math.min(LIMIT, v));
  values = values.map((v) => (finite(v) ? clamp(v) : null));
  const ys = values.filter(finite);
  const refs: number[] = [];
  if (finite(input.threshold)) refs.push(clamp(input.threshold));
  if (input.band && finite(input.band.lower) && finite(input.band.upper)) refs.push(clamp(input.band.lower), clamp(input.band.upper));

  let lo = Math.min(0, ...ys, ...refs);
  let hi = Math.max(...ys, ...refs, 0);
  if (!(hi > lo)) hi = lo + 1;
  hi += (hi - lo) * 0.08;
  if (lo < 0) lo -= (hi - lo) * 0.04;

  const w = Math.max(1, width - 2 * pad);
  const h = Math.max(1, height - 2 * pad);
  const n = values.length;
  const x = (i: number) => r2(pad + (n <= 1 ? w / 2 : (i * w) / (n - 1)));
  const y = (v: number) => r2(pad + h - ((v - lo) / (hi - lo)) * h);

  const parts: string[] = [];
  const dots: { x: number; y: number; drifted: boolean }[] = [];
  let open = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!finite(v)) {
      open = false;
      continue;
    }
    const px = x(i);
    const py = y(v);
    parts.push(`${open ? 'L' : 'M'}${px} ${py}`);
    const isolated = !open && !finite(values[i + 1]);
    const drifted = input.drifted?.[i] === true;
    if (isolated || drifted) dots.push({ x: px, y: py, drifted });
    open = true;
  }

  let band: SparkGeometry['band'] = null;
  if (input.band && finite(input.band.lower) && finite(input.band.upper)) {
    const top = y(clamp(Math.max(input.band.lower, input.band.upper)));
    const bottom = y(clamp(Math.min(input.band.lower, input.band.upper)));
    band = { y: top, height: r2(Math.max(0.5, bottom - top)) };
  }
  return {
    path: parts.join(' '),
    dots,
    thresholdY: band === null && finite(input.threshold) ? y(clamp(input.threshold)) : null,
    band,
    count: ys.length,
  };
}
