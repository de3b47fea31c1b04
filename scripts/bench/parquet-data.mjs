// The import benchmark's 27 columns as a typed Parquet file (hyparquet-writer, snappy), written a
// block of rows at a time so a 10M-row file can be generated without holding it. `groupRows` rows
// per row group (pyarrow's default is about 1M). Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { benchRows, HEADER } from './import-data.mjs';

const TYPES = {
  request_id: 'STRING', user_id: 'INT32', event_time: 'TIMESTAMP',
  f_country: 'STRING', f_device: 'STRING', f_plan: 'STRING', sex: 'STRING', race: 'STRING', age_group: 'STRING',
  variant: 'STRING', model_version: 'STRING', score: 'DOUBLE', prediction: 'INT32', label: 'INT32',
  latency_ms: 'INT32', revenue: 'DOUBLE', session_id: 'STRING',
};
const typeOf = (name, j) => TYPES[name] ?? (j % 4 === 3 ? 'INT32' : 'DOUBLE');

/** A CSV cell as the Parquet column's value ('' = missing). */
function typed(cell, type) {
  if (cell === '') return null;
  if (type === 'STRING') return cell;
  if (type === 'TIMESTAMP') return new Date(cell);
  return Number(cell);
}

export function parquetData(root, rows = 1_000_000, groupRows = 1_000_000) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `prediction-log-${rows}-g${groupRows}.parquet`);
  if (fs.existsSync(file)) return file;
  const row = benchRows();
  const tmp = `${file}.tmp`;
  let writer;
  for (let from = 0; from < rows; from += groupRows) {
    const n = Math.min(groupRows, rows - from);
    const cols = HEADER.map(() => new Array(n));
    for (let k = 0; k < n; k++) {
      const c = row(from + k);
      for (let j = 0; j < c.length; j++) cols[j][k] = typed(c[j], typeOf(HEADER[j], j - 3));
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
