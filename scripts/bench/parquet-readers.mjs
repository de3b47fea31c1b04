// Issue 15: the candidate Parquet readers, each reading the same file into what the import needs
// (a Float64Array per numeric column, NaN = missing, times as epoch ms; a JS string per text
// cell) and nothing else: no SQLite. Each run is its own process (peak RSS from /usr/bin/time -v),
// readers interleaved, median of BENCH_RUNS (default 3).
//   (a) hyparquet: Plumbline's page-by-page reader (core/import/formats/parquet.ts, bundled here),
//       rows in windows of columns, one thread
//   (a2) hyparquet-thread: the same reader column by column, as an import without chosen types
//       reads, its pages decoded on a second thread (dist/engine/parquet-worker.js: build first)
//   (b) parquet-wasm + apache-arrow: a row group at a time, Arrow IPC into JS
//   (c) DuckDB (@duckdb/node-api) as the file reader: read_parquet streamed in 2,048-row chunks
// (b) is not a dependency (it lost): `npm install --no-save parquet-wasm apache-arrow` first.
// Usage: node scripts/bench/parquet-readers.mjs FILE.parquet…
// Ends with one summary line whose `readme` rows give, per file, each reader's median against
// DuckDB's reader in the same rounds (the ratio of each round's pair).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const READERS = ['hyparquet', 'hyparquet-thread', 'parquet-wasm', 'duckdb'];

