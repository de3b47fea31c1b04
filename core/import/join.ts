import path from 'node:path';
import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { ColumnInfo, ImportArgs, ImportResult, JoinReport } from '../api/types';
import { isNumericType, type ColumnRole, type ColumnType, type TypedColumn } from '../data/column';
import { decodeCodes, decodeF64, decodeStrings, encodeCodes, encodeF64, encodeStrings } from '../workspace/chunks';
import { openDatabase } from '../workspace/open';
import type { DatasetEntry, Workspace } from '../workspace/workspace';
import { ColumnBuilder, nullTokens, numbersToCells, type EncodedChunk } from './column-builder';
import { NotUtf8, type TextEncoding } from './decode';
import { detectFormat } from './formats/detect';
import { fieldStrings, type RowSink } from './formats/sink';
import { checkHeader } from './header';
import type { ImportHooks } from './import-file';
import { finalTextType, inferType } from './infer';
import { Problems } from './problems';
import { progressReporter, readSource } from './read-source';
import { guessRole } from './roles';
import { statSource } from './source';
import { tuneImportConnection } from './tuning';
import { DEFAULT_NULL_TOKENS, formatTimestamp, parseInteger, parseReal, parseTimestamp } from './values';

/**
 * Delayed ground truth: the file's other columns are attached to the dataset's rows by key. A
 * column the dataset lacks is added; one it has keeps its values and gets the file's values only
 * where it is missing. One transaction, so the dataset is either fully joined or untouched.
 */
export async function joinFile(ws: Workspace, args: ImportArgs, ctx: CallContext, hooks: ImportHooks): Promise<ImportResult> {
  try {
    return await runJoin(ws, args, ctx, hooks);
  } catch (e) {
    if (e instanceof NotUtf8) return await runJoin(ws, args, ctx, hooks, 'latin1');
    throw e;
  }
}

