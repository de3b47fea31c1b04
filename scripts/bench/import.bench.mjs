// Import benchmark (issues 3 and 15): a 1M-row, 27-column prediction log. plumbline's whole
// `import --json` command (process start to exit, fresh workspace) against sqlite3's own C
// importer (`.import`, untyped text) on the same file in the same run, interleaved, BENCH_RUNS
// rounds (default 5). Each round runs sqlite3, then the import alone (PLUMBLINE_SORT_ON_IMPORT=0:
// the numeric columns' sort is left to the first analysis), then the import as users run it (the
// sort into the column cache included); each ratio is taken within its round, and the median and
// spread over rounds are reported (on a shared machine the slow rounds measure the neighbours).
// Peak RSS from /usr/bin/time.
// It also imports the same rows as typed, snappy Parquet files (issue 15): written by
// DuckDB (parquet-duckdb-data.mjs) and by hyparquet-writer standing in for pyarrow's defaults
// (parquet-data.mjs; pyarrow is not installable here), each in 1M-row and 128k-row groups
// (BENCH_PARQUET_GROUPS, comma-separated). Those imports (alone, without the sort) go in the same
// rounds, and each file's Parquet/CSV ratio is the median over rounds of its time over the CSV
// import's alone in the same round (goal ≤ 0.6 at ≤ 300 MB). BENCH_PARQUET=0 leaves them out (they
// add about a minute and a half, and the files are written once into .bench).
// The moonshot (issue 15): each round also times DuckDB reading the same CSV into an in-memory table
// (duckdb-read-csv.mjs, a whole process like ours); the row gives the CSV import alone over it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importData, HEADER } from './import-data.mjs';
import { loadAverage, summary, timed } from './interleave.mjs';
import { parquetData } from './parquet-data.mjs';
import { duckdbParquetData } from './parquet-duckdb-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const csv = importData(root, rows);
// A directory of this run's own: .bench is shared between worktrees, and two benches writing one
// workspace file would time each other's deletions.
const work = path.join(root, '.bench', `import-run-${process.pid}`);
fs.mkdirSync(work, { recursive: true });
const cli = path.join(root, 'bin', 'plumbline.js');

function fresh(name) {
  const db = path.join(work, name);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  return db;
}

// Warm the OS page cache so both read the file from memory.
fs.readFileSync(csv);

const parquetFiles = [];
if (process.env.BENCH_PARQUET !== '0') {
  for (const groupRows of (process.env.BENCH_PARQUET_GROUPS ?? '1000000,131072').split(',').map(Number)) {
    parquetFiles.push({ writer: 'duckdb', groupRows, file: await duckdbParquetData(root, csv, rows, groupRows) });
    parquetFiles.push({ writer: 'hyparquet-writer', groupRows, file: parquetData(root, rows, groupRows) });
  }
  for (const p of parquetFiles) {
    fs.readFileSync(p.file);
    p.runs = [];
  }
}

const loadBefore = loadAverage();
const rounds = [];
let result;
const alone = { PLUMBLINE_SORT_ON_IMPORT: '0' };
for (let i = 0; i < runs; i++) {
  // Interleaved, so drift in machine load hits all alike.
  const sqlite = timed('sqlite3', [fresh('sqlite.db'), '-cmd', '.mode csv', `.import ${csv} t`]);
  const mine = timed(process.execPath, [cli, '--db', fresh('plumbline.db'), 'import', csv, '--name', 'log', '--json'], alone);
  result = JSON.parse(mine.stdout);
  const sorted = timed(process.execPath, [cli, '--db', fresh('plumbline.db'), 'import', csv, '--name', 'log', '--json']);
  const duck = timed(process.execPath, [path.join(root, 'scripts', 'bench', 'duckdb-read-csv.mjs'), csv]);
  if (JSON.parse(duck.stdout).rows !== rows) throw new Error(`DuckDB read ${duck.stdout.trim()} rows of ${rows}`);
  const round = { sqlite, mine, sorted, duck, parquet: [] };
  for (const p of parquetFiles) {
    const qdb = fresh('parquet.db');
    const q = timed(process.execPath, [cli, '--db', qdb, 'import', p.file, '--name', 'log', '--json'], alone);
    const imported = JSON.parse(q.stdout);
    if (imported.rows !== rows) throw new Error(`Parquet ${p.file}: imported ${imported.rows} rows`);
    // The same columns typed the same way as from the CSV.
    const types = (r) => r.columns.map((c) => `${c.name}:${c.type}`).join(',');
    if (types(imported) !== types(result)) throw new Error(`Parquet ${p.file}: columns ${types(imported)}, CSV ${types(result)}`);
    // Whether the import chose its decoding thread (a core free when it started): from its provenance.
    const settings = JSON.parse(execFileSync('sqlite3', [qdb, 'SELECT parser_settings FROM imports ORDER BY id DESC LIMIT 1']).toString());
    p.runs.push({ ...q, ratio: q.seconds / mine.seconds, thread: settings.decodingThread === true });
  }
  rounds.push(round);
}
for (const f of ['sqlite.db', 'plumbline.db', 'parquet.db']) fresh(f);
fs.rmSync(work, { recursive: true, force: true });
if (result.rows !== rows || result.columns.length !== HEADER.length) throw new Error(`imported ${result.rows} rows × ${result.columns.length} columns`);

