// The import benchmark's 27 columns as a typed Parquet file (hyparquet-writer, snappy), written a
// block of rows at a time so a 10M-row file can be generated without holding it. `groupRows` rows
// per row group (pyarrow's default is about 1M). Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { HEADER } from './import-data.mjs';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = {
  request_id: 'STRING', user_id: 'INT32', event_time: 'TIMESTAMP',
  f_country: 'STRING', f_device: 'STRING', f_plan: 'STRING', sex: 'STRING', race: 'STRING', age_group: 'STRING',
  variant: 'STRING', model_version: 'STRING', score: 'DOUBLE', prediction: 'INT32', label: 'INT32',
  latency_ms: 'INT32', revenue: 'DOUBLE', session_id: 'STRING',
};
const typeOf = (name, j) => TYPES[name] ?? (j % 4 === 3 ? 'INT32' : 'DOUBLE');

export function parquetData(root, rows = 1_000_000, groupRows = 1_000_000) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `prediction-log-${rows}-g${groupRows}.parquet`);
  if (fs.existsSync(file)) return file;
  const r = rng(42);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const countries = ['FR', 'DE', 'US', 'GB', 'ES', 'IT', 'NL', 'BE', 'SE', 'PL', 'BR', 'IN', 'JP', 'CA', 'AU', 'MX', 'CH', 'AT', 'PT', 'IE'];
  const devices = ['ios', 'android', 'web', 'tablet', 'tv'];
  const plans = Array.from({ length: 50 }, (_, i) => `plan_${i}`);
  const races = ['white', 'black', 'asian', 'hispanic', 'other'];
  const ages = ['18-25', '26-35', '36-45', '46-55', '56-65', '65+'];
  const start = Date.UTC(2026, 0, 1);
  const tmp = `${file}.tmp`;
  let writer;
  for (let from = 0; from < rows; from += groupRows) {
    const n = Math.min(groupRows, rows - from);
    const cols = HEADER.map(() => new Array(n));
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const c = [(i * 2654435761 >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(8, '0'), Math.floor(r() * 200_000), new Date(start + i * 2_000 + Math.floor(r() * 1000))];
      for (let j = 0; j < 10; j++) c.push(j % 4 === 3 ? Math.floor(r() * 100) : Number(((r() - 0.5) * (j + 1) * 10).toFixed(4)));
      c.push(pick(countries), pick(devices), pick(plans), r() < 0.5 ? 'F' : 'M', pick(races), pick(ages));
      c.push(r() < 0.5 ? 'A' : 'B', pick(['v1.3.0', 'v1.4.0']));
      const score = r();
      c.push(Number(score.toFixed(6)), score > 0.5 ? 1 : 0, r() < 0.15 ? null : r() < score ? 1 : 0);
      c.push(5 + Math.floor(r() * 300), r() < 0.7 ? 0 : Number((r() * 200).toFixed(2)), `s${Math.floor(i / 7)}`);
      for (let j = 0; j < c.length; j++) cols[j][k] = c[j];
    }
    const columnData = HEADER.map((name, j) => ({ name, data: cols[j], type: typeOf(name, j - 3) }));
    if (!writer) {
      writer = new ParquetWriter({ writer: fileWriter(tmp), schema: schemaFromColumnData({ columnData }) });
    }
    writer.write({ columnData, rowGroupSize: groupRows });
  }
  writer.finish();
  fs.renameSync(tmp, file);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rows, groupRows] = process.argv.slice(2).map(Number);
  console.log(parquetData(process.cwd(), rows || undefined, groupRows || undefined));
}
