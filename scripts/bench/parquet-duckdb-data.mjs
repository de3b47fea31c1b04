// The import benchmark's rows as DuckDB writes Parquet (snappy, `groupRows` rows per row group;
// DuckDB writes one page per column chunk, dictionary-encoding numbers too), from the benchmark's
// CSV with the same column types as parquet-data.mjs. Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { HEADER } from './import-data.mjs';

const TYPES = {
  request_id: 'VARCHAR', user_id: 'INTEGER', event_time: 'TIMESTAMP',
  f_country: 'VARCHAR', f_device: 'VARCHAR', f_plan: 'VARCHAR', sex: 'VARCHAR', race: 'VARCHAR', age_group: 'VARCHAR',
  variant: 'VARCHAR', model_version: 'VARCHAR', score: 'DOUBLE', prediction: 'INTEGER', label: 'INTEGER',
  latency_ms: 'INTEGER', revenue: 'DOUBLE', session_id: 'VARCHAR',
};

const quote = (s) => `'${s.replaceAll("'", "''")}'`;

export async function duckdbParquetData(root, csv, rows, groupRows) {
  const file = path.join(root, '.bench', `prediction-log-${rows}-g${groupRows}-duckdb.parquet`);
  if (fs.existsSync(file)) return file;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const columns = HEADER.map((n, j) => `${quote(n)}: ${quote(TYPES[n] ?? ((j - 3) % 4 === 3 ? 'INTEGER' : 'DOUBLE'))}`).join(', ');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const tmp = `${file}.tmp`;
  await con.run(
    `COPY (SELECT * FROM read_csv(${quote(csv)}, header = true, columns = {${columns}})) TO ${quote(tmp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${groupRows})`,
  );
  con.closeSync();
  fs.renameSync(tmp, file);
  return file;
}
