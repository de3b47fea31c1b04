import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { noContext, type CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { ImportWarning, InspectArgs, InspectResult } from '../api/types';
import { capitalise, decodeWindows1252, detectBom, encodingReason, firstInvalidUtf8, type TextEncoding } from './decode';
import { guessDelimiter, readCsv } from './formats/csv';
import { detectFormat } from './formats/detect';
import { fieldStrings, type RowSink } from './formats/sink';
import { Problems } from './problems';
import { flatten } from './formats/jsonl';
import { checkHeader, duplicateWarning, type RenamedDuplicate } from './header';
import { personalDataWarning, personalKind, type PersonalKind } from './personal-data';
import { finalTextType, inferType } from './infer';
import { guessRole, profileOf } from './roles';
import { isGzipPath, statSource } from './source';
import { DEFAULT_NULL_TOKENS } from '../data/values';

const SAMPLE_BYTES = 1 << 20;
const TYPE_ROWS = 1000;
const SHOWN_ROWS = 20;

/**
 * A look at the start of a file for the import dialog: what the import would detect, the first
 * rows as text, and the types and roles the first rows suggest (the import confirms them over the
 * whole file).
 */
export async function inspectFile(args: InspectArgs, _ctx: CallContext): Promise<InspectResult> {
  const { abs } = statSource(args.path);
  const displayName = path.basename(abs);
  const format = args.format ?? detectFormat(abs);
  let header: string[];
  let rows: (string | null)[][];
  let encoding = 'binary';
  let encodingReason = 'Parquet is binary: its text is UTF-8 by the format';
  let duplicates: readonly RenamedDuplicate[] = [];
  let delimiter: string | null = null;
  if (format === 'parquet') {
    const file = await asyncBufferFromFile(abs);
    const metadata = await parquetMetadataAsync(file);
    header = parquetSchema(metadata).children.map((c) => c.element.name);
    const objects = await parquetReadObjects({ file, metadata, rowStart: 0, rowEnd: Math.min(TYPE_ROWS, Number(metadata.num_rows)) });
    rows = objects.map((o) => {
      const flat: [string, string | null][] = [];
      flatten(o as Record<string, unknown>, '', flat);
      const m = new Map(flat);
      return header.map((h) => m.get(h) ?? null);
    });
  } else {
    const { text, encoding: enc, truncated, reason } = await sampleText(abs, displayName);
    encoding = enc;
    encodingReason = reason;
    if (format === 'jsonl') {
      const lines = text.split('\n');
      if (truncated) lines.pop();
      const objects = lines.filter((l) => l.trim() !== '').slice(0, TYPE_ROWS).flatMap((l) => {
        try {
          const v = JSON.parse(l) as unknown;
          return v && typeof v === 'object' && !Array.isArray(v) ? [v as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
      const flats = objects.map((o) => {
        const flat: [string, string | null][] = [];
        flatten(o, '', flat);
        return new Map(flat);
      });
      header = [...new Set(flats.flatMap((m) => [...m.keys()]))];
      rows = flats.map((m) => header.map((h) => m.get(h) ?? null));
    } else {
      const cut = truncated ? text.lastIndexOf('\n') : -1;
      const sample = cut > 0 ? text.slice(0, cut + 1) : text;
      const parsed = await previewCsv(sample, args.delimiter ?? (format === 'tsv' ? '\t' : undefined), displayName);
      delimiter = parsed.delimiter;
      header = parsed.header;
      duplicates = parsed.duplicates;
      rows = parsed.rows;
    }
  }
  const tokens = new Set(DEFAULT_NULL_TOKENS);
  const cells = rows.map((r) => r.map((c) => (c === null || tokens.has(c) ? null : c)));
  const personal: { name: string; kind: PersonalKind }[] = [];
  const columns = header.map((name, i) => {
    const column = cells.map((r) => r[i]);
    const sample = column.filter((c): c is string => c !== null);
    let type = inferType(sample, name).type;
    if (type === 'text') type = finalTextType(new Set(sample).size, sample.length);
    const profile = profileOf(column, type);
    let role = guessRole(name, type, profile);
    const kind = role === 'feature' ? personalKind(name, type, sample.slice(0, 200), profile) : undefined;
    if (kind) {
      role = 'ignore';
      personal.push({ name, kind });
    }
    return { name, type, role };
  });
  const warnings: ImportWarning[] = [...duplicateWarning(duplicates), ...personalDataWarning(personal)];
  if (encoding === 'latin1') warnings.push({ code: 'encoding', message: `${capitalise(encodingReason.replace('it was read', 'it will be read'))}.` });
  if (format !== 'jsonl' && rows.length === 0 && header.length > 0) {
    warnings.push({ code: 'no-rows', message: `${displayName} has a header but no data rows: it would import as a dataset of 0 rows.` });
  }
  return { format, delimiter, encoding, encodingReason, header, warnings, sampleRows: rows.slice(0, SHOWN_ROWS), columns };
}

/** The first rows, read by the import's own CSV reader so the preview shows what the import will see. */
async function previewCsv(
  text: string,
  delimiter: string | undefined,
  displayName: string,
): Promise<{ delimiter: string; header: string[]; duplicates: readonly RenamedDuplicate[]; rows: (string | null)[][] }> {
  let header: string[] | undefined;
  let duplicates: readonly RenamedDuplicate[] = [];
  const rows: (string | null)[][] = [];
  const stop = new Error('enough rows');
  const sink: RowSink = {
    columns(names) {
      ({ names: header, duplicates } = checkHeader(names, displayName));
    },
    row(cells) {
      rows.push(header!.map((_, i) => cells[i] ?? null));
      if (rows.length >= TYPE_ROWS) throw stop;
    },
    fields(row) {
      sink.row(fieldStrings(row), row.line);
    },
  };
  let used = delimiter ?? guessDelimiter(text);
  try {
    const out = await readCsv(Readable.from([text], { objectMode: true }), { delimiter: used }, sink, {
      ctx: noContext(),
      problems: new Problems('skip', displayName),
      displayName,
      progress: () => undefined,
    });
    used = String(out.settings.delimiter);
  } catch (e) {
    // A quote left open at the end of the sample may close further on: show what came before it.
    if (e !== stop && !(header && e instanceof PlumblineError && e.code === 'BAD_INPUT')) throw e;
  }
  return { delimiter: used, header: header ?? [], duplicates, rows };
}

/** The first megabyte as text (gunzipped), decoded the way the import would decode it. */
async function sampleText(abs: string, displayName: string): Promise<{ text: string; encoding: TextEncoding; truncated: boolean; reason: string }> {
  let bytes = await readStart(abs, isGzipPath(abs));
  const truncated = bytes.length >= SAMPLE_BYTES;
  let encoding: TextEncoding = detectBom(bytes) ?? 'utf-8';
  if (encoding === 'utf-8' || encoding === 'latin1') {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new PlumblineError('BAD_INPUT', `${displayName}: byte ${nul} is a NUL (0x00) byte: this looks like a binary file, not CSV or JSON Lines.`);
  }
  const invalidAt = encoding === 'utf-8' && !detectBom(bytes) ? firstInvalidUtf8(bytes) : -1;
  if (invalidAt >= 0) encoding = 'latin1';
  const reason = encodingReason(encoding, detectBom(bytes) !== undefined, invalidAt >= 0 ? invalidAt : undefined);
  if (truncated && encoding.startsWith('utf-16')) bytes = bytes.subarray(0, bytes.length - (bytes.length % 2));
  const text = encoding === 'latin1' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes, { stream: truncated });
  return { text, encoding, truncated, reason };
}

function readStart(abs: string, gzip: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let n = 0;
    const raw = fs.createReadStream(abs, gzip ? {} : { end: SAMPLE_BYTES - 1 });
    const stream = gzip ? raw.pipe(zlib.createGunzip()) : raw;
    const done = () => resolve(Buffer.concat(parts).subarray(0, SAMPLE_BYTES));
    stream.on('data', (b: Buffer) => {
      parts.push(b);
      n += b.length;
      if (n >= SAMPLE_BYTES) {
        raw.destroy();
        done();
      }
    });
    stream.on('end', done);
    stream.on('error', (e) => reject(new PlumblineError('BAD_INPUT', `${path.basename(abs)}: cannot be read: ${e.message}`)));
    raw.on('error', (e) => reject(new PlumblineError('BAD_INPUT', `${path.basename(abs)}: cannot be read: ${e.message}`)));
  });
}
