/**
 * Reusable memory for the columns of one lane's jobs. On our VMs the first touch of fresh memory
 * costs ~11 µs per 4 KB page (a paravirtualised page fault): filling a fresh 8 MB Float64Array takes
 * ~20 ms, refilling one already touched 0.3 ms. A drift part reads its columns, tests them and
 * returns a small result, so the next part can read into the same bytes: a lane faults its buffers
 * in once per run instead of once per column, and memory stays flat with the number of columns.
 *
 * A job's result must not hold a column's memory (results are JSON-ready: they cross threads by
 * copy anyway); `reset()` between jobs hands every buffer out again.
 */

/** Buffers unused this long are dropped (a long-lived engine keeps none between runs). */
const IDLE_MS = 5_000;

export class Scratch {
  private free: ArrayBuffer[] = [];
  private used: ArrayBuffer[] = [];
  private idle: ReturnType<typeof setTimeout> | null = null;

  /**
   * A buffer of at least `bytes`, not handed out since the last reset. Buffers are made at least
   * as large as any before, so a categorical column's codes reuse a numeric column's buffer.
   */
  take(bytes: number): ArrayBuffer {
    this.touch();
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      if (this.free[i].byteLength >= bytes && (best < 0 || this.free[i].byteLength < this.free[best].byteLength)) best = i;
    }
    const buffer = best >= 0 ? this.free.splice(best, 1)[0] : new ArrayBuffer(Math.max(bytes, this.largest()));
    this.used.push(buffer);
    return buffer;
  }

  /** Every buffer handed out is free again: call between jobs, once nothing reads them. */
  reset(): void {
    this.free.push(...this.used.splice(0));
    this.touch();
  }

  /** Drops every buffer (those handed out stay valid for whoever holds them). */
  drop(): void {
    this.free = [];
    this.used = [];
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }

  /** Bytes held, for tests. */
  get bytes(): number {
    return [...this.free, ...this.used].reduce((n, b) => n + b.byteLength, 0);
  }

  private largest(): number {
    return [...this.free, ...this.used].reduce((n, b) => Math.max(n, b.byteLength), 0);
  }

  private touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.drop(), IDLE_MS);
    this.idle.unref?.();
  }
}
