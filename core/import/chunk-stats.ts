import type { ColumnType } from '../data/column';
import { guessRole, idByName } from './roles';

/**
 * What a numeric column's values say about its role (roles.ts ValueProfile), gathered from each
 * chunk as it is written instead of reading the whole column back from SQLite at commit (a read
 * of every chunk, fresh pages for each, and a sort of the whole column for an id-named one).
 * Chunks must arrive in chunk order, as both the row and the column-by-column writers flush them.
 */
export class ChunkStats {
  min = Infinity;
  max = -Infinity;
  /** Every value so far greater than the one before (NaN breaks it, as in the read-back check). */
  increasing = true;
  /**
   * Values equal to an earlier value of the same chunk, summed over chunks: a lower bound on the
   * column's repeats, so nonNull − this bounds its distinct count from above.
   */
  repeatsAtLeast = 0;
  private prev = -Infinity;
  /** From the column's name (see `wanted`); undefined: everything, as for a column read back. */
  private readonly wanted: Wanted | undefined;

  constructor(name?: string) {
    this.wanted = name === undefined ? undefined : wanted(name);
  }

  /**
   * A chunk as the writer stores it, while the column has type `type`: only what the role guess
   * can read of it (DatasetWriter.profile). A column that is not integer or real now never will
   * be (widening goes integer → real → text), and its stats are never read; the range is read
   * only for a column named like a score, the repeats only for one named like an id, and the
   * order only while every value so far went up (an integer counter). The bench log's 18 numeric
   * columns went through the min/max loop, 0.15-0.23 s of a 1M-row Parquet import's main thread
   * at load ~2.4; 15 of them need none of it (only `score` its range, `user_id` its repeats).
   */
  addChunk(values: Float64Array, type: ColumnType): void {
    const w = this.wanted;
    if (!w || w.range) return this.add(values, w?.repeats ?? false);
    if (type !== 'integer' && type !== 'real') return;
    if (this.increasing) {
      let prev = this.prev;
      for (let i = 0; i < values.length; i++) {
        const x = values[i];
        if (!(x > prev)) {
          this.increasing = false;
          break;
        }
        prev = x;
      }
      this.prev = prev;
    }
    if (w.repeats && !this.increasing) this.repeatsAtLeast += repeatsIn(values);
  }

  add(values: Float64Array, countRepeats: boolean): void {
    let min = this.min;
    let max = this.max;
    let increasing = this.increasing;
    let prev = this.prev;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (x < min) min = x;
      if (x > max) max = x;
      if (increasing && !(x > prev)) increasing = false;
      prev = x;
    }
    this.min = min;
    this.max = max;
    this.increasing = increasing;
    this.prev = prev;
    if (countRepeats && !increasing) this.repeatsAtLeast += repeatsIn(values);
  }
}

interface Wanted {
  readonly range: boolean;
  readonly repeats: boolean;
}

/**
 * What profile() reads for a column of this name: the range when it is named like a score
 * (guessRole(name, type) === 'score' for a final integer or real type implies it for 'real'), the
 * repeats when it is named like an id.
 */
function wanted(name: string): Wanted {
  return { range: guessRole(name, 'real') === 'score', repeats: idByName(name) };
}

// One table for every chunk of every column: reused, as fresh memory costs a page fault per 4 KB.
let table = new Float64Array(0);
let stamp = new Int32Array(0);
let generation = 0;
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** Values of one chunk equal to an earlier one in it (NaN never counts). */
export function repeatsIn(values: Float64Array): number {
  let size = 1024;
  while (size < 2 * values.length) size *= 2;
  if (table.length < size) {
    table = new Float64Array(size);
    stamp = new Int32Array(size);
    generation = 0;
  }
  if (++generation === 0x7fffffff) {
    stamp.fill(0);
    generation = 1;
  }
  const mask = size - 1;
  let repeats = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) continue;
    bits[0] = x === 0 ? 0 : x; // -0 and 0 are one value
    let h = Math.imul(words[0] ^ Math.imul(words[1], 0x85ebca6b), 0x9e3779b1);
    h ^= h >>> 16;
    let p: number;
    for (p = h & mask; stamp[p] === generation; p = (p + 1) & mask) {
      if (table[p] === x) {
        repeats++;
        p = -1;
        break;
      }
    }
    if (p < 0) continue;
    stamp[p] = generation;
    table[p] = x;
  }
  return repeats;
}
