/**
 * A quantile metric's values per group (arm, or segment × arm), gathered in row order as the pass
 * over the rows goes, in arrays that double as they fill: only the analysed rows' values are kept,
 * not a whole column and a per-row group array beside it (at 2M rows those, and the groups' copies
 * made from them, touched ~70 MB of fresh memory).
 */
export class GroupValues {
  private readonly buffers: Float64Array[];
  private readonly lengths: Int32Array;

  constructor(groups: number) {
    this.buffers = Array.from({ length: groups }, () => new Float64Array(64));
    this.lengths = new Int32Array(groups);
  }

  /** Adds x[i] for rows i < n whose cell is analysed (≥ 0), into group groupOfCell[cell]; missing values (NaN) are left out. */
  add(cells: Int32Array, groupOfCell: Int32Array, x: Float64Array, n: number): void {
    const { buffers, lengths } = this;
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      const v = x[i];
      if (c < 0 || v !== v) continue;
      const g = groupOfCell[c];
      const at = lengths[g];
      let b = buffers[g];
      if (at === b.length) {
        const grown = new Float64Array(at * 2);
        grown.set(b);
        buffers[g] = b = grown;
      }
      b[at] = v;
      lengths[g] = at + 1;
    }
  }

  /** Each group's values, in row order. */
  values(): Float64Array[] {
    return this.buffers.map((b, g) => b.subarray(0, this.lengths[g]));
  }
}

/**
 * Each arm's values as its segment blocks' one after another (block b, arm a = group b·k + a): not
 * in row order, which the order-statistic interval never reads (it selects ranks); a bootstrap
 * resamples by position, so it gathers the arms in row order instead.
 */
export function armsFromBlocks(blocks: readonly Float64Array[], k: number): Float64Array[] {
  const arms: Float64Array[] = [];
  for (let a = 0; a < k; a++) {
    let n = 0;
    for (let g = a; g < blocks.length; g += k) n += blocks[g].length;
    const out = new Float64Array(n);
    for (let g = a, at = 0; g < blocks.length; g += k) {
      out.set(blocks[g], at);
      at += blocks[g].length;
    }
    arms.push(out);
  }
  return arms;
}

/** Cell → group table for GroupValues.add. */
export function groupTable(cells: number, to: (cell: number) => number): Int32Array {
  return Int32Array.from({ length: cells }, (_, c) => to(c));
}
