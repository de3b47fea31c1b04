import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { ColumnMetaData, DecodedArray, FileMetaData, SchemaTree } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getTreePath, isFlatColumn } from 'hyparquet/src/schema.js';
import { IndexStream, indexRunsValid } from './parquet-indices';
import { ByteDictionary, type TextDictionary } from './sink';
import { snappyUncompressWasm } from './snappy-wasm';

type ColumnDecoder = Parameters<typeof readPage>[2];
type PageHeader = ReturnType<typeof parquetHeader>;

/**
 * A data page kept compact: definition levels as bytes (none when the page has no nulls),
 * dictionary indices in as few bytes as their width needs, numbers in typed arrays, plain strings
 * as their bytes. hyparquet's own readPage expands each page into a JS array per row (a large
 * object for 100k+ rows, only reclaimed by a full GC), which made RSS grow far past the live data.
 */
interface Page {
  rows: number;
  defs: Uint8Array | undefined;
  /** Dictionary indices, [start, end) of each string in `text`, or the values (when `lazy`, typed arrays still to be converted). */
  values: DecodedArray;
  /** Plain-encoded strings' bytes, decoded one by one when taken. */
  text?: Uint8Array;
  /** A dictionary page's indices still encoded, taken a window at a time (then `values` is empty). */
  stream?: IndexStream;
  dictionary: boolean;
  lazy: boolean;
}

/** Values converted a slice at a time, so a window never allocates one large array. */
const CONVERT_SLICE = 4096;

/**
 * Whether every column can be read page by page: a flat column has one value per row per page,
 * so cursors over different columns stay aligned by row without assembling levels across pages.
 */
export function streamable(metadata: FileMetaData, schema: SchemaTree): boolean {
  if (!schema.children.every((c) => isFlatColumn([schema, c]))) return false;
  return metadata.row_groups.every((g) => g.columns.every((c) => c.meta_data && !c.file_path));
}

/**
 * The file's bytes for one import, read a page at a time into one buffer shared by its cursors:
 * they are read one after another, never concurrently, and a page's bytes are done with once it
 * is decoded (values are copied out to the cursor's own buffers).
 */
export class PageSource {
  private buf = new Uint8Array(64 * 1024);

  /**
   * A file handle (read through libuv's pool, so the import's thread keeps serving its events),
   * or a descriptor read synchronously: the decoding thread (parquet-worker.ts) has nothing else
   * to serve, and a page read is then not a round trip through the event loop.
   */
  constructor(private readonly fh: FileHandle | number) {}

  /** Makes the buffer hold `n` bytes, touched now (a thread waiting for its work pays the page faults ahead). */
  reserve(n: number): void {
    if (this.buf.length < n) this.buf = new Uint8Array(n).fill(1);
  }

  /** Bytes [pos, pos + n) of the file, valid until the next read. */
  async read(pos: number, n: number): Promise<Uint8Array> {
    if (this.buf.length < n) this.buf = new Uint8Array(Math.max(n, 2 * this.buf.length));
    for (let got = 0; got < n; ) {
      const fh = this.fh;
      const bytesRead = typeof fh === 'number' ? readSync(fh, this.buf, got, n - got, pos + got) : (await fh.read(this.buf, got, n - got, pos + got)).bytesRead;
      if (bytesRead === 0) throw new Error('Parquet file ends inside a column chunk');
      got += bytesRead;
    }
    return this.buf.subarray(0, n);
  }
}

/**
 * A column chunk decoded one page at a time, so memory holds one page of each column however
 * large the row group. The dictionary page is decoded once and kept for the chunk's data pages.
 */
export class ColumnCursor {
  private pos: number;
  private readonly end: number;
  /** The chunk's dictionary: decoded values, or a text column's entries as bytes (byteDictionary). */
  private dictionary: DecodedArray | ByteDictionary | undefined;
  private page: Page = { rows: 0, defs: undefined, values: [], dictionary: false, lazy: false };
  private row = 0;
  private value = 0;
  private readonly decoder: ColumnDecoder;
  private readonly maxDef: number;
  /** How this column's values become numbers without text in between; undefined: as text (take). */
  readonly plan: NumberPlan | undefined;
  /** The dictionary as numbers (numeric plan), and its entries a number cannot hold. */
  private numberDictionary: Float64Array | undefined;
  private numberDictionaryOdd: Map<number, string> | undefined;

