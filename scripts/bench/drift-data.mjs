// Deterministic reference/current pair for the drift benchmarks: by default 13 numerical and 12
// categorical columns (the 25 analysed columns of issue 15), current shifted on a few of them;
// BENCH_BIG uses 26 + 24 = 50. Written once under .bench/ (to a temp name renamed at the end).
import fs from 'node:fs';
import path from 'node:path';
import { rng } from './rng.mjs';
import { writeLines } from './write-lines.mjs';

export const SHAPE = { numeric: 13, categorical: 12 };
export const BIG_SHAPE = { numeric: 26, categorical: 24 };
export const columnNames = (shape) => ({
  numeric: Array.from({ length: shape.numeric }, (_, i) => `num_${i + 1}`),
  categorical: Array.from({ length: shape.categorical }, (_, i) => `cat_${i + 1}`),
});
export const { numeric: NUMERIC, categorical: CATEGORICAL } = columnNames(SHAPE);

function writeCsv(file, rows, seed, shifted, shape) {
  const names = columnNames(shape);
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const cats = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
  writeLines(file, [...names.numeric, ...names.categorical].join(','), rows, () => {
    const cells = [];
    for (let j = 0; j < shape.numeric; j++) {
      const shift = shifted && j < 3 ? 0.3 * (j + 1) : 0;
      const v = j % 3 === 2 ? Math.floor(r() * 1000) : normal() * (j + 1) + shift * (j + 1);
      cells.push(r() < 0.01 ? '' : j % 3 === 2 ? String(v) : v.toFixed(5));
    }
    for (let j = 0; j < shape.categorical; j++) {
      const k = Math.min(cats.length - 1, Math.floor(-Math.log(r() || 1e-12) * (shifted && j < 2 ? 2.2 : 2)));
      cells.push(cats[k]);
    }
    return cells.join(',');
  });
}

export function driftData(root, rows = 1_000_000, shape = SHAPE) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const tag = `${rows}x${shape.numeric + shape.categorical}`;
  const ref = path.join(dir, `drift-ref-${tag}.csv`);
  const cur = path.join(dir, `drift-cur-${tag}.csv`);
  if (!fs.existsSync(ref)) writeCsv(ref, rows, 1, false, shape);
  if (!fs.existsSync(cur)) writeCsv(cur, rows, 2, true, shape);
  return { ref, cur, tag };
}
