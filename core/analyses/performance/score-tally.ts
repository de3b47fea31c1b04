/**
 * The binary curve straight from the rows when scores repeat (rounded to 4 decimals, a few
 * thousand distinct values over a million rows): one hashing pass counts positives and negatives
 * per distinct score, the few distinct scores are sorted, and the cumulative counts are the curve.
 * No array of every row's score is gathered or sorted, so a million rows cost one read of the
 * label and score columns and a few hundred KB of fresh memory (page faults cost ~11 µs per 4 KB
 * on the VMs we measured). Continuous scores (nearly one value per row) stop the pass at the cap,
 * and the caller sorts instead.
 */
import type { ClfCurve } from '../../stats/ranking';

/** At most this many distinct scores are tallied (fewer for fewer rows: ≥ 8 rows per value on average). */
const MAX_DISTINCT = 1 << 16;
const MIN_ROWS_PER_VALUE = 8;
const START_CAP = 1 << 10;
/** Below this many rows the sort is as quick and the tally's tables would cost more than it saves. */
const MIN_ROWS = 1 << 12;

export interface Tallied {
  readonly labelled: number;
  /** Labelled rows without a finite score. */
  readonly missing: number;
  readonly curve: ClfCurve;
}

/**
 * `y`: 1 positive, 0 negative, 255 no label; `score`: NaN or ±∞ = missing. Over `rows` (indices)
 * or every row. null when the scores have too many distinct values to tally.
 */
export function tallyBinary(y: Uint8Array, score: Float64Array, rows: Uint32Array | null): Tallied | null {
  const n = rows ? rows.length : y.length;
  if (n < MIN_ROWS) return null;
  const scale = decimalScale(y, score, rows, n);
  if (scale > 0) {
    const byDecimal = tallyDecimal(y, score, rows, n, scale);
    if (byDecimal) return byDecimal;
  }
  return tallyHashed(y, score, rows, n);
}

/** Most decimals a direct count takes (10⁵ + 1 slots of counts). */
const MAX_DECIMALS = 5;
/** Scores the number of decimals is guessed from. */
const SCALE_PROBE = 64;

/**
 * 10^d when the first labelled finite scores are all in [0, 1] with at most d ≤ 5 decimals (each
 * is the double nearest k / 10^d), 0 otherwise: probabilities are usually printed with a fixed
 * number of decimals, and then a score's count is indexed by k directly, with no hashing.
 */
function decimalScale(y: Uint8Array, score: Float64Array, rows: Uint32Array | null, n: number, maxScale = n): number {
  const probe: number[] = [];
  for (let r = 0; r < n && probe.length < SCALE_PROBE; r++) {
    const i = rows ? rows[r] : r;
    const v = score[i];
    if (y[i] !== 255 && v - v === 0) probe.push(v);
  }
  if (probe.length === 0) return 0;
  for (let d = 1, s = 10; d <= MAX_DECIMALS && s <= maxScale; d++, s *= 10) {
    if (probe.every((v) => v >= 0 && v <= 1 && Math.round(v * s) / s === v)) return s;
  }
  return 0;
}

/**
 * The tally for scores k / scale, k = 0…scale: counts indexed by k, each row checked against the
 * exact double of its k (a table, not a division). null at the first row that is not such a score.
 */
function tallyDecimal(y: Uint8Array, score: Float64Array, rows: Uint32Array | null, n: number, scale: number): Tallied | null {
  const exact = new Float64Array(scale + 1);
  for (let k = 0; k <= scale; k++) exact[k] = k / scale;
  // Per k: [negatives, positives], indexed 2·k + y.
  const counts = new Uint32Array(2 * (scale + 1));
  let labelled = 0;
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const c = y[i];
    if (c === 255) continue;
    labelled++;
    const v = score[i];
    if (v - v !== 0) {
      missing++;
      continue;
    }
    // −0 rounds to k = 0, whose exact value 0 equals it: −0 counts as 0, as in the hashed tally.
    const k = Math.round(v * scale);
    if (!(k >= 0 && k <= scale) || exact[k] !== v) return null;
    counts[2 * k + c]++;
  }
  return { labelled, missing, curve: decimalCurve(counts, exact, 0, 1) };
}