  constructor(
    private readonly source: PageSource,
    meta: ColumnMetaData,
    schema: SchemaTree,
    private readonly headerPeek = HEADER_PEEK,
    /** The same column's buffers in the previous row group: reused rather than left for a full GC. */
    private readonly scratch: Scratch = newScratch(),
  ) {
    // Some writers (polars) leave dictionary_page_offset unset with the dictionary before the data.
    this.pos = Number(meta.dictionary_page_offset || meta.data_page_offset);
    this.end = this.pos + Number(meta.total_compressed_size);
    const schemaPath = getTreePath(schema, meta.path_in_schema);
    this.decoder = { ...meta, pathInSchema: meta.path_in_schema, element: schemaPath[schemaPath.length - 1].element, schemaPath, parsers: DEFAULT_PARSERS };
    this.maxDef = getMaxDefinitionLevel(schemaPath);
    this.plan = numberPlan(this.decoder);
  }

  get name(): string {
    return this.decoder.pathInSchema.join('.');
  }

  /** The next n values into out[0, n) (null where missing); the chunk must hold them. */
  async take(out: unknown[], n: number): Promise<void> {
    for (let k = 0; k < n; ) {
      if (this.row >= this.page.rows) await this.nextPage();
      const { defs, values, dictionary, lazy, text } = this.page;
      const m = Math.min(this.page.rows - this.row, n - k, CONVERT_SLICE);
      let count = m;
      if (defs) {
        count = 0;
        for (let j = this.row; j < this.row + m; j++) if (defs[j] === this.maxDef) count++;
      }
      const from = this.value;
      const dict = this.dictionary as DecodedArray | ByteDictionary;
      const vals = lazy ? convert((values as Int32Array).subarray(from, from + count), this.decoder) : dictionary ? this.indices(count) : values;
      let v = lazy || (dictionary && this.page.stream) ? 0 : from;
      for (let j = 0; j < m; j++) {
        if (defs && defs[this.row + j] !== this.maxDef) out[k + j] = null;
        else if (dictionary) out[k + j] = dict instanceof ByteDictionary ? dict.at(vals[v++] as number) : dict[vals[v++] as number];
        else if (text) out[k + j] = DEFAULT_PARSERS.stringFromBytes(text.subarray(vals[2 * v] as number, vals[2 * v++ + 1] as number));
        else out[k + j] = vals[v++];
      }
      this.value += count;
      this.row += m;
      k += m;
    }
  }

  /**
   * The next n values of a column without a number plan as references (the decoding thread's
   * form, parquet-wire.ts): a dictionary index, -1 for missing, or a value `out` holds, as UTF-8
   * bytes (plain strings) or as the text `take` would have given (other types). No string per
   * dictionary cell, and plain strings stay bytes until the import's thread reads them.
   */
  async takeRefs(out: RefSink, n: number): Promise<void> {
    const refs = out.refs;
    for (let k = 0; k < n; ) {
      if (this.row >= this.page.rows) await this.nextPage();
      const { defs, values, dictionary, lazy, text } = this.page;
      const m = Math.min(this.page.rows - this.row, n - k, CONVERT_SLICE);
      const maxDef = this.maxDef;
      let count = m;
      if (defs) {
        count = 0;
        for (let j = this.row; j < this.row + m; j++) if (defs[j] === maxDef) count++;
      }
      const from = this.value;
      const row = this.row;
      if (dictionary && this.page.stream && !defs) {
        // Every row has a value: the indices are the references, decoded straight into the window.
        this.page.stream.read(refs, k, m);
      } else if (dictionary) {
        const indices = this.indices(count);
        let v = this.page.stream ? 0 : from;
        for (let j = 0; j < m; j++) refs[k + j] = defs && defs[row + j] !== maxDef ? -1 : indices[v++];
      } else if (text) {
        const bounds = values as Int32Array;
        let v = from;
        for (let j = 0; j < m; j++) {
          if (defs && defs[row + j] !== maxDef) refs[k + j] = -1;
          else {
            refs[k + j] = out.bytes(text, bounds[2 * v], bounds[2 * v + 1]);
            v++;
          }
        }
      } else {
        const vals = lazy ? convert((values as Int32Array).subarray(from, from + count), this.decoder) : values;
        let v = lazy ? 0 : from;
        for (let j = 0; j < m; j++) {
          const t = defs && defs[row + j] !== maxDef ? null : toText(vals[v++]);
          refs[k + j] = t === null ? -1 : out.extra(t);
        }
      }
      this.value += count;
      this.row += m;
      k += m;
    }
  }

