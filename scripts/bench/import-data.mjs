// Deterministic 1M-row, 27-column prediction log for the import benchmark (issue 3): ids, ISO
// timestamps, 10 numeric and 3 categorical features, protected attributes, variant, score,
// prediction, label with 15% missing, latency, revenue. Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { rng } from './rng.mjs';
import { writeLines } from './write-lines.mjs';

export const HEADER = [
  'request_id', 'user_id', 'event_time',
  ...Array.from({ length: 10 }, (_, i) => `f_num_${i}`),
  'f_country', 'f_device', 'f_plan',
  'sex', 'race', 'age_group',
  'variant', 'model_version',
  'score', 'prediction', 'label',
  'latency_ms', 'revenue', 'session_id',
];

/**
 * Row i of the benchmark log as CSV cells (text; '' = missing), drawing from `r` in a fixed order:
 * the CSV and the Parquet file (parquet-data.mjs) hold the same values.
 */
export function benchRows(seed = 42) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const countries = ['FR', 'DE', 'US', 'GB', 'ES', 'IT', 'NL', 'BE', 'SE', 'PL', 'BR', 'IN', 'JP', 'CA', 'AU', 'MX', 'CH', 'AT', 'PT', 'IE'];
  const devices = ['ios', 'android', 'web', 'tablet', 'tv'];
  const plans = Array.from({ length: 50 }, (_, i) => `plan_${i}`);
  const races = ['white', 'black', 'asian', 'hispanic', 'other'];
  const ages = ['18-25', '26-35', '36-45', '46-55', '56-65', '65+'];
  const start = Date.UTC(2026, 0, 1);
  return (i) => {
    const id = (i * 2654435761 >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(8, '0');
    const cells = [id, String(Math.floor(r() * 200_000)), new Date(start + i * 2_000 + Math.floor(r() * 1000)).toISOString()];
    for (let j = 0; j < 10; j++) cells.push(j % 4 === 3 ? String(Math.floor(r() * 100)) : ((r() - 0.5) * (j + 1) * 10).toFixed(4));
    cells.push(pick(countries), pick(devices), pick(plans), r() < 0.5 ? 'F' : 'M', pick(races), pick(ages));
    cells.push(r() < 0.5 ? 'A' : 'B', pick(['v1.3.0', 'v1.4.0']));
    const score = r();
    cells.push(score.toFixed(6), score > 0.5 ? '1' : '0', r() < 0.15 ? '' : r() < score ? '1' : '0');
    cells.push(String(5 + Math.floor(r() * 300)), r() < 0.7 ? '0' : (r() * 200).toFixed(2), `s${Math.floor(i / 7)}`);
    return cells;
  };
}

export function importData(root, rows = 1_000_000) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `prediction-log-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  const row = benchRows();
  writeLines(file, HEADER.join(','), rows, (i) => row(i).join(','));
  return file;
}