/** The cumulative curve of counts per k (2·k + class) of the scores `exact[k]`, descending; `neg`, `pos` the classes. */
function decimalCurve(counts: Uint32Array, exact: Float64Array, neg: number, pos: number): ClfCurve {
  const scale = exact.length - 1;
  let k = 0;
  for (let j = 0; j <= scale; j++) if (counts[2 * j] + counts[2 * j + 1] > 0) k++;
  const thresholds = new Float64Array(k);
  const tps = new Float64Array(k);
  const fps = new Float64Array(k);
  let tp = 0;
  let fp = 0;
  let at = 0;
  for (let j = scale; j >= 0; j--) {
    const negatives = counts[2 * j + neg];
    const positives = counts[2 * j + pos];
    if (negatives + positives === 0) continue;
    fp += negatives;
    tp += positives;
    thresholds[at] = exact[j];
    tps[at] = tp;
    fps[at] = fp;
    at++;
  }
  return { thresholds, tps, fps, positives: tp, negatives: fp };
}

/** The tally for any repeating scores, by bit pattern through a hash table; null past the cap. */
function tallyHashed(y: Uint8Array, score: Float64Array, rows: Uint32Array | null, n: number): Tallied | null {
  const maxCap = Math.min(MAX_DISTINCT, Math.floor(n / MIN_ROWS_PER_VALUE));
  // The tables start small and grow ×4 when full, so a few thousand distinct scores are counted
  // in tables that stay in cache.
  let t = new Table(Math.min(START_CAP, maxCap));
  const words = new Uint32Array(score.buffer, score.byteOffset, 2 * score.length);
  let labelled = 0;
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const c = y[i];
    if (c === 255) continue;
    labelled++;
    const v = score[i];
    // v - v is 0 for a finite number, NaN for NaN and ±∞.
    if (v - v !== 0) {
      missing++;
      continue;
    }
    const lo = words[2 * i];
    // −0 counts as 0, as the curve's `===` merge of sorted scores does.
    const hi = v === 0 ? 0 : words[2 * i + 1];
    let d = t.find(lo, hi);
    if (d < 0) {
      if (t.size === t.cap) {
        if (t.cap === maxCap) return null;
        t = t.grown(Math.min(4 * t.cap, maxCap));
      }
      d = t.add(lo, hi);
    }
    t.counts[2 * d + c]++;
  }
  return { labelled, missing, curve: curveOf(t, 0, 1) };
}

/**
 * The hashed tally fed chunk by chunk (stream.ts): each chunk's rows counted per class d (0 or 1,
 * 255 = no label) as it comes, so a streamed run keeps neither scores nor labels. The classes are
 * the label's first two values in row order; which is positive is known only after the pass, so
 * `tallied` takes it then. `add` is false once the distinct scores pass MAX_DISTINCT (continuous
 * scores): the tally is then useless and the caller gathers the scores to sort them.
 */
export class ChunkTally {
  /** Decimal mode (as tallyDecimal): 10^d once probed, 0 when the scores are not such; -1 before a probe. */
  private scale = -1;
  private exact: Float64Array | null = null;
  /** Decimal mode's counts, [k, class] at 2·k + class; null outside it. */
  private byK: Uint32Array | null = null;
  /** Hashed mode's table (any repeating scores); null while in decimal mode. */
  private t: Table | null = null;
  private labelled = 0;
  private missing = 0;
  private rows = 0;

  add(cls: Uint8Array, score: Float64Array): boolean {
    const n = score.length;
    if (this.scale < 0) this.probe(cls, score);
    // Counters in locals, not fields, inside the row loops.
    let labelled = 0;
    let missing = 0;
    let i = 0;
    const byK = this.byK;
    if (byK) {
      const exact = this.exact!;
      const scale = this.scale;
      for (; i < n; i++) {
        const c = cls[i];
        if (c === 255) continue;
        const v = score[i];
        if (v - v !== 0) {
          labelled++;
          missing++;
          continue;
        }
        const k = Math.round(v * scale);
        if (!(k >= 0 && k <= scale) || exact[k] !== v) break; // not k / scale: this row on goes to the table
        labelled++;
        byK[2 * k + c]++;
      }
      if (i < n && !this.toTable()) return false;
    }
    if (i < n) {
      const words = new Uint32Array(score.buffer, score.byteOffset, 2 * n);
      let t = (this.t ??= new Table(START_CAP));
      let counts = t.counts;
      for (; i < n; i++) {
        const c = cls[i];
        if (c === 255) continue;
        labelled++;
        const v = score[i];
        if (v - v !== 0) {
          missing++;
          continue;
        }
        const lo = words[2 * i];
        const hi = v === 0 ? 0 : words[2 * i + 1];
        let d = t.find(lo, hi);
        if (d < 0) {
          if (t.size === t.cap) {
            if (t.cap === MAX_DISTINCT) return false;
            t = this.t = t.grown(Math.min(4 * t.cap, MAX_DISTINCT));
            counts = t.counts;
          }
          d = t.add(lo, hi);
        }
        counts[2 * d + c]++;
      }
    }
    this.labelled += labelled;
    this.missing += missing;
    this.rows += n;
    return true;
  }