  /** The chunk's dictionary as the text `take` gives for each entry, once its page is read. */
  textDictionary(): TextDictionary | undefined {
    const dict = this.dictionary;
    if (dict === undefined || this.plan) return undefined;
    if (dict instanceof ByteDictionary) return dict;
    if (this.dictionaryText?.from !== dict) {
      // Strings (and nulls) are their own text: the array itself, not a copy (a 1M-row group's
      // dictionary of ids has 100k+ entries).
      const own = Array.isArray(dict) && dict.every((v: unknown) => typeof v === 'string' || v === null);
      this.dictionaryText = { from: dict, text: own ? (dict as (string | null)[]) : Array.from(dict as ArrayLike<unknown>, toText) };
    }
    return this.dictionaryText.text;
  }

  private dictionaryText: { from: DecodedArray; text: (string | null)[] } | undefined;

  /**
   * The next n values as numbers into out[0, n) (NaN where missing), for a column with a number
   * plan: no JS value per cell. A value a double cannot hold as the text path would read it (an
   * INT64 beyond 2^53, an infinite double) is NaN in `out` and its text is in `odd` by row.
   */
  async takeNumbers(out: Float64Array, n: number, odd: Map<number, string>): Promise<void> {
    const plan = this.plan as NumberPlan;
    for (let k = 0; k < n; ) {
      if (this.row >= this.page.rows) await this.nextPage();
      const { defs, values, dictionary } = this.page;
      const m = Math.min(this.page.rows - this.row, n - k);
      let count = m;
      if (defs) {
        count = 0;
        for (let j = this.row; j < this.row + m; j++) if (defs[j] === this.maxDef) count++;
      }
      const from = this.value;
      let nums: Float64Array;
      let oddByValue: Map<number, string> | undefined;
      if (!defs && dictionary && !this.numberDictionaryOdd) {
        // Every row has a value, each a number: looked up straight into `out`.
        const dict = this.numberDictionary as Float64Array;
        if (this.page.stream) this.page.stream.lookup(dict, out, k, m);
        else {
          const indices = values as Int32Array;
          for (let i = 0; i < m; i++) out[k + i] = dict[indices[from + i]];
        }
        this.value += m;
        this.row += m;
        k += m;
        continue;
      }
      if (!defs && !dictionary) {
        // Every row has a value: converted straight into `out`, no copy through the scratch.
        oddByValue = toNumbers(values, from, m, plan, out.subarray(k, k + m));
        if (oddByValue) for (const [i, text] of oddByValue) odd.set(k + i, text);
        this.value += m;
        this.row += m;
        k += m;
        continue;
      }
      if (dictionary) {
        nums = this.scratchNumbers(count);
        const dict = this.numberDictionary as Float64Array;
        const indices = this.indices(count);
        const at = this.page.stream ? 0 : from;
        for (let i = 0; i < count; i++) nums[i] = dict[indices[at + i]];
        if (this.numberDictionaryOdd) {
          for (let i = 0; i < count; i++) {
            const text = this.numberDictionaryOdd.get(indices[at + i]);
            if (text !== undefined) (oddByValue ??= new Map()).set(i, text);
          }
        }
      } else {
        nums = this.scratchNumbers(count);
        oddByValue = toNumbers(values, from, count, plan, nums);
      }
      if (!defs) {
        out.set(nums.subarray(0, m), k);
        if (oddByValue) for (const [i, text] of oddByValue) odd.set(k + i, text);
      } else {
        let v = 0;
        for (let j = 0; j < m; j++) {
          if (defs[this.row + j] !== this.maxDef) out[k + j] = NaN;
          else {
            if (oddByValue?.has(v)) odd.set(k + j, oddByValue.get(v) as string);
            out[k + j] = nums[v++];
          }
        }
      }
      this.value += count;
      this.row += m;
      k += m;
    }
  }

  private numbers = new Float64Array(0);

  /**
   * The next `count` dictionary indices of the page: from `values` at this.value when the page
   * was decoded whole, or decoded now into the scratch's window buffer, from 0 (page.stream).
   */
  private indices(count: number): Int32Array {
    const stream = this.page.stream;
    if (!stream) return this.page.values as Int32Array;
    const scratch = this.scratch;
    if (scratch.window.length < count) scratch.window = new Int32Array(Math.max(count, 2 * scratch.window.length));
    stream.read(scratch.window, 0, count);
    return scratch.window;
  }