async function hyparquet(file, thread = false) {
  const out = path.join(os.tmpdir(), `plumbline-parquet-reader-${process.pid}.mjs`);
  const { build } = await import('esbuild');
  await build({ entryPoints: [path.join(root, 'core/import/formats/parquet.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { readParquet } = await import(out);
  fs.rmSync(out);
  const script = path.join(root, 'dist', 'engine', 'parquet-worker.js');
  if (thread && !fs.existsSync(script)) throw new Error('dist/engine/parquet-worker.js is missing: run "npm run build" first.');
  process.env.PLUMBLINE_PARQUET_WORKER = thread ? script : '0';
  const t0 = performance.now();
  let touched = 0;
  const sink = {
    columns() {},
    row() { throw new Error('rows expected as windows'); },
    fields() {},
    window(w) {
      // Text comes as references (dictionary indices and bytes: TextRefs), not cells.
      for (const c of w.columns) touched += c.kind === 'numbers' ? c.values.length : c.kind === 'text' ? c.refs.length : c.cells.length;
    },
    // Column by column (DatasetWriter.columnar), which is what the decoding thread serves.
    columnar: () => (thread ? { add: (_i, _values, rows) => (touched += rows), aligned() {} } : undefined),
  };
  const rc = { ctx: { signal: new AbortController().signal, progress() {} }, problems: null, displayName: file, progress() {} };
  const { rowsRead } = await readParquet(file, sink, rc, () => {});
  return { seconds: (performance.now() - t0) / 1000, rows: rowsRead, touched };
}

/** An Arrow column's values for rows [0, n) as the import wants them. */
function arrowColumn(vector, n) {
  const t = vector.type.typeId;
  // Arrow Type ids: Int 2, Float 3, Bool 6, Timestamp 10, Utf8 5, Dictionary -1.
  if (t === 2 || t === 3 || t === 10 || t === 6) {
    const out = new Float64Array(n);
    let k = 0;
    for (const d of vector.data) {
      const vals = d.values;
      const big = vals instanceof BigInt64Array;
      const div = t === 10 ? [1000, 1, 1e-3, 1e-6][d.type.unit] : 1;
      for (let i = 0; i < d.length; i++, k++) {
        if (!d.getValid(i)) out[k] = NaN;
        else if (t === 6) out[k] = d.type && vector.get(k) ? 1 : 0;
        else out[k] = big ? Number(vals[d.offset + i]) * (t === 10 ? 1 / div : 1) : vals[d.offset + i];
      }
    }
    return out;
  }
  return Array.from({ length: n }, (_, k) => vector.get(k));
}

async function parquetWasm(file) {
  const pw = await import('parquet-wasm');
  const arrow = await import('apache-arrow');
  const t0 = performance.now();
  const bytes = new Uint8Array(fs.readFileSync(file));
  let rows = 0;
  let touched = 0;
  // Row group by row group so the decoded data of one group at most is held at once.
  const groups = Number(process.env.ROW_GROUPS);
  for (let g = 0; g < groups; g++) {
    const table = pw.readParquet(bytes, { rowGroups: [g], batchSize: 65_536 });
    const js = arrow.tableFromIPC(table.intoIPCStream());
    for (let i = 0; i < js.numCols; i++) touched += arrowColumn(js.getChildAt(i), js.numRows).length;
    rows += js.numRows;
  }
  return { seconds: (performance.now() - t0) / 1000, rows, touched };
}

async function duckdb(file) {
  const { DuckDBInstance, DuckDBTypeId } = await import('@duckdb/node-api');
  const t0 = performance.now();
  const db = await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) });
  const con = await db.connect();
  const result = await con.stream(`SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`);
  const types = result.columnTypes().map((t) => t.typeId);
  let rows = 0;
  let touched = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    for (let i = 0; i < chunk.columnCount; i++) {
      const v = chunk.getColumnVector(i);
      const t = types[i];
      if (t === DuckDBTypeId.VARCHAR) {
        const cells = new Array(n);
        for (let k = 0; k < n; k++) cells[k] = v.getItem(k);
        touched += n;
      } else {
        const out = new Float64Array(n);
        const items = v.items;
        const ts = t === DuckDBTypeId.TIMESTAMP || t === DuckDBTypeId.TIMESTAMP_TZ;
        for (let k = 0; k < n; k++) {
          if (!v.validity.itemValid(k)) out[k] = NaN;
          else out[k] = ts ? Number(items[k]) / 1000 : typeof items[k] === 'bigint' ? Number(items[k]) : +items[k];
        }
        touched += n;
      }
    }
    rows += n;
  }
  con.closeSync?.();
  return { seconds: (performance.now() - t0) / 1000, rows, touched };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === '--one') {
  const [, , , reader, file] = process.argv;
  const run = { hyparquet, 'hyparquet-thread': (f) => hyparquet(f, true), 'parquet-wasm': parquetWasm, duckdb }[reader];
  console.log(JSON.stringify(await run(file)));
} else {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const { parquetMetadata } = await import('hyparquet');
  const { loadAverage, summary } = await import('./interleave.mjs');
  const loadBefore = loadAverage();
  const readme = [];
  for (const file of process.argv.slice(2)) {
    const buf = fs.readFileSync(file);
    const meta = parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const times = Object.fromEntries(READERS.map((r) => [r, []]));
    const rss = Object.fromEntries(READERS.map((r) => [r, 0]));
    for (let i = 0; i < runs; i++) {
      for (const reader of READERS) {
        const r = spawnSync('/usr/bin/time', ['-v', process.execPath, fileURLToPath(import.meta.url), '--one', reader, file], {
          encoding: 'utf8',
          env: { ...process.env, ROW_GROUPS: String(meta.row_groups.length) },
          maxBuffer: 1 << 24,
        });
        if (r.status !== 0) {
          times[reader].push(NaN);
          console.error(reader, r.stderr.split('\n').slice(-20).join('\n'));
          continue;
        }
        const out = JSON.parse(r.stdout.trim().split('\n').pop());
        if (out.rows !== Number(meta.num_rows)) throw new Error(`${reader}: ${out.rows} rows`);
        times[reader].push(out.seconds);
        rss[reader] = Math.max(rss[reader], Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) / 1024);
      }
    }
    console.log(
      JSON.stringify({
        file: path.basename(file),
        rows: Number(meta.num_rows),
        rowGroups: meta.row_groups.length,
        createdBy: meta.created_by,
        loadavg: os.loadavg().map((x) => +x.toFixed(1)),
        ...Object.fromEntries(READERS.map((r) => [r, { median_s: +median(times[r]).toFixed(2), runs_s: times[r].map((x) => +x.toFixed(2)), peak_rss_mb: Math.round(rss[r]) }])),
      }),
    );
    const secs = (r) => {
      const x = summary(times[r].filter((t) => !Number.isNaN(t)), 2);
      return `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
    };
    for (const reader of READERS.filter((r) => r !== 'duckdb')) {
      const pairs = times[reader].map((t, i) => t / times.duckdb[i]).filter((x) => Number.isFinite(x));
      if (!pairs.length) continue;
      readme.push({
        what: `Parquet reading into typed columns, no SQLite: ${reader}, ${path.basename(file)} (${meta.row_groups.length} row groups, ${meta.created_by ?? 'unknown writer'})`,
        plumbline: secs(reader),
        peak: `${Math.round(rss[reader])} MB`,
        anchor: `DuckDB ${'@duckdb/node-api'} as the reader: ${secs('duckdb')}`,
        ratio: summary(pairs),
        goal: '— (reader choice: the fastest wins)',
        reached: null,
      });
    }
  }
  console.log(JSON.stringify({ name: 'parquet-readers', runs, load_average: { before: loadBefore, after: loadAverage() }, readme }));
}
