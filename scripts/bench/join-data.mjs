// Deterministic data for the join benchmark: a prediction log keyed by a text request_id, and a
// delayed-labels file for it — shuffled, 10% orphan keys, 1% repeated keys. Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { rng } from './rng.mjs';
import { writeLines } from './write-lines.mjs';

export const requestId = (i) => `${(Math.imul(i, 2654435761) >>> 0).toString(16).padStart(8, '0')}-${i.toString(16).padStart(8, '0')}`;

/** { predictions, labels }: CSV paths for `rows` dataset rows and `rows` label lines. */
export function joinData(root, rows) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const predictions = path.join(dir, `join-predictions-${rows}.csv`);
  const labels = path.join(dir, `join-labels-${rows}.csv`);
  const r = rng(7);
  if (!fs.existsSync(predictions)) writeLines(predictions, 'request_id,score', rows, (i) => `${requestId(i)},${r().toFixed(6)}`);
  if (!fs.existsSync(labels)) {
    // Label line i names dataset row order[i]; a tenth name rows the dataset lacks, 1% repeat a key.
    const order = new Int32Array(rows);
    for (let i = 0; i < rows; i++) order[i] = r() < 0.1 ? rows + i : i;
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let i = 1; i < rows; i++) if (r() < 0.01) order[i] = order[Math.floor(r() * i)];
    writeLines(labels, 'request_id,label,outcome', rows, (i) => `${requestId(order[i])},${r() < 0.3 ? 1 : 0},${(r() * 100).toFixed(2)}`);
  }
  return { predictions, labels };
}
