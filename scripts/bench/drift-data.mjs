// Deterministic reference/current pair for the drift benchmarks: 13 numerical and 12 categorical
// columns (the 25 analysed columns of issue 15), current shifted on a few of them. Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { rng } from './rng.mjs';

export const NUMERIC = Array.from({ length: 13 }, (_, i) => `num_${i + 1}`);
export const CATEGORICAL = Array.from({ length: 12 }, (_, i) => `cat_${i + 1}`);

function writeCsv(file, rows, seed, shifted) {
  const r = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const cats = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, [...NUMERIC, ...CATEGORICAL].join(',') + '\n');
  let buf = [];
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < NUMERIC.length; j++) {
      const shift = shifted && j < 3 ? 0.3 * (j + 1) : 0;
      const v = j % 3 === 2 ? Math.floor(r() * 1000) : normal() * (j + 1) + shift * (j + 1);
      cells.push(r() < 0.01 ? '' : j % 3 === 2 ? String(v) : v.toFixed(5));
    }
    for (let j = 0; j < CATEGORICAL.length; j++) {
      const k = Math.min(cats.length - 1, Math.floor(-Math.log(r() || 1e-12) * (shifted && j < 2 ? 2.2 : 2)));
      cells.push(cats[k]);
    }
    buf.push(cells.join(','));
    if (buf.length === 10000) {
      fs.writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  fs.closeSync(fd);
}

export function driftData(root, rows = 1_000_000) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const ref = path.join(dir, `drift-ref-${rows}x25.csv`);
  const cur = path.join(dir, `drift-cur-${rows}x25.csv`);
  if (!fs.existsSync(ref)) writeCsv(ref, rows, 1, false);
  if (!fs.existsSync(cur)) writeCsv(cur, rows, 2, true);
  return { ref, cur };
}
