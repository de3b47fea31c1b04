// Issue 15, the CSV moonshot's second half: does an npm CSV reader tokenize (and type) the bench
// CSV faster than Plumbline's own (readCsv in core/import/formats/csv.ts, bundled here)? Every
// text reader gets the file as the import reads it: the product's decodeText (core/import/decode.ts:
// 1 MB reads, pieces cut at line ends, ASCII pieces as one-byte strings); DECODER=textdecoder
// gives them TextDecoder('utf-8', fatal) pieces cut anywhere instead. Byte readers (csv-parser,
// zsv-lib) get the 1 MB reads. Modes:
//   tok    every data cell visited: cells counted, their lengths summed (nothing optimised away)
//   typed  tok, plus Number() of the 16 numeric columns ('' = missing), values summed; the reader
//          `ours-range` types ours as the import does (parseRealRange on the decoded text, no string)
//   check  tok, plus a SHA-1 of every cell (for comparing readers; not for timing)
// Each run is a fresh process under /usr/bin/time (nice -n -10), rounds interleaved with the
// order rotated; the summary gives each reader's median (min-max) of wall, CPU and peak RSS, and
// of wall and CPU against the first reader listed in the same round.
// Candidates are not dependencies: install them outside the repo and point CSV_READERS_FROM at it
//   mkdir /tmp/csvr && cd /tmp/csvr && npm init -y && npm i udsv csv-parse d3-dsv csv-parser @vanillaes/csv zsv-lib
// (papaparse and @duckdb/node-api come from the repo). Absent ones are skipped with a message.
// `duckdb` / `duckdb1` (one thread) time CREATE TABLE … AS SELECT * FROM read_csv(file) in memory,
// the moonshot's anchor. `bytes` and `decode` are the floors: reading alone, reading and decoding.
// Usage: node scripts/bench/csv-readers.mjs [--rounds 5] [--mode tok] [--readers ours,udsv,…] [FILE]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './interleave.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ALL = ['ours', 'ours-range', 'udsv', 'd3-dsv', 'papaparse', 'zsv-lib', 'csv-parser', 'csv-parse', 'vanillaes', 'decode', 'bytes', 'duckdb', 'duckdb1'];
/** The bench CSV's numeric columns (user_id, f_num_0..9, score, prediction, label, latency_ms, revenue). */
const NUMS = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25];

