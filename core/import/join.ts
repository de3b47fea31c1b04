import path from 'node:path';
import type { CallContext } from '../api/context';
import { ctl, guide } from '../api/controls';
import { PlumblineError } from '../api/errors';
import type { ColumnInfo, ImportArgs, ImportResult, JoinReport } from '../api/types';
import { isNumericType, type ColumnRole, type ColumnType, type TypedColumn } from '../data/column';
import { ChunkPacker, decodeStrings, isNumberEncoding, NUMBER_ENCODINGS_SQL, unpackCodes, unpackNumbers } from '../workspace/chunks';
import { openDatabase, type Db } from '../workspace/open';
import type { Statement } from 'better-sqlite3';
import type { DatasetEntry, Workspace } from '../workspace/workspace';
import { ColumnBuilder, packChunk, nullTokens, numbersToCells, type BuilderState, type EncodedChunk } from './column-builder';
import { capitalise, NotUtf8, type TextEncoding } from './decode';
import { detectFormat } from './formats/detect';
import { fieldStrings, type RowSink } from './formats/sink';
import { checkHeader } from './header';
import type { ImportHooks } from './import-file';
import { finalTextType, inferType } from './infer';
import { chosenTypeMessage, Problems } from './problems';
import { progressReporter, readSource } from './read-source';
import { KeyMatch } from './join-match';
import { guessRole } from './roles';
import { statSource } from './source';
import { tuneImportConnection } from './tuning';
import { DEFAULT_NULL_TOKENS, formatTimestamp, parsePaddedInteger, parseReal, parseTimestamp } from '../data/values';

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
  if (!keyInfo) throw new PlumblineError('NOT_FOUND', guide`Dataset ${JSON.stringify(ds.name)} has no column named ${JSON.stringify(join.on)} to match on (the key chosen ${ctl('joinOn')}).`);
  const keyOf = keyNormaliser(keyInfo.type);
  const nullTokens = new Set(args.nullTokens ?? DEFAULT_NULL_TOKENS);
  const problems = new Problems(args.onError ?? 'abort', displayName);

  const db = openDatabase(ws.path, ws.openOptions);
  let match: KeyMatch | undefined;
  try {
    tuneImportConnection(db, hooks.maxPageCount);
    let keyAt = -1;
    let names: string[] = [];
    let targets: { fileIdx: number; name: string }[] = [];
    let values: (string | null)[] = [];
    /** Joined columns with a type the user chose: a row whose value does not fit is a bad row. */
    let checked: { t: number; b: ColumnBuilder }[] = [];
    const sink: RowSink = {
      fields(row) {
        sink.row(fieldStrings(row), row.line);
      },
      columns(header) {
        if (names.length) throw new PlumblineError('BAD_INPUT', `${displayName}: a file joined by key needs the same keys on every line; found new key(s) ${header.join(', ')}.`);
        names = checkHeader(header, displayName, 0, args.rename).names;
        keyAt = names.indexOf(join.on);
        if (keyAt < 0) throw new PlumblineError('BAD_INPUT', `${displayName} has no column ${JSON.stringify(join.on)} to join on. Its columns: ${names.slice(0, 10).map((n) => JSON.stringify(n)).join(', ')}.`);
        targets = names.flatMap((name, fileIdx) => (fileIdx === keyAt ? [] : [{ fileIdx, name }]));
        if (targets.length === 0) throw new PlumblineError('BAD_INPUT', `${displayName} has only the key column: nothing to join.`);
        checked = chosenTypes(args, targets, dsColumns, nullTokens);
        match = new KeyMatch(targets.length, ds.rows, ds.chunkRows);
        values = new Array<string | null>(targets.length);
      },
      row(cells, line) {
        const raw = cells[keyAt];
        const key = raw === undefined || raw === null || nullTokens.has(raw) ? undefined : keyOf(raw);
        if (key === undefined) {
          problems.reject(line, `no usable key in column ${JSON.stringify(join.on)}.`, cells.join(','), join.on);
          return;
        }
        for (const { t, b } of checked) {
          const s = cells[targets[t].fileIdx];
          if (b.accepts(s)) continue;
          problems.reject(line, chosenTypeMessage(s as string, b.type), cells.join(','), targets[t].name);
          return;
        }
        for (let t = 0; t < targets.length; t++) {
          const s = cells[targets[t].fileIdx];
          values[t] = s === undefined || s === null || nullTokens.has(s) ? null : s;
        }
        match!.addFileRow(key, values);
      },
    };
    const { rc, onBytes } = progressReporter({ ctx, problems, displayName }, () => stat.size);
    // The file goes to spill files only: the workspace's write lock is taken after it is read.
    const read = await readSource(abs, { format, delimiter: args.delimiter, encoding }, sink, rc, onBytes);
    if (!match) throw new PlumblineError('BAD_INPUT', `${displayName}: no columns found.`);
    match.endFile();
    problems.finish(read.rowsRead);
    checkCancelled(ctx);

    db.exec('BEGIN IMMEDIATE');
    addDatasetKeys(ws, ds, keyInfo, keyOf, match);
    const report = match.match();
    // Windows outer, columns inner: each window of joined values is read back once for all columns.
    let next = dsColumns.length;
    const columns = targets.map(({ name }, t) => {
      const existing = dsColumns.find((c) => c.name === name);
      const joined: Window = (start, end) => match!.window(t, start, end);
      const values = existing ? mergeOld(ws, ds, existing, joined) : joined;
      return { name, existing, values, index: existing ? existing.index : next++, chosen: { role: args.roles?.[name], type: args.types?.[name] } };
    });
    const inferred = inferColumns(ds, columns, ctx);
    const writers = columns.map((c, t) => new ColumnWriter(db, ds, c.index, c.name, c.existing, c.chosen, inferred[t]));
    for (let start = 0, k = 0; start < ds.rows; start += ds.chunkRows, k++) {
      checkCancelled(ctx);
      const end = Math.min(ds.rows, start + ds.chunkRows);
      for (let t = 0; t < writers.length; t++) writers[t].add(k, start, end, columns[t].values(start, end));
    }
    const written = writers.map((w) => w.finish());
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
      ds.id, args.uploadedAs ?? abs, read.sizeBytes, read.sha256, read.modifiedAt, format,
      JSON.stringify({ ...read.settings, on: join.on, join: joinReport, nullTokens: [...nullTokens], onError: problems.mode, ...(args.uploadedAs ? { uploaded: true } : {}) }),
      read.rowsRead, report.matched, problems.rejected, started.toISOString(), finishedAt.toISOString(), seconds,
    );
    db.prepare('INSERT INTO audit_log (at, action, subject, details) VALUES (?, ?, ?, ?)').run(
      finishedAt.toISOString(), 'import-join', ds.name, JSON.stringify({ source: args.uploadedAs ?? abs, sha256: read.sha256, on: join.on, columns: written.map((c) => c.name), ...joinReport, rejected: problems.rejected, problems: problems.list, rejectedSamples: problems.samples }),
    );
    checkCancelled(ctx);
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
      warnings: encoding === 'latin1' ? [{ code: 'encoding', message: `${capitalise(String(read.settings.encodingReason))}.` }] : [],
      join: joinReport,
    };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    match?.drop();
    db.close();
  }
}