  /** Decimal mode when this chunk's first labelled finite scores are k / 10^d (decimalScale's probe). */
  private probe(cls: Uint8Array, score: Float64Array): void {
    const scale = decimalScale(cls, score, null, score.length, 10 ** MAX_DECIMALS);
    if (scale === 0 && !cls.some((c, i) => c !== 255 && score[i] - score[i] === 0)) return; // nothing to probe yet
    this.scale = scale;
    if (scale > 0) {
      this.exact = Float64Array.from({ length: scale + 1 }, (_, k) => k / scale);
      this.byK = new Uint32Array(2 * (scale + 1));
    }
  }

  /** Leaves decimal mode: its counts into a hashed table; false when they are past its cap. */
  private toTable(): boolean {
    const byK = this.byK!;
    const exact = this.exact!;
    this.byK = null;
    let present = 0;
    for (let k = 0; k < exact.length; k++) if (byK[2 * k] + byK[2 * k + 1] > 0) present++;
    if (present > MAX_DISTINCT) return false;
    const t = (this.t = new Table(Math.max(START_CAP, present)));
    const words = new Uint32Array(exact.buffer);
    for (let k = 0; k < exact.length; k++) {
      if (byK[2 * k] + byK[2 * k + 1] === 0) continue;
      const d = t.add(words[2 * k], words[2 * k + 1]);
      t.counts[2 * d] = byK[2 * k];
      t.counts[2 * d + 1] = byK[2 * k + 1];
    }
    return true;
  }

  /** The curve, class `positive` (0 or 1) being the positive one. */
  tallied(positive: number): Tallied & { readonly rows: number } {
    const neg = 1 - positive;
    const curve = this.byK ? decimalCurve(this.byK, this.exact!, neg, positive) : curveOf(this.t ?? new Table(START_CAP), neg, positive);
    return { rows: this.rows, labelled: this.labelled, missing: this.missing, curve };
  }
}

/** The cumulative curve of a table's distinct scores, descending; `neg`, `pos` index its two counts. */
function curveOf(t: Table, neg: number, pos: number): ClfCurve {
  const k = t.size;
  const { distinct, counts } = t;
  // Sort the distinct values, then find each one's counts again through the table.
  const sorted = distinct.slice(0, k).sort();
  const sortedWords = new Uint32Array(sorted.buffer);
  const thresholds = new Float64Array(k);
  const tps = new Float64Array(k);
  const fps = new Float64Array(k);
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < k; j++) {
    const s = k - 1 - j; // descending
    const d = t.find(sortedWords[2 * s], sortedWords[2 * s + 1]);
    fp += counts[2 * d + neg];
    tp += counts[2 * d + pos];
    thresholds[j] = sorted[s];
    tps[j] = tp;
    fps[j] = fp;
  }
  return { thresholds, tps, fps, positives: tp, negatives: fp };
}

/** Distinct scores by bit pattern (open addressing over twice the capacity), each with its two counts. */
class Table {
  readonly distinct: Float64Array;
  private readonly words: Uint32Array;
  /** Per value: [negatives, positives], indexed 2·d + y. */
  readonly counts: Uint32Array;
  /** 1 + the value's index (0 = empty). */
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  size = 0;

  constructor(readonly cap: number) {
    const bits = 32 - Math.clz32(2 * cap - 1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.slots = new Int32Array(1 << bits);
    this.distinct = new Float64Array(cap);
    this.words = new Uint32Array(this.distinct.buffer);
    this.counts = new Uint32Array(2 * cap);
  }

  /** The value's index, or −1. */
  find(lo: number, hi: number): number {
    const words = this.words;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
    for (;;) {
      const d = this.slots[h] - 1;
      if (d < 0 || (words[2 * d] === lo && words[2 * d + 1] === hi)) return d;
      h = (h + 1) & this.mask;
    }
  }

  /** Adds a value not in the table (the caller checked it has room); returns its index. */
  add(lo: number, hi: number): number {
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
    while (this.slots[h] !== 0) h = (h + 1) & this.mask;
    const d = this.size++;
    this.slots[h] = d + 1;
    this.words[2 * d] = lo;
    this.words[2 * d + 1] = hi;
    return d;
  }

  /** A larger table with the same values and counts. */
  grown(cap: number): Table {
    const t = new Table(cap);
    for (let d = 0; d < this.size; d++) t.add(this.words[2 * d], this.words[2 * d + 1]);
    t.counts.set(this.counts.subarray(0, 2 * this.size));
    return t;
  }
}
