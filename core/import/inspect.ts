import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { noContext, type CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { InspectArgs, InspectResult } from '../api/types';
import { decodeWindows1252, detectBom, firstInvalidUtf8, type TextEncoding } from './decode';
import { guessDelimiter, readCsv } from './formats/csv';
import { detectFormat } from './formats/detect';
import { fieldStrings, type RowSink } from './formats/sink';
import { Problems } from './problems';
import { flatten } from './formats/jsonl';
import { checkHeader } from './header';
import { finalTextType, inferType } from './infer';
import { guessRole } from './roles';
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
    const { text, encoding: enc, truncated } = await sampleText(abs, displayName);
    encoding = enc;
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
      rows = parsed.rows;
    }
  }
  const tokens = new Set(DEFAULT_NULL_TOKENS);
  const cells = rows.map((r) => r.map((c) => (c === null || tokens.has(c) ? null : c)));
  const columns = header.map((name, i) => {
    const sample = cells.flatMap((r) => (r[i] === null ? [] : [r[i] as string]));
    let type = inferType(sample, name).type;
    if (type === 'text') type = finalTextType(new Set(sample).size, sample.length);
    const numbers = type === 'integer' || type === 'real' ? sample.map(Number).filter(Number.isFinite) : [];
    const range = numbers.length ? { min: Math.min(...numbers), max: Math.max(...numbers) } : undefined;
    return { name, type, role: guessRole(name, type, range) };
  });
  return { format, delimiter, encoding, header, sampleRows: rows.slice(0, SHOWN_ROWS), columns };
}

/** The first rows, read by the import's own CSV reader so the preview shows what the import will see. */
async function previewCsv(text: string, delimiter: string | undefined, displayName: string): Promise<{ delimiter: string; header: string[]; rows: (string | null)[][] }> {
  let header: string[] | undefined;
  const rows: (string | null)[][] = [];
  const stop = new Error('enough rows');
  const sink: RowSink = {
    columns(names) {
      header = checkHeader(names, displayName);
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
  return { delimiter: used, header: header ?? [], rows };
}

/** The first megabyte as text (gunzipped), decoded the way the import would decode it. */
async function sampleText(abs: string, displayName: string): Promise<{ text: string; encoding: TextEncoding; truncated: boolean }> {
  let bytes = await readStart(abs, isGzipPath(abs));
  const truncated = bytes.length >= SAMPLE_BYTES;
  let encoding: TextEncoding = detectBom(bytes) ?? 'utf-8';
  if (encoding === 'utf-8' || encoding === 'latin1') {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new PlumblineError('BAD_INPUT', `${displayName}: byte ${nul} is a NUL (0x00) byte: this looks like a binary file, not CSV or JSON Lines.`);
  }
  if (encoding === 'utf-8' && !detectBom(bytes) && firstInvalidUtf8(bytes) >= 0) encoding = 'latin1';
  if (truncated && encoding.startsWith('utf-16')) bytes = bytes.subarray(0, bytes.length - (bytes.length % 2));
  const text = encoding === 'latin1' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes, { stream: truncated });
  return { text, encoding, truncated };
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