/**
 * Every value is known before the first is written: infer from the first values anywhere in the
 * column (labels may cover only recent rows), one window at a time for all columns together. A
 * column with a chosen type is not inferred (its values were checked row by row as the file was read).
 */
function inferColumns(ds: DatasetEntry, columns: readonly { name: string; values: Window; chosen: { readonly type?: ColumnType } }[], ctx: CallContext): (BuilderState | undefined)[] {
  const samples = columns.map((c) => (c.chosen.type ? undefined : ([] as string[])));
  const open = () => samples.some((s) => s !== undefined && s.length < ds.chunkRows);
  for (let start = 0; start < ds.rows && open(); start += ds.chunkRows) {
    checkCancelled(ctx);
    const end = Math.min(ds.rows, start + ds.chunkRows);
    for (let t = 0; t < columns.length; t++) {
      const sample = samples[t];
      if (sample === undefined || sample.length >= ds.chunkRows) continue;
      for (const v of columns[t].values(start, end)) if (v !== null && sample.length < ds.chunkRows) sample.push(v);
    }
  }
  return samples.map((sample, t) => {
    if (sample === undefined) return undefined;
    const inferred = inferType(sample, columns[t].name);
    return { type: inferred.type, epochScale: inferred.epochScale };
  });
}

/** Checkers for the types chosen for joined columns; an existing column keeps the type it has. */
function chosenTypes(args: ImportArgs, targets: readonly { name: string }[], dsColumns: readonly ColumnInfo[], tokens: ReadonlySet<string>): { t: number; b: ColumnBuilder }[] {
  const out: { t: number; b: ColumnBuilder }[] = [];
  for (const [name, type] of Object.entries(args.types ?? {})) {
    const t = targets.findIndex((x) => x.name === name);
    if (t < 0) throw new PlumblineError('BAD_REQUEST', guide`A type was chosen ${ctl('type')} for a column the file does not attach: ${JSON.stringify(name)}.`);
    if (dsColumns.some((c) => c.name === name)) {
      throw new PlumblineError('BAD_REQUEST', guide`Column ${JSON.stringify(name)} already exists in the dataset and keeps its type; choose types (${ctl('type')}) only for new columns.`);
    }
    out.push({ t, b: new ColumnBuilder(name, 0, nullTokens([...tokens]), { type, fixed: true }) });
  }
  return out;
}