  private scratchNumbers(n: number): Float64Array {
    if (this.numbers.length < n) this.numbers = new Float64Array(Math.max(n, 2 * this.numbers.length));
    return this.numbers;
  }

  private async nextPage(): Promise<void> {
    for (;;) {
      if (this.pos >= this.end) throw new Error(`Parquet column ${this.name} ends before its row group does`);
      const { header, length, head } = await this.header();
      const size = length + header.compressed_page_size;
      if (size > this.end - this.pos) throw new Error(`Parquet column ${this.name}: page runs past the column chunk`);
      const all = size <= head.length ? head : await this.source.read(this.pos, size);
      const bytes = all.subarray(length, size);
      this.pos += size;
      if (header.type === 'DICTIONARY_PAGE') {
        const text = this.plan ? undefined : byteDictionary(bytes, header, this.decoder);
        if (text) {
          this.dictionary = text;
          continue;
        }
        // Snappy in wasm here too (hyparquet's JS decoder was ~80 ms for the DuckDB file's numeric
        // dictionaries): the values are copied out below (toNumbers, detach) before the next page.
        const decoder = this.decoder.codec === 'SNAPPY' && !this.decoder.compressors ? { ...this.decoder, compressors: WASM_SNAPPY } : this.decoder;
        const { data } = readPage({ view: viewOf(all), offset: length }, header, decoder, undefined, undefined, 0);
        if (data && this.plan) {
          const nums = new Float64Array(data.length);
          this.numberDictionaryOdd = toNumbers(data, 0, data.length, this.plan, nums);
          this.numberDictionary = nums;
          this.dictionary = nums;
        } else if (data) this.dictionary = detach(convert(data, this.decoder));
        continue;
      }
      const page = decodePage(bytes, header, this.decoder, this.maxDef, this.scratch);
      if (page.dictionary && !this.dictionary) throw new Error(`Parquet column ${this.name}: dictionary-encoded page without a dictionary`);
      if (page.rows > 0) {
        this.page = page;
        this.row = 0;
        this.value = 0;
        return;
      }
    }
  }

  /** Page headers are thrift with no length up front: parse the first bytes, and read more if they run out. */
  private async header(): Promise<{ header: PageHeader; length: number; head: Uint8Array }> {
    const left = this.end - this.pos;
    for (let want = this.headerPeek; ; want *= 4) {
      const head = await this.source.read(this.pos, Math.min(want, left));
      // A view of exactly the bytes read, so a parse running past them cannot go unnoticed.
      const reader = { view: viewOf(head), offset: 0 };
      try {
        const header = parquetHeader(reader);
        if (reader.offset <= head.length) return { header, length: reader.offset, head };
      } catch (e) {
        if (head.length >= left) throw e;
      }
      if (head.length >= left) throw new Error(`Parquet column ${this.name}: page header runs past the column chunk`);
    }
  }
}

/**
 * Buffers a cursor reuses from page to page (a page's levels, indices and numbers are consumed
 * before the next page is decoded): page-lived buffers allocated per page outlive young-GC and
 * pile up until a full GC.
 */
export interface Scratch {
  defs: Uint8Array;
  indices: ArrayBuffer;
  values: ArrayBuffer;
  text: Uint8Array;
  /** A window's dictionary indices, decoded as they are taken (IndexStream). */
  window: Int32Array;
  /**
   * Only one cursor at a time reads with these buffers, and it takes a page's last value before
   * any page is read or decompressed again (a column at a time: the columnar import, the decoding
   * thread): a page of plain strings may then stay where it was decoded (wasm memory, or the file
   * buffer when uncompressed) instead of being copied out. DuckDB writes a 1M-row group's strings
   * as one 20 MB page, a first touch of 20 MB here.
   */
  readonly exclusive: boolean;
}

export function newScratch(exclusive = false): Scratch {
  return { defs: new Uint8Array(0), indices: new ArrayBuffer(0), values: new ArrayBuffer(0), text: new Uint8Array(0), window: new Int32Array(0), exclusive };
}