async function runJoin(ws: Workspace, args: ImportArgs, ctx: CallContext, hooks: ImportHooks, encoding?: TextEncoding): Promise<ImportResult> {
  const started = new Date();
  const join = args.join!;
  const { abs, stat } = statSource(args.path);
  const displayName = path.basename(abs);
  const format = args.format ?? detectFormat(abs);
  const ds = ws.dataset(join.dataset);
  const dsColumns = ws.columns(ds.id);
  const keyInfo = dsColumns.find((c) => c.name === join.on);
  if (!keyInfo) throw new PlumblineError('NOT_FOUND', `--on: dataset ${JSON.stringify(ds.name)} has no column named ${JSON.stringify(join.on)}.`);
  const keyOf = keyNormaliser(keyInfo.type);
  const rowOf = keyIndex(ws, ds, keyInfo, keyOf);
  const nullTokens = new Set(args.nullTokens ?? DEFAULT_NULL_TOKENS);
  const problems = new Problems(args.onError ?? 'abort', displayName);

  let keyAt = -1;
  let names: string[] = [];
  let targets: { fileIdx: number; name: string; values: (string | null)[] }[] = [];
  const filled = new Uint8Array(ds.rows);
  const report = { matched: 0, duplicateKeys: 0, orphans: 0 };
  const sink: RowSink = {
    fields(row) {
      sink.row(fieldStrings(row), row.line);
    },
    columns(header) {
      if (names.length) throw new PlumblineError('BAD_INPUT', `${displayName}: a file joined by key needs the same keys on every line; found new key(s) ${header.join(', ')}.`);
      names = checkHeader(header, displayName);
      keyAt = names.indexOf(join.on);
      if (keyAt < 0) throw new PlumblineError('BAD_INPUT', `${displayName} has no column ${JSON.stringify(join.on)} to join on. Its columns: ${names.slice(0, 10).map((n) => JSON.stringify(n)).join(', ')}.`);
      targets = names.flatMap((name, fileIdx) => (fileIdx === keyAt ? [] : [{ fileIdx, name, values: new Array<string | null>(ds.rows).fill(null) }]));
      if (targets.length === 0) throw new PlumblineError('BAD_INPUT', `${displayName} has only the key column: nothing to join.`);
    },
    row(cells, line) {
      const raw = cells[keyAt];
      const key = raw === undefined || raw === null || nullTokens.has(raw) ? undefined : keyOf(raw);
      if (key === undefined) {
        problems.reject(line, `no usable key in column ${JSON.stringify(join.on)}.`, cells.join(','), join.on);
        return;
      }
      const row = rowOf.get(key);
      if (row === undefined) {
        report.orphans++;
        return;
      }
      if (filled[row]) {
        report.duplicateKeys++;
        return;
      }
      filled[row] = 1;
      report.matched++;
      for (const t of targets) {
        const s = cells[t.fileIdx];
        t.values[row] = s === undefined || s === null || nullTokens.has(s) ? null : s;
      }
    },
  };
  const { rc, onBytes } = progressReporter({ ctx, problems, displayName }, () => stat.size);
  const read = await readSource(abs, { format, delimiter: args.delimiter, encoding }, sink, rc, onBytes);
  problems.finish();
  if (ctx.signal.aborted) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');

  const db = openDatabase(ws.path, ws.openOptions);
  try {
    tuneImportConnection(db, hooks.maxPageCount);
    db.exec('BEGIN IMMEDIATE');
    const written: ColumnInfo[] = [];
    let next = dsColumns.length;
    for (const t of targets) {
      const existing = dsColumns.find((c) => c.name === t.name);
      let values = t.values;
      if (existing) {
        const old = cellsOf(ws.readColumn(ds, existing));
        values = old.map((v, i) => v ?? t.values[i]);
      }
      const index = existing ? existing.index : next++;
      written.push(writeColumn(db, ds, index, t.name, values, existing, args.roles?.[t.name]));
    }
    const labelCol = written.find((c) => c.role === 'label') ?? written[0];
    const coverage = ds.rows === 0 ? 0 : (ds.rows - labelCol.nullCount) / ds.rows;
    const joinReport: JoinReport = { ...report, coverage };
    const finishedAt = new Date();
    const seconds = (finishedAt.getTime() - started.getTime()) / 1000;
    db.prepare(
      `INSERT INTO imports (dataset_id, kind, source_path, size_bytes, sha256, modified_at, format, parser_settings,
         rows_read, rows_accepted, rows_rejected, started_at, finished_at, seconds)
       VALUES (?, 'join', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      ds.id, abs, read.sizeBytes, read.sha256, read.modifiedAt, format,
      JSON.stringify({ ...read.settings, on: join.on, join: joinReport, nullTokens: [...nullTokens], onError: problems.mode }),
      read.rowsRead, report.matched, problems.rejected, started.toISOString(), finishedAt.toISOString(), seconds,
    );
    db.prepare('INSERT INTO audit_log (at, action, subject, details) VALUES (?, ?, ?, ?)').run(
      finishedAt.toISOString(), 'import-join', ds.name, JSON.stringify({ source: abs, sha256: read.sha256, on: join.on, columns: written.map((c) => c.name), ...joinReport, rejected: problems.rejected, problems: problems.list, rejectedSamples: problems.samples }),
    );
    db.exec('COMMIT');
    ctx.progress({ phase: 'import', done: read.sizeBytes, total: read.sizeBytes, unit: 'bytes', rows: read.rowsRead });
    return {
      dataset: ds.name,
      kind: 'join',
      rows: ds.rows,
      rejected: problems.rejected,
      columns: ws.columns(ds.id),
      sha256: read.sha256,
      seconds,
      problems: problems.list,
      rejectedSamples: problems.samples,
      join: joinReport,
    };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}

/** The key as text in one canonical form, so "007" in a file matches 7 in an integer column. */
function keyNormaliser(type: ColumnType): (s: string) => string | undefined {
  switch (type) {
    case 'integer':
      return (s) => {
        const v = parseInteger(s.trim());
        return v === undefined ? undefined : String(v);
      };
    case 'real':
      return (s) => {
        const v = parseReal(s.trim());
        return v === undefined ? undefined : String(v);
      };
    case 'timestamp':
      return (s) => {
        const v = parseTimestamp(s.trim());
        return v === undefined ? undefined : formatTimestamp(v);
      };
    default:
      return (s) => s;
  }
}

/**
 * Dataset key → first row, read chunk by chunk as text: no dataset-wide dictionary is built for a
 * unique-id key, so the map is the only thing that grows with the dataset.
 */
function keyIndex(ws: Workspace, ds: DatasetEntry, column: ColumnInfo, keyOf: (s: string) => string | undefined): Map<string, number> {
  const map = new Map<string, number>();
  const dictionary = isNumericType(column.type) ? [] : ws.dictionary(ds.id, column.index);
  const chunks = ws.db.prepare('SELECT chunk_idx, encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? ORDER BY chunk_idx').iterate(ds.id, column.index) as Iterable<{
    chunk_idx: number;
    encoding: string;
    data: Buffer;
  }>;
  for (const ch of chunks) {
    const base = ch.chunk_idx * ds.chunkRows;
    const cells =
      ch.encoding === 'f64'
        ? numbersToCells(decodeF64(ch.data), column.type)
        : ch.encoding === 'str'
          ? decodeStrings(ch.data)
          : Array.from(decodeCodes(ch.data), (c) => (c < 0 ? null : dictionary[c]));
    for (let i = 0; i < cells.length; i++) {
      const s = cells[i];
      if (s === null) continue;
      const k = keyOf(s);
      if (k !== undefined && !map.has(k)) map.set(k, base + i);
    }
  }
  return map;
}

function cellsOf(col: TypedColumn): (string | null)[] {
  if (col.kind === 'numeric') return numbersToCells(col.values, col.type);
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

function writeColumn(
  db: ReturnType<typeof openDatabase>,
  ds: DatasetEntry,
  index: number,
  name: string,
  values: (string | null)[],
  existing: ColumnInfo | undefined,
  role: ColumnRole | undefined,
): ColumnInfo {
  const sample: string[] = [];
  for (let i = 0; i < values.length && sample.length < ds.chunkRows; i++) if (values[i] !== null) sample.push(values[i] as string);
  // The whole column is known: infer from values anywhere in it (labels may cover only recent rows).
  const inferred = inferType(sample, name);
  const enc = new ColumnBuilder(name, ds.chunkRows, nullTokens([]), { type: inferred.type, epochScale: inferred.epochScale });
  db.prepare('DELETE FROM chunks WHERE dataset_id = ? AND column_idx = ?').run(ds.id, index);
  const insert = db.prepare('INSERT OR REPLACE INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
  const write = (k: number, rows: number, chunk: EncodedChunk) => {
    const blob = chunk.encoding === 'f64' ? encodeF64(chunk.values) : chunk.encoding === 'dict' ? encodeCodes(chunk.codes) : encodeStrings(chunk.cells);
    insert.run(ds.id, index, k, rows, chunk.encoding, blob);
  };
  for (let start = 0, k = 0; start < values.length; start += ds.chunkRows, k++) {
    const end = Math.min(values.length, start + ds.chunkRows);
    for (let i = start; i < end; i++) enc.add(values[i]);
    write(k, end - start, enc.finish());
    const from = enc.rewriteFrom;
    if (from) {
      enc.rewriteFrom = undefined;
      const old = db
        .prepare("SELECT chunk_idx, row_count, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND encoding = 'f64' AND chunk_idx < ?")
        .all(ds.id, index, k) as { chunk_idx: number; row_count: number; data: Buffer }[];
      for (const ch of old) write(ch.chunk_idx, ch.row_count, enc.encodeText(numbersToCells(decodeF64(ch.data), from)));
    }
  }
  const type: ColumnType = !enc.isText ? enc.type : enc.stringMode ? 'text' : finalTextType(enc.dictionary.length, values.length - enc.nullCount);
  const finalRole = role ?? existing?.role ?? guessRole(name, type);
  db.prepare(
    `INSERT INTO columns (dataset_id, idx, name, type, role, null_count, widened_count, dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dataset_id, idx) DO UPDATE SET type = excluded.type, role = excluded.role, null_count = excluded.null_count,
       widened_count = excluded.widened_count, dictionary = excluded.dictionary`,
  ).run(ds.id, index, name, type, finalRole, enc.nullCount, enc.widenedCount, enc.isText ? JSON.stringify(enc.dictionary) : null);
  return { index, name, type, role: finalRole, nullCount: enc.nullCount, widenedCount: enc.widenedCount };
}
