// Import benchmark (issue 3): a 1M-row, 27-column prediction log. plumbline's whole
// `import --json` command (process start to exit, fresh workspace) against sqlite3's own C
// importer (`.import`, untyped text) on the same file in the same run, interleaved, 5 runs each.
// The ratio uses the best run of each: on a shared machine the slow runs measure the neighbours,
// not the importer (medians are printed too). Peak RSS from /usr/bin/time -v.
// BENCH_PARQUET=1 also imports the same rows as typed, snappy Parquet files (issue 15): written by
// DuckDB (parquet-duckdb-data.mjs) and by hyparquet-writer standing in for pyarrow's defaults
// (parquet-data.mjs; pyarrow is not installable here), each in 1M-row and 128k-row groups
// (BENCH_PARQUET_GROUPS, comma-separated). Those runs go in the same interleaved loop, and each
// file's Parquet/CSV ratio is the median over runs of its time over the CSV import's in the same
// run (goal ≤ 0.6). Off by default because it adds minutes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importData, HEADER } from './import-data.mjs';
import os from 'node:os';
import { parquetData } from './parquet-data.mjs';
import { duckdbParquetData } from './parquet-duckdb-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const csv = importData(root, rows);
const work = path.join(root, '.bench', 'import-run');
fs.mkdirSync(work, { recursive: true });
const cli = path.join(root, 'bin', 'plumbline.js');

function fresh(name) {
  const db = path.join(work, name);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  return db;
}

/** Wall time and peak RSS of one command. */
function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { seconds, rssMb: rss, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Warm the OS page cache so both read the file from memory.
fs.readFileSync(csv);

const parquetFiles = [];
if (process.env.BENCH_PARQUET === '1') {
  for (const groupRows of (process.env.BENCH_PARQUET_GROUPS ?? '1000000,131072').split(',').map(Number)) {
    parquetFiles.push({ writer: 'duckdb', groupRows, file: await duckdbParquetData(root, csv, rows, groupRows) });
    parquetFiles.push({ writer: 'hyparquet-writer', groupRows, file: parquetData(root, rows, groupRows) });
  }
  for (const p of parquetFiles) {
    fs.readFileSync(p.file);
    p.runs = [];
  }
}

const sqlite = [];
const mine = [];
let result;
for (let i = 0; i < runs; i++) {
  // Interleaved, so drift in machine load hits both alike.
  sqlite.push(timed('sqlite3', [fresh('sqlite.db'), '-cmd', '.mode csv', `.import ${csv} t`]));
  const m = timed(process.execPath, [cli, '--db', fresh('plumbline.db'), 'import', csv, '--name', 'log', '--json']);
  result = JSON.parse(m.stdout);
  mine.push(m);
  for (const p of parquetFiles) {
    const q = timed(process.execPath, [cli, '--db', fresh('parquet.db'), 'import', p.file, '--name', 'log', '--json']);
    const imported = JSON.parse(q.stdout);
    if (imported.rows !== rows) throw new Error(`Parquet ${p.file}: imported ${imported.rows} rows`);
    // The same columns typed the same way as from the CSV.
    const types = (r) => r.columns.map((c) => `${c.name}:${c.type}`).join(',');
    if (types(imported) !== types(result)) throw new Error(`Parquet ${p.file}: columns ${types(imported)}, CSV ${types(result)}`);
    p.runs.push({ ...q, ratio: q.seconds / m.seconds });
  }
}
if (result.rows !== rows || result.columns.length !== HEADER.length) throw new Error(`imported ${result.rows} rows × ${result.columns.length} columns`);
const best = (xs) => Math.min(...xs);

let parquet = {};
if (parquetFiles.length) {
  parquet = {
    parquet: parquetFiles.map((p) => ({
      writer: p.writer,
      group_rows: p.groupRows,
      file_mb: +(fs.statSync(p.file).size / 1048576).toFixed(1),
      median_s: +median(p.runs.map((x) => x.seconds)).toFixed(3),
      ratio_to_csv: +median(p.runs.map((x) => x.ratio)).toFixed(3),
      ratio_spread: [+Math.min(...p.runs.map((x) => x.ratio)).toFixed(3), +Math.max(...p.runs.map((x) => x.ratio)).toFixed(3)],
      peak_rss_mb: Math.round(Math.max(...p.runs.map((x) => x.rssMb))),
    })),
    parquet_goal_ratio: 0.6,
  };
}
const sqliteS = best(sqlite.map((x) => x.seconds));
const mineS = best(mine.map((x) => x.seconds));
console.log(
  JSON.stringify({
    name: 'import',
    rows,
    columns: HEADER.length,
    file_mb: +(fs.statSync(csv).size / 1048576).toFixed(1),
    plumbline_s: +mineS.toFixed(3),
    sqlite3_import_s: +sqliteS.toFixed(3),
    ratio: +(mineS / sqliteS).toFixed(3),
    plumbline_median_s: +median(mine.map((x) => x.seconds)).toFixed(3),
    sqlite3_median_s: +median(sqlite.map((x) => x.seconds)).toFixed(3),
    goal_ratio: 0.9,
    rows_per_s: Math.round(rows / mineS),
    peak_rss_mb: Math.round(Math.max(...mine.map((x) => x.rssMb))),
    sqlite3_peak_rss_mb: Math.round(Math.max(...sqlite.map((x) => x.rssMb))),
    goal_rss_mb: 300,
    ...parquet,
    runs,
    loadavg: os.loadavg().map((x) => +x.toFixed(1)),
  }),
);