const secs = (xs) => summary(xs, 2);
const fmt = (x) => `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
const peak = (xs) => Math.round(Math.max(...xs.map((x) => x.rssMb)));
const sqliteS = secs(rounds.map((r) => r.sqlite.seconds));
const mineS = secs(rounds.map((r) => r.mine.seconds));
const sortedS = secs(rounds.map((r) => r.sorted.seconds));
const ratio = summary(rounds.map((r) => r.mine.seconds / r.sqlite.seconds));
const sortedRatio = summary(rounds.map((r) => r.sorted.seconds / r.sqlite.seconds));
const mineRss = peak(rounds.map((r) => r.mine));
const sortedRss = peak(rounds.map((r) => r.sorted));
const anchor = `sqlite3 \`.import\` (untyped text): ${fmt(sqliteS)}`;
const what = `CSV import, ${rows.toLocaleString('en')} rows × ${HEADER.length} columns (${(fs.statSync(csv).size / 1048576).toFixed(0)} MB), whole \`import --json\` command`;
const readme = [
  { what: `${what}, import alone (PLUMBLINE_SORT_ON_IMPORT=0)`, plumbline: fmt(mineS), peak: `${mineRss} MB`, anchor, ratio, goal: '≤ 0.7 at ≤ 300 MB', reached: ratio.median <= 0.7 && mineRss <= 300 },
  { what: `${what}, import + sort of the numeric columns into the column cache (the default)`, plumbline: fmt(sortedS), peak: `${sortedRss} MB`, anchor, ratio: sortedRatio, goal: '— (the 0.7 goal is the import\'s)', reached: null },
];
const duckS = secs(rounds.map((r) => r.duck.seconds));
const duckRatio = summary(rounds.map((r) => r.mine.seconds / r.duck.seconds));
readme.push({
  what: `the CSV moonshot: the same CSV import alone against DuckDB reading the file into a table`,
  plumbline: fmt(mineS),
  peak: `${mineRss} MB`,
  anchor: `DuckDB \`CREATE TABLE … AS SELECT * FROM read_csv\` in memory, both cores, whole process: ${fmt(duckS)}, peak RSS ${peak(rounds.map((r) => r.duck))} MB`,
  ratio: duckRatio,
  goal: '≤ 1.0 (moonshot)',
  reached: duckRatio.median <= 1,
});
let parquet = {};
if (parquetFiles.length) {
  for (const p of parquetFiles) {
    const r = summary(p.runs.map((x) => x.ratio));
    const rss = peak(p.runs);
    readme.push({
      what: `Parquet import of the same rows (snappy, ${p.groupRows.toLocaleString('en')}-row groups, written by ${p.writer}), import alone, decoding thread in ${p.runs.filter((x) => x.thread).length} of ${p.runs.length} rounds`,
      plumbline: fmt(secs(p.runs.map((x) => x.seconds))),
      peak: `${rss} MB`,
      anchor: `the CSV import alone in the same round: ${fmt(mineS)}`,
      ratio: r,
      goal: '≤ 0.6 at ≤ 300 MB',
      reached: r.median <= 0.6 && rss <= 300,
    });
  }
  parquet = {
    parquet: parquetFiles.map((p) => ({
      writer: p.writer,
      group_rows: p.groupRows,
      file_mb: +(fs.statSync(p.file).size / 1048576).toFixed(1),
      seconds: secs(p.runs.map((x) => x.seconds)),
      ratio_to_csv: summary(p.runs.map((x) => x.ratio)),
      peak_rss_mb: peak(p.runs),
      decoding_thread_rounds: p.runs.filter((x) => x.thread).length,
    })),
    parquet_goal_ratio: 0.6,
  };
}
console.log(
  JSON.stringify({
    name: 'import',
    rows,
    columns: HEADER.length,
    file_mb: +(fs.statSync(csv).size / 1048576).toFixed(1),
    plumbline_s: mineS,
    plumbline_with_sort_s: sortedS,
    sqlite3_import_s: sqliteS,
    ratio,
    ratio_with_sort: sortedRatio,
    goal_ratio: 0.7,
    peak_rss_mb: mineRss,
    peak_rss_with_sort_mb: sortedRss,
    sqlite3_peak_rss_mb: peak(rounds.map((r) => r.sqlite)),
    duckdb_read_csv_s: duckS,
    ratio_to_duckdb: duckRatio,
    goal_rss_mb: 300,
    ...parquet,
    runs,
    load_average: { before: loadBefore, after: loadAverage() },
    readme,
  }),
);
