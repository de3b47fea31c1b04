import { formatBytes } from '../../core/format/bytes';

/** Pure formatting helpers for the screens. Numbers use tabular figures in CSS; here only text. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return Number.isFinite(n) ? integer.format(n) : '—';
}

export { formatBytes };

/** "12.4 MB/s" or "38,211 rows/s". */
export function formatRate(perSecond: number | null, unit: 'bytes' | 'rows' | 'items'): string {
  if (perSecond === null || !Number.isFinite(perSecond) || perSecond < 0) return '';
  if (unit === 'bytes') return `${formatBytes(perSecond)}/s`;
  return `${formatCount(perSecond)} ${unit}/s`;
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '—';
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return `${m} min ${rest} s`;
}

/** "23 Nov 2026, 08:49" in the given (default: local) time zone; the ISO string goes in a tooltip. */
export function formatDateTime(iso: string | null, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(d);
}

/** A fraction 0..1 of a long operation, or null when the total is unknown. */
export function progressFraction(done: number, total: number | null): number | null {
  if (total === null || !(total > 0)) return null;
  return Math.min(1, Math.max(0, done / total));
}

/** "45%" — never 100% before the operation has actually finished. */
export function formatPercent(f: number): string {
  const p = Math.floor(f * 100);
  return `${Math.min(p, 99)}%`;
}

/** A preview cell as text. Values arrive as JSON; the UI shows them verbatim, never as HTML. */
export function formatCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return String(v);
}

/** The dataset name the engine would choose for a file: its name without a data extension. */
export function datasetNameFor(fileName: string): string {
  const base = fileName.replace(/\.(csv|tsv|tab|txt|jsonl|ndjson|json|parquet|pq)?(\.gz)?$/i, '');
  return base || 'dataset';
}

/** `base`, or `base (2)`, `base (3)`… — the first not in `taken`. Same rule as the engine. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}

/**
 * Speed of a long operation over a sliding window, so a stall shows as a falling rate rather
 * than an average since the start.
 */
export class RateMeter {
  private samples: { t: number; v: number }[] = [];
  constructor(private readonly windowMs = 3000) {}

  add(value: number, t: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && value < last.v) this.samples = []; // a new phase restarted the count
    this.samples.push({ t, v: value });
    while (this.samples.length > 2 && t - this.samples[1].t >= this.windowMs) this.samples.shift();
  }

  /** Units per second, or null until two samples at least 200 ms apart exist. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t - first.t < 200) return null;
    return ((last.v - first.v) * 1000) / (last.t - first.t);
  }

  reset(): void {
    this.samples = [];
  }
}

/** "1 row", "5,000 rows". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