/** A package from CSV_READERS_FROM, else from the repo; undefined when neither has it. */
async function candidate(name) {
  for (const dir of [process.env.CSV_READERS_FROM, root].filter(Boolean)) {
    const req = createRequire(path.join(dir, 'package.json'));
    try {
      return req(name);
    } catch (e) {
      if (e.code === 'MODULE_NOT_FOUND') continue;
      if (e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
      // An ESM-only package whose exports have no require condition (@vanillaes/csv).
      const pkgDir = path.join(dir, 'node_modules', name);
      const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
      const entry = typeof pkg.exports === 'string' ? pkg.exports : (pkg.exports['.'] ?? pkg.exports).import;
      return import(pathToFileURL(path.join(pkgDir, entry)).href);
    }
  }
  return undefined;
}

/** Plumbline's reader, parsers and decoder, bundled once (outside the timed runs' figures). */
async function bundleOurs(out) {
  const { build } = await import('esbuild');
  await build({
    stdin: { contents: "export { readCsv } from './core/import/formats/csv.ts'; export { parseRealRange } from './core/import/parse-range.ts'; export { decodeText } from './core/import/decode.ts';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error',
  });
}

const PACKAGES = { udsv: 'udsv', 'd3-dsv': 'd3-dsv', papaparse: 'papaparse', 'zsv-lib': 'zsv-lib', 'csv-parser': 'csv-parser', 'csv-parse': 'csv-parse', vanillaes: '@vanillaes/csv', duckdb: '@duckdb/node-api', duckdb1: '@duckdb/node-api' };

async function one(reader, mode, file) {
  const typed = mode === 'typed';
  const check = mode === 'check';
  const hash = check ? createHash('sha1') : null;
  let rows = 0;
  let cells = 0;
  let sumLen = 0;
  let numSum = 0;
  let numN = 0;
  // A data row as strings (the header is skipped by each reader's code).
  const visit = (r) => {
    rows++;
    const n = r.length;
    cells += n;
    for (let k = 0; k < n; k++) sumLen += r[k].length;
    if (typed) {
      for (let j = 0; j < NUMS.length; j++) {
        const s = r[NUMS[j]];
        const v = s === '' ? NaN : Number(s);
        if (v === v) {
          numSum += v;
          numN++;
        }
      }
    }
    if (check) hash.update(`${r.join('\x1f')}\x1e`);
  };

  let bundle = process.env.CSV_READERS_BUNDLE;
  if (!bundle) {
    bundle = path.join(os.tmpdir(), `plumbline-csv-reader-${process.pid}.mjs`);
    await bundleOurs(bundle);
  }
  const { readCsv, parseRealRange, decodeText } = await import(pathToFileURL(bundle).href);
  if (!process.env.CSV_READERS_BUNDLE) fs.rmSync(bundle);

  const bytePieces = () => fs.createReadStream(file, { highWaterMark: 1 << 20 });
  async function* textPieces() {
    if (process.env.DECODER === 'textdecoder') {
      const dec = new TextDecoder('utf-8', { fatal: true });
      for await (const b of bytePieces()) {
        const s = dec.decode(b, { stream: true });
        if (s.length) yield s;
      }
      return;
    }
    yield* decodeText(bytePieces(), path.basename(file)).text;
  }
  // Whole-string parsers (no streaming mode) parse each piece: the product's pieces end at line
  // ends, which is right only for files without line ends inside quotes (the bench file has no quote).
  if (['d3-dsv', 'papaparse', 'vanillaes'].includes(reader) && process.env.DECODER === 'textdecoder') throw new Error(`${reader} needs pieces cut at line ends: not with DECODER=textdecoder`);

  const pkg = PACKAGES[reader] && (await candidate(PACKAGES[reader]));
  if (PACKAGES[reader] && !pkg) return { skipped: `${PACKAGES[reader]} is not installed here or in CSV_READERS_FROM (${process.env.CSV_READERS_FROM ?? 'unset'})` };

  const t0 = performance.now();
  let first = true;
  const data = (r) => {
    if (first) first = false;
    else visit(r);
  };
  switch (reader) {
    case 'bytes':
      for await (const b of bytePieces()) sumLen += b.length;
      break;
    case 'decode':
      for await (const s of textPieces()) sumLen += s.length;
      break;
    case 'ours':
    case 'ours-range': {
      const range = reader === 'ours-range';
      const sink = {
        columns() {},
        row(c) {
          visit(c.map((x) => x ?? ''));
        },
        fields(row) {
          rows++;
          const { count, starts, ends, text, unescaped } = row;
          cells += count;
          for (let k = 0; k < count; k++) sumLen += unescaped[k] !== undefined ? unescaped[k].length : ends[k] - starts[k];
          if (typed) {
            for (let j = 0; j < NUMS.length; j++) {
              const k = NUMS[j];
              let v;
              if (range) v = starts[k] === ends[k] ? NaN : (parseRealRange(text, starts[k], ends[k]) ?? NaN);
              else {
                const s = unescaped[k] ?? text.slice(starts[k], ends[k]);
                v = s === '' ? NaN : Number(s);
              }
              if (v === v) {
                numSum += v;
                numN++;
              }
            }
          }
          if (check) {
            const a = new Array(count);
            for (let k = 0; k < count; k++) a[k] = unescaped[k] ?? text.slice(starts[k], ends[k]);
            hash.update(`${a.join('\x1f')}\x1e`);
          }
        },
      };
      const rc = {
        ctx: { signal: new AbortController().signal },
        problems: { reject: (line, message) => { throw new Error(`line ${line}: ${message}`); } },
        displayName: path.basename(file),
        progress() {},
      };
      await readCsv(textPieces(), {}, sink, rc);
      break;
    }
    case 'udsv': {
      // Its documented incremental mode; rows handed to our callback, not accumulated.
      let p = null;
      for await (const s of textPieces()) {
        p ??= pkg.initParser(pkg.inferSchema(s));
        p.chunk(s, p.stringArrs, visit);
      }
      p?.end();
      break;
    }
    case 'd3-dsv':
      // csvParseRows with a row function returning null keeps no rows.
      for await (const s of textPieces()) {
        pkg.csvParseRows(s, (r) => {
          data(r);
          return null;
        });
      }
      break;
    case 'papaparse':
      // Whole-piece parse: its NODE_STREAM_INPUT duplex took 12.9 s for 20,000 rows.
      for await (const s of textPieces()) {
        for (const r of pkg.parse(s, { delimiter: ',', newline: '\n' }).data) if (r.length > 1 || r[0] !== '') data(r);
      }
      break;
    case 'vanillaes':
      for await (const s of textPieces()) for (const r of pkg.parse(s)) data(r);
      break;
    case 'csv-parse': {
      const parser = pkg.parse({ from_line: 2 });
      const done = (async () => {
        for await (const r of parser) visit(r);
      })();
      for await (const s of textPieces()) if (!parser.write(s)) await new Promise((r) => parser.once('drain', r));
      parser.end();
      await done;
      break;
    }
    case 'csv-parser': {
      // Bytes in, one object per row keyed 0..n-1 (headers: false).
      const p = bytePieces().pipe(pkg({ headers: false }));
      for await (const o of p) {
        const n = Object.keys(o).length;
        const r = new Array(n);
        for (let k = 0; k < n; k++) r[k] = o[k];
        data(r);
      }
      break;
    }
    case 'zsv-lib': {
      // WebAssembly (emscripten) over bytes; each cell comes back as a JS string.
      await new Promise((r) => pkg.runOnLoad(r));
      const p = pkg.new(data, null, {});
      for await (const b of bytePieces()) p.parseBytes(b);
      p.finish();
      p.delete();
      break;
    }
    case 'duckdb':
    case 'duckdb1': {
      const inst = await pkg.DuckDBInstance.create(':memory:', reader === 'duckdb1' ? { threads: '1' } : {});
      const c = await inst.connect();
      await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
      rows = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
      break;
    }
    default:
      throw new Error(`unknown reader ${reader}; readers: ${ALL.join(', ')}`);
  }
  return { ms: Math.round(performance.now() - t0), rows, cells, sumLen, numSum, numN, hash: hash?.digest('hex') };
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  console.log(JSON.stringify(await one(args[1], args[2], args[3])));
} else {
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : dflt;
  };
  const rounds = Number(opt('--rounds', '5'));
  const mode = opt('--mode', 'tok');
  const readers = opt('--readers', 'ours,udsv,d3-dsv,papaparse,zsv-lib,csv-parser,csv-parse,vanillaes,decode,duckdb,duckdb1').split(',');
  const file = path.resolve(args[0] ?? path.join(root, '.bench', 'prediction-log-1000000.csv'));
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: node scripts/bench/import-data.mjs makes it`);
  const fmt = (a, d = 2) => `${median(a).toFixed(d)} (${Math.min(...a).toFixed(d)}-${Math.max(...a).toFixed(d)})`;
  const runs = [];
  const skipped = new Set();
  process.env.CSV_READERS_BUNDLE = path.join(os.tmpdir(), `plumbline-csv-reader-${process.pid}.mjs`);
  await bundleOurs(process.env.CSV_READERS_BUNDLE);
  process.on('exit', () => fs.rmSync(process.env.CSV_READERS_BUNDLE, { force: true }));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < readers.length; i++) {
      const reader = readers[(i + r) % readers.length];
      if (skipped.has(reader)) continue;
      const load = os.loadavg()[0];
      const p = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', 'nice', '-n', '-10', process.execPath, fileURLToPath(import.meta.url), '--one', reader, mode, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const t = /TIME (\S+) (\S+) (\S+) (\S+)/.exec(p.stderr);
      if (p.status !== 0 || !t) throw new Error(`${reader}: ${p.stderr}`);
      const own = JSON.parse(p.stdout.trim().split('\n').pop());
      if (own.skipped) {
        console.log(`skipped ${reader}: ${own.skipped}`);
        skipped.add(reader);
        continue;
      }
      const run = { round: r, reader, load: +load.toFixed(2), wall: +t[1], cpu: +(+t[2] + +t[3]).toFixed(2), rssMB: Math.round(+t[4] / 1024), at: new Date().toISOString().slice(11, 19), ...own };
      runs.push(run);
      console.log(JSON.stringify(run));
    }
  }
  const base = readers.find((r) => !skipped.has(r));
  console.log(`\nmode ${mode}, ${rounds} rounds, load ${Math.min(...runs.map((r) => r.load))}-${Math.max(...runs.map((r) => r.load))}, ${runs[0].at}-${runs.at(-1).at} UTC`);
  for (const reader of readers.filter((r) => !skipped.has(r))) {
    const mine = runs.filter((r) => r.reader === reader);
    const rel = (k) => mine.map((m) => m[k] / runs.find((b) => b.reader === base && b.round === m.round)[k]);
    const same = new Set(mine.map((m) => `${m.rows}/${m.cells}/${m.sumLen}/${m.numSum}/${m.hash ?? ''}`));
    console.log(`${reader.padEnd(11)} wall ${fmt(mine.map((m) => m.wall))} s  cpu ${fmt(mine.map((m) => m.cpu))} s  rss ${fmt(mine.map((m) => m.rssMB), 0)} MB  /${base}: wall ${fmt(rel('wall'))} cpu ${fmt(rel('cpu'))}  ${[...same].join(' | ')}`);
  }
}