function checkCancelled(ctx: CallContext): void {
  if (ctx.signal.aborted) throw new PlumblineError('CANCELLED', 'Import cancelled: nothing was changed.');
}

/** The key as text in one canonical form, so "007" in a file matches 7 in an integer column. */
function keyNormaliser(type: ColumnType): (s: string) => string | undefined {
  switch (type) {
    case 'integer':
      // Keys are often zero-padded in exports ("007"): as a key that is still 7.
      return (s) => {
        const v = parsePaddedInteger(s.trim());
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
 * The dataset's keys, read chunk by chunk as text: no dataset-wide dictionary is built for a
 * unique-id key, and the keys go to spill files, not to memory.
 */
function addDatasetKeys(ws: Workspace, ds: DatasetEntry, column: ColumnInfo, keyOf: (s: string) => string | undefined, match: KeyMatch): void {
  const dictionary = isNumericType(column.type) ? [] : ws.dictionary(ds.id, column.index);
  const chunks = ws.db.prepare('SELECT chunk_idx, encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? ORDER BY chunk_idx').iterate(ds.id, column.index) as Iterable<{
    chunk_idx: number;
    encoding: string;
    data: Buffer;
  }>;
  for (const ch of chunks) {
    const base = ch.chunk_idx * ds.chunkRows;
    const cells =
      isNumberEncoding(ch.encoding)
        ? numbersToCells(unpackNumbers(ch.encoding, ch.data), column.type)
        : ch.encoding === 'str'
          ? decodeStrings(ch.data)
          : Array.from(unpackCodes(ch.encoding, ch.data), (c) => (c < 0 ? null : dictionary[c]));
    for (let i = 0; i < cells.length; i++) {
      const s = cells[i];
      if (s === null) continue;
      const k = keyOf(s);
      if (k !== undefined) match.addDatasetKey(k, base + i);
    }
  }
}

/** Rows [start, end) of a column as cells: what a window of the joined column is merged into. */
type Window = (start: number, end: number) => (string | null)[];

/** An existing column keeps its values; the file's fill only the missing ones. */
function mergeOld(ws: Workspace, ds: DatasetEntry, existing: ColumnInfo, joined: Window): Window {
  return (start, end) => {
    const old = cellsOf(ws.readColumnRange(ds, existing, start, end - start));
    const fresh = joined(start, end);
    for (let i = 0; i < old.length; i++) old[i] ??= fresh[i];
    return old;
  };
}

function cellsOf(col: TypedColumn): (string | null)[] {
  if (col.kind === 'numeric') return numbersToCells(col.values, col.type);
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

/** One joined column's chunks, written one window at a time, then its catalog row. */
class ColumnWriter {
  private readonly enc: ColumnBuilder;
  private readonly insert: Statement;
  private readonly storedNumbers: Statement;
  private readonly storedChunk: Statement;
  private readonly packer = new ChunkPacker();

  constructor(
    private readonly db: Db,
    private readonly ds: DatasetEntry,
    private readonly index: number,
    private readonly name: string,
    private readonly existing: ColumnInfo | undefined,
    private readonly chosen: { readonly role?: ColumnRole; readonly type?: ColumnType },
    inferred: BuilderState | undefined,
  ) {
    // A chosen type was checked row by row while the file was read.
    this.enc = new ColumnBuilder(name, ds.chunkRows, nullTokens([]), chosen.type ? { type: chosen.type, fixed: true } : inferred!);
    db.prepare('DELETE FROM chunks WHERE dataset_id = ? AND column_idx = ?').run(ds.id, index);
    this.insert = db.prepare('INSERT OR REPLACE INTO chunks (dataset_id, column_idx, chunk_idx, row_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.storedNumbers = db.prepare(`SELECT chunk_idx FROM chunks WHERE dataset_id = ? AND column_idx = ? AND encoding IN ${NUMBER_ENCODINGS_SQL} AND chunk_idx < ?`).pluck();
    this.storedChunk = db.prepare('SELECT row_count, encoding, data FROM chunks WHERE dataset_id = ? AND column_idx = ? AND chunk_idx = ?');
  }

  private write(k: number, rows: number, chunk: EncodedChunk): void {
    const packed = packChunk(this.packer, chunk);
    this.insert.run(this.ds.id, this.index, k, rows, packed.encoding, packed.blob);
  }

  /** Window k: rows [start, end). */
  add(k: number, start: number, end: number, values: readonly (string | null)[]): void {
    const enc = this.enc;
    for (const v of values) enc.add(v);
    this.write(k, end - start, enc.finish());
    const from = enc.rewriteFrom;
    if (from) {
      enc.rewriteFrom = undefined;
      // One stored chunk at a time: all of them at once would grow with the dataset.
      for (const idx of this.storedNumbers.all(this.ds.id, this.index, k) as number[]) {
        const ch = this.storedChunk.get(this.ds.id, this.index, idx) as { row_count: number; encoding: string; data: Buffer };
        this.write(idx, ch.row_count, enc.encodeText(numbersToCells(unpackNumbers(ch.encoding, ch.data), from)));
      }
    }
  }

  finish(): ColumnInfo {
    const { enc, ds, chosen } = this;
    const type: ColumnType = chosen.type ?? (!enc.isText ? enc.type : enc.stringMode ? 'text' : finalTextType(enc.dictionary.length, ds.rows - enc.nullCount));
    const role = chosen.role ?? this.existing?.role ?? guessRole(this.name, type);
    this.db.prepare(
      `INSERT INTO columns (dataset_id, idx, name, type, role, null_count, widened_count, dictionary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, idx) DO UPDATE SET type = excluded.type, role = excluded.role, null_count = excluded.null_count,
         widened_count = excluded.widened_count, dictionary = excluded.dictionary`,
    ).run(ds.id, this.index, this.name, type, role, enc.nullCount, enc.widenedCount, enc.isText ? JSON.stringify(enc.dictionary) : null);
    return { index: this.index, name: this.name, type, role, nullCount: enc.nullCount, widenedCount: enc.widenedCount };
  }
}