function decodePage(bytes: Uint8Array, header: PageHeader, d: ColumnDecoder, maxDef: number, scratch: Scratch): Page {
  const v1 = header.data_page_header;
  const v2 = header.data_page_header_v2;
  let rows: number;
  let defs: Uint8Array | undefined;
  let encoded: Uint8Array;
  let fallback: () => DecodedArray;
  if (v1) {
    rows = v1.num_values;
    const page = decompress(bytes, Number(header.uncompressed_page_size), d);
    const reader = { view: viewOf(page), offset: 0 };
    if (maxDef) {
      const length = reader.view.getUint32(0, true);
      // Levels that say "every row has a value" in one run: nothing to expand or count.
      if (oneRun(reader.view, 4, length, rows, maxDef)) reader.offset = 4 + length;
      else readRleBitPackedHybrid(reader, bitWidth(maxDef), (defs = levelBuffer(scratch, rows)));
    }
    encoded = page.subarray(reader.offset);
    fallback = () => readDataPage(page, v1, d).dataPage;
  } else if (v2) {
    rows = v2.num_rows;
    const levels = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
    const view = viewOf(bytes);
    if (maxDef && !oneRun(view, v2.repetition_levels_byte_length, v2.definition_levels_byte_length, rows, maxDef)) {
      readRleBitPackedHybrid({ view, offset: v2.repetition_levels_byte_length }, bitWidth(maxDef), (defs = levelBuffer(scratch, rows)), v2.definition_levels_byte_length);
    }
    encoded = bytes.subarray(levels);
    if (v2.is_compressed !== false) encoded = decompress(encoded, Number(header.uncompressed_page_size) - levels, d);
    fallback = () => readDataPageV2(bytes, header, d).dataPage;
  } else {
    throw new Error(`Parquet page type ${header.type} is not supported`);
  }
  let nulls = 0;
  if (defs) for (let i = 0; i < rows; i++) if (defs[i] !== maxDef) nulls++;
  if (!nulls) defs = undefined;
  const count = rows - nulls;
  const encoding = (v1 ?? v2)!.encoding;
  const reader = { view: viewOf(encoded), offset: 0 };
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    const width = reader.view.getUint8(reader.offset++);
    // The page's bytes stay where they are until its last value is taken (one cursor at a time):
    // its indices are decoded window by window as they are taken.
    if (scratch.exclusive && indexRunsValid(encoded, reader.offset, width, count)) {
      return { rows, defs, values: NO_INDICES, stream: new IndexStream(encoded, reader.offset, width), dictionary: true, lazy: false };
    }
    // hyparquet's DecodedArray type has no Uint16Array; any typed array of integers does here.
    const indices = (width <= 8 ? uints(scratch, count, Uint8Array) : width <= 16 ? uints(scratch, count, Uint16Array) : uints(scratch, count, Int32Array)) as Int32Array;
    if (width) readRleBitPackedHybrid(reader, width, indices, encoded.length - reader.offset);
    else indices.fill(0);
    return { rows, defs, values: indices, dictionary: true, lazy: false };
  }
  if (encoding === 'PLAIN' && isText(d)) {
    // A page of strings as JS strings would live as long as the page and be promoted to the old
    // generation: keep the bytes and where each string is instead.
    let text = encoded;
    if (!scratch.exclusive) {
      if (scratch.text.length < encoded.length) scratch.text = new Uint8Array(Math.max(encoded.length, 2 * scratch.text.length));
      text = scratch.text.subarray(0, encoded.length);
      text.set(encoded);
    }
    const bounds = uints(scratch, 2 * count, Int32Array);
    for (let i = 0, at = 0; i < count; i++) {
      const length = reader.view.getUint32(at, true);
      bounds[2 * i] = at + 4;
      bounds[2 * i + 1] = at += 4 + length;
    }
    return { rows, defs, values: bounds, text, dictionary: false, lazy: false };
  }
  const plain = encoding === 'PLAIN' ? PLAIN_NUMBERS[d.type] : undefined;
  if (plain && reader.offset + count * plain.BYTES_PER_ELEMENT <= encoded.length) {
    // Fixed-width numbers copied once into the cursor's buffer, aligned: hyparquet's readPlain
    // allocates a fresh array for every page whose values start unaligned (most v1 pages, after
    // their levels), and fresh memory costs a page fault per 4 KB here.
    const bytes = count * plain.BYTES_PER_ELEMENT;
    if (scratch.values.byteLength < bytes) scratch.values = new ArrayBuffer(Math.max(bytes, 2 * scratch.values.byteLength));
    new Uint8Array(scratch.values, 0, bytes).set(encoded.subarray(reader.offset, reader.offset + bytes));
    const values = new plain(scratch.values, 0, count);
    const empty = values.subarray(0, 0);
    return { rows, defs, values: values as DecodedArray, dictionary: false, lazy: convert(empty as DecodedArray, d) !== empty };
  }
  // Other encodings (delta, byte stream split, RLE booleans) are rarer: hyparquet decodes them.
  const decoded = encoding === 'PLAIN' ? readPlain(reader, d.type, count, d.element.type_length) : fallback();
  if (Array.isArray(decoded)) return { rows, defs, values: detach(convert(decoded, d)), dictionary: false, lazy: false };
  // Numbers may be a view of the page bytes, which are reused: copy them to the cursor's buffer.
  if (scratch.values.byteLength < decoded.byteLength) scratch.values = new ArrayBuffer(Math.max(decoded.byteLength, 2 * scratch.values.byteLength));
  const Typed = decoded.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => Float64Array;
  const values = new Typed(scratch.values, 0, decoded.length);
  values.set(decoded as Float64Array);
  // Typed arrays stay compact until taken; those needing no conversion are taken as they are.
  const empty = values.subarray(0, 0);
  return { rows, defs, values, dictionary: false, lazy: convert(empty, d) !== empty };
}

const NO_INDICES = new Int32Array(0);

/** The typed arrays hyparquet's readPlain gives for fixed-width numbers (little-endian, as the file's). */
const PLAIN_NUMBERS: Partial<Record<string, Int32ArrayConstructor | BigInt64ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor>> = {
  INT32: Int32Array,
  INT64: BigInt64Array,
  FLOAT: Float32Array,
  DOUBLE: Float64Array,
};

/** Whether hyparquet's convert would turn this column's bytes into text, and nothing else. */
function isText(d: ColumnDecoder): boolean {
  const { converted_type: ctype, logical_type: ltype } = d.element;
  if (d.type !== 'BYTE_ARRAY' || d.utf8 === false) return false;
  return (ctype === undefined || ctype === 'UTF8' || ctype === 'ENUM') && (ltype === undefined || ltype.type === 'STRING' || ltype.type === 'ENUM');
}

function uints<T extends Uint8Array | Uint16Array | Int32Array>(scratch: Scratch, n: number, Typed: { new (b: ArrayBuffer, at: number, n: number): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = n * Typed.BYTES_PER_ELEMENT;
  if (scratch.indices.byteLength < bytes) scratch.indices = new ArrayBuffer(Math.max(bytes, 2 * scratch.indices.byteLength));
  return new Typed(scratch.indices, 0, n);
}

function levelBuffer(scratch: Scratch, rows: number): Uint8Array {
  if (scratch.defs.length < rows) scratch.defs = new Uint8Array(Math.max(rows, 2 * scratch.defs.length));
  return scratch.defs.subarray(0, rows);
}

/** Values that outlive their page's bytes: binary values (views of the bytes) copied out. */
function detach(values: DecodedArray): DecodedArray {
  if (!Array.isArray(values)) return values.slice();
  return values.some((v) => v instanceof Uint8Array) ? values.map((v: unknown) => (v instanceof Uint8Array ? v.slice() : v)) : values;
}

/**
 * A text column's dictionary page as its entries' bytes (ByteDictionary), not a string per entry:
 * hyparquet reads it into a Uint8Array per entry and then a string per entry, and a DuckDB
 * dictionary of ids has 100k+ entries per column chunk. Undefined (hyparquet reads the page, as
 * before) for columns whose values are not plain text, and for a page whose entries run past its
 * end, so a damaged page fails with hyparquet's error.
 */
function byteDictionary(compressed: Uint8Array, header: PageHeader, d: ColumnDecoder): ByteDictionary | undefined {
  const count = header.dictionary_page_header?.num_values;
  if (count === undefined || !isText(d)) return undefined;
  const page = decompress(compressed, Number(header.uncompressed_page_size), d);
  const view = viewOf(page);
  // Entries are a 4-byte little-endian length then the bytes; the page has 4 bytes per entry besides.
  const size = page.length - 4 * count;
  if (size < 0) return undefined;
  const bytes = new Uint8Array(size);
  const starts = new Int32Array(count + 1);
  let at = 0;
  let out = 0;
  let high = 0;
  for (let r = 0; r < count; r++) {
    if (at + 4 > page.length) return undefined;
    const length = view.getUint32(at, true);
    at += 4;
    if (length > page.length - at) return undefined;
    starts[r] = out;
    for (let i = at, end = at + length; i < end; i++) {
      const b = page[i];
      high |= b;
      bytes[out++] = b;
    }
    at += length;
  }
  starts[count] = out;
  return new ByteDictionary(out === size ? bytes : bytes.slice(0, out), starts, high < 0x80);
}

/** hyparquet's hook for a codec: snappy decoded in wasm, into the module's memory (valid until the next page). */
const WASM_SNAPPY = { SNAPPY: snappyUncompressWasm };

/**
 * Snappy pages are decompressed in WebAssembly (snappy-wasm.ts) into the module's memory, one
 * region shared by every column (decoding is synchronous and copies the values out), instead of a
 * fresh page-sized buffer per page per column.
 */
function decompress(bytes: Uint8Array, size: number, d: ColumnDecoder): Uint8Array {
  if (d.codec !== 'SNAPPY' || d.compressors?.SNAPPY) return decompressPage(bytes, size, d.codec, d.compressors);
  return snappyUncompressWasm(bytes, size);
}

/**
 * Whether the RLE/bit-packed hybrid levels in view[at, at + length) begin with one RLE run of
 * `value` covering all `rows` (a column without nulls: DuckDB writes such levels for every
 * OPTIONAL column). Then the levels need not be expanded, nor counted: no row is missing.
 */
export function oneRun(view: DataView, at: number, length: number, rows: number, value: number): boolean {
  const end = Math.min(at + length, view.byteLength);
  let header = 0;
  let p = at;
  for (let shift = 0; ; shift += 7) {
    if (p >= end || shift > 28) return false;
    const b = view.getUint8(p++);
    header += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) break;
  }
  if (header % 2 === 1 || Math.floor(header / 2) < rows) return false;
  const bytes = (bitWidth(value) + 7) >> 3;
  if (p + bytes > end) return false;
  let v = 0;
  for (let i = 0; i < bytes; i++) v += view.getUint8(p + i) * 2 ** (8 * i);
  return v === value;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function bitWidth(value: number): number {
  return 32 - Math.clz32(value);
}

/**
 * Read with a page header: enough for one with typical statistics (longer ones are read again
 * with more), and small pages come with it.
 */
const HEADER_PEEK = 8192;

/** The storage types a Parquet column can go to as numbers, as the text path would type them. */
export type NumberType = 'integer' | 'real' | 'boolean' | 'timestamp';

/**
 * How a column's raw values become the numbers the text path would have stored (epoch ms for
 * times, 1/0 for booleans). `raw`: 'number' for values JS already holds as numbers (INT32, FLOAT,
 * DOUBLE), multiplied by `scale` (DATE: days → ms); 'int64' for INT64, divided by `divisor`
 * toward zero as hyparquet's BigInt division does (micros and nanos → ms); 'boolean'.
 */
export interface NumberPlan {
  readonly type: NumberType;
  readonly raw: 'number' | 'int64' | 'boolean';
  readonly scale: number;
  readonly divisor: number;
}

/**
 * Only the physical and logical types whose values hyparquet hands on unchanged, or as timestamps,
 * get a plan; the rest (strings, decimals, INT96, unsigned 32/64-bit, time of day, UUIDs…) keep
 * the text path, so what is stored never depends on which path a column took.
 */
export function numberPlan(d: ColumnDecoder): NumberPlan | undefined {
  const { type, converted_type: ctype, logical_type: ltype } = d.element;
  const plain = (t: NumberType, raw: NumberPlan['raw'], scale = 1, divisor = 1): NumberPlan => ({ type: t, raw, scale, divisor });
  const signedInt = (ctype === undefined || ctype === 'INT_8' || ctype === 'INT_16' || ctype === 'INT_32' || ctype === 'INT_64') && (ltype === undefined || (ltype.type === 'INTEGER' && ltype.isSigned));
  if (type === 'BOOLEAN' && ctype === undefined && ltype === undefined) return plain('boolean', 'boolean');
  if ((type === 'FLOAT' || type === 'DOUBLE') && ctype === undefined && ltype === undefined) return plain('real', 'number');
  if (type === 'INT32') {
    if (ctype === 'DATE' || (ctype === undefined && ltype?.type === 'DATE')) return plain('timestamp', 'number', 86_400_000);
    return signedInt ? plain('integer', 'number') : undefined;
  }
  if (type === 'INT64') {
    if (ctype === 'TIMESTAMP_MILLIS') return plain('timestamp', 'int64');
    if (ctype === 'TIMESTAMP_MICROS') return plain('timestamp', 'int64', 1, 1000);
    if (ctype === undefined && ltype?.type === 'TIMESTAMP') return plain('timestamp', 'int64', 1, ltype.unit === 'MILLIS' ? 1 : ltype.unit === 'MICROS' ? 1000 : 1_000_000);
    return signedInt ? plain('integer', 'int64') : undefined;
  }
  return undefined;
}

/** new Date(ms) is valid within ±8.64e15 ms; beyond, the text path found no time (missing). */
const MAX_DATE_MS = 8.64e15;
const TWO_32 = 4294967296;

/**
 * values[from, from + count) as numbers into out[0, count). Returns the values a double cannot hold
 * as the text path reads them, by position, with that text: an INT64 beyond 2^53, ±Infinity.
 */
export function toNumbers(values: DecodedArray, from: number, count: number, plan: NumberPlan, out: Float64Array): Map<number, string> | undefined {
  let odd: Map<number, string> | undefined;
  if (plan.raw === 'boolean') {
    const bools = values as unknown as boolean[];
    for (let i = 0; i < count; i++) out[i] = bools[from + i] ? 1 : 0;
    return undefined;
  }
  if (plan.raw === 'number') {
    const nums = values as Float64Array;
    const scale = plan.scale;
    // A typed array's values by set (a memcpy from doubles); hyparquet's rarer decoders may give an Array.
    if (scale === 1 && ArrayBuffer.isView(nums)) out.set(nums.subarray(from, from + count));
    else if (scale === 1) for (let i = 0; i < count; i++) out[i] = nums[from + i];
    else for (let i = 0; i < count; i++) out[i] = nums[from + i] * scale;
    if (plan.type === 'real') {
      for (let i = 0; i < count; i++) {
        const v = out[i];
        // NaN is missing, as the text path reads it; an infinity is text there, and stays so.
        if (v - v !== 0 && v === v) (odd ??= new Map()).set(i, String(v));
      }
    } else if (plan.type === 'timestamp') {
      for (let i = 0; i < count; i++) if (Math.abs(out[i]) > MAX_DATE_MS) out[i] = NaN;
    }
    return odd;
  }
  // INT64 as two 32-bit halves (little-endian): no BigInt per value.
  const big = values as unknown as BigInt64Array;
  const halves = new Int32Array(big.buffer, big.byteOffset + 8 * from, 2 * count);
  const d = plan.divisor;
  if (d === 1) {
    for (let i = 0; i < count; i++) {
      const hi = halves[2 * i + 1];
      const lo = halves[2 * i] >>> 0;
      // |v| < 2^53, as parseInteger demands (-2^53 itself is not a safe integer).
      if ((hi > -2_097_152 && hi < 2_097_152) || (hi === -2_097_152 && lo !== 0)) out[i] = hi * TWO_32 + lo;
      else if (plan.type === 'timestamp') out[i] = NaN;
      else {
        out[i] = NaN;
        (odd ??= new Map()).set(i, big[from + i].toString());
      }
    }
  } else {
    // v = hi·2^32 + lo = hi·(a·d + b) + lo: hi·b + lo is exact in a double, so is the rest.
    const a = Math.floor(TWO_32 / d);
    const b = TWO_32 - a * d;
    for (let i = 0; i < count; i++) {
      const hi = halves[2 * i + 1];
      const r = hi * b + (halves[2 * i] >>> 0);
      let q = Math.floor(r / d);
      let rem = r - q * d;
      if (rem < 0) {
        q--;
        rem += d;
      } else if (rem >= d) {
        q++;
        rem -= d;
      }
      q += hi * a;
      // BigInt division truncates toward zero: floor + 1 for a negative value with a remainder.
      if (hi < 0 && rem !== 0) q++;
      out[i] = Math.abs(q) > MAX_DATE_MS ? NaN : q;
    }
  }
  if (plan.type === 'timestamp') return undefined;
  return odd;
}

/** Where `takeRefs` puts a window: the reference of each row, and the values it cannot refer to. */
export interface RefSink {
  readonly refs: Int32Array;
  /** Keeps bytes[start, end) (a plain string's UTF-8) and returns its reference (≤ -2). */
  bytes(bytes: Uint8Array, start: number, end: number): number;
  /** Keeps a value's text and returns its reference (≤ -2). */
  extra(text: string): number;
}

/** A value as the text path reads it (what hyparquet's values have always been imported as). */
export function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isNaN(v) ? null : String(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
      if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
      return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  }
}
