import type { FileHandle } from 'node:fs/promises';
import type { ColumnMetaData, DecodedArray, FileMetaData, SchemaTree } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getTreePath, isFlatColumn } from 'hyparquet/src/schema.js';

type ColumnDecoder = Parameters<typeof readPage>[2];
type PageHeader = ReturnType<typeof parquetHeader>;

/**
 * A data page as compact as hyparquet's decoders allow: definition levels as bytes (none when the
 * page has no nulls), dictionary indices as Int32Array, numbers in their typed arrays. hyparquet's
 * own readPage expands each page into a JS array per row (a large object for 100k+ rows, only
 * reclaimed by a full GC), which is what made RSS grow far beyond the live data.
 */
interface Page {
  rows: number;
  defs: Uint8Array | undefined;
  /** Dictionary indices, or values (typed arrays still to be converted when `lazy`). */
  values: DecodedArray;
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
 * A column chunk read from the file a few hundred KB at a time and decoded one page at a time,
 * so memory holds one page of each column however large the row group. The dictionary page is
 * decoded once and kept for the chunk's data pages.
 */
export class ColumnCursor {
  private pos: number;
  private readonly end: number;
  private buf = new Uint8Array(0);
  private bufAt = 0;
  private dictionary: DecodedArray | undefined;
  private page: Page = { rows: 0, defs: undefined, values: [], dictionary: false, lazy: false };
  private row = 0;
  private value = 0;
  private readonly decoder: ColumnDecoder;
  private readonly maxDef: number;

  constructor(
    private readonly fh: FileHandle,
    meta: ColumnMetaData,
    schema: SchemaTree,
  ) {
    // Some writers (polars) leave dictionary_page_offset unset with the dictionary before the data.
    this.pos = Number(meta.dictionary_page_offset || meta.data_page_offset);
    this.end = this.pos + Number(meta.total_compressed_size);
    const schemaPath = getTreePath(schema, meta.path_in_schema);
    this.decoder = { ...meta, pathInSchema: meta.path_in_schema, element: schemaPath[schemaPath.length - 1].element, schemaPath, parsers: DEFAULT_PARSERS };
    this.maxDef = getMaxDefinitionLevel(schemaPath);
  }

  get name(): string {
    return this.decoder.pathInSchema.join('.');
  }

  /** The next n values into out[0, n) (null where missing); the chunk must hold them. */
  async take(out: unknown[], n: number): Promise<void> {
    for (let k = 0; k < n; ) {
      if (this.row >= this.page.rows) await this.nextPage();
      const { defs, values, dictionary, lazy } = this.page;
      const m = Math.min(this.page.rows - this.row, n - k, CONVERT_SLICE);
      let count = m;
      if (defs) {
        count = 0;
        for (let j = this.row; j < this.row + m; j++) if (defs[j] === this.maxDef) count++;
      }
      const from = this.value;
      const dict = this.dictionary as DecodedArray;
      const vals = lazy ? convert((values as Int32Array).subarray(from, from + count), this.decoder) : values;
      let v = lazy ? 0 : from;
      for (let j = 0; j < m; j++) {
        if (defs && defs[this.row + j] !== this.maxDef) out[k + j] = null;
        else out[k + j] = dictionary ? dict[vals[v++] as number] : vals[v++];
      }
      this.value += count;
      this.row += m;
      k += m;
    }
  }

  private async nextPage(): Promise<void> {
    for (;;) {
      if (this.pos >= this.end) throw new Error(`Parquet column ${this.name} ends before its row group does`);
      const { header, length } = await this.header();
      const size = length + header.compressed_page_size;
      await this.ensure(size, size + HEADER_PEEK);
      const view = this.view();
      const bytes = new Uint8Array(view.buffer, view.byteOffset + length, header.compressed_page_size);
      this.pos += size;
      if (header.type === 'DICTIONARY_PAGE') {
        const { data } = readPage({ view, offset: length }, header, this.decoder, undefined, undefined, 0);
        if (data) this.dictionary = convert(data, this.decoder);
        continue;
      }
      const page = decodePage(bytes, header, this.decoder, this.maxDef);
      if (page.dictionary && !this.dictionary) throw new Error(`Parquet column ${this.name}: dictionary-encoded page without a dictionary`);
      if (page.rows > 0) {
        this.page = page;
        this.row = 0;
        this.value = 0;
        return;
      }
    }
  }

  /** Page headers are thrift with no length up front: parse what is buffered, and read more if it runs out. */
  private async header(): Promise<{ header: ReturnType<typeof parquetHeader>; length: number }> {
    for (let want = HEADER_PEEK; ; want *= 4) {
      await this.ensure(Math.min(want, this.end - this.pos), want);
      const view = this.view();
      try {
        const reader = { view, offset: 0 };
        const header = parquetHeader(reader);
        if (reader.offset <= view.byteLength) return { header, length: reader.offset };
      } catch (e) {
        if (view.byteLength >= this.end - this.pos) throw e;
      }
      if (view.byteLength >= this.end - this.pos) throw new Error(`Parquet column ${this.name}: page header runs past the column chunk`);
    }
  }

  /** The buffered bytes from pos, as their own view so a parse cannot run past them unnoticed. */
  private view(): DataView {
    const from = this.pos - this.bufAt;
    return new DataView(this.buf.buffer, this.buf.byteOffset + from, this.buf.length - from);
  }

  /**
   * At least `min` bytes buffered from pos (reading `want` or READ_BYTES if more are needed).
   * A fresh buffer each time: decoded values (strings aside) may be views into the old one.
   */
  private async ensure(min: number, want: number): Promise<void> {
    const buffered = this.bufAt + this.buf.length - this.pos;
    if (this.pos >= this.bufAt && buffered >= min) return;
    const size = Math.min(Math.max(want, READ_BYTES), this.end - this.pos);
    if (size < min) throw new Error(`Parquet column ${this.name}: page runs past the column chunk`);
    const buf = new Uint8Array(size);
    for (let got = 0; got < size; ) {
      const { bytesRead } = await this.fh.read(buf, got, size - got, this.pos + got);
      if (bytesRead === 0) throw new Error(`Parquet file ends inside column ${this.name}`);
      got += bytesRead;
    }
    this.buf = buf;
    this.bufAt = this.pos;
  }
}

function decodePage(bytes: Uint8Array, header: PageHeader, d: ColumnDecoder, maxDef: number): Page {
  const v1 = header.data_page_header;
  const v2 = header.data_page_header_v2;
  let rows: number;
  let defs: Uint8Array | undefined;
  let encoded: Uint8Array;
  let fallback: () => DecodedArray;
  if (v1) {
    rows = v1.num_values;
    const page = decompressPage(bytes, Number(header.uncompressed_page_size), d.codec, d.compressors);
    const reader = { view: viewOf(page), offset: 0 };
    if (maxDef) readRleBitPackedHybrid(reader, bitWidth(maxDef), (defs = new Uint8Array(rows)));
    encoded = page.subarray(reader.offset);
    fallback = () => readDataPage(page, v1, d).dataPage;
  } else if (v2) {
    rows = v2.num_rows;
    const levels = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
    if (maxDef) readRleBitPackedHybrid({ view: viewOf(bytes), offset: v2.repetition_levels_byte_length }, bitWidth(maxDef), (defs = new Uint8Array(rows)), v2.definition_levels_byte_length);
    encoded = bytes.subarray(levels);
    if (v2.is_compressed !== false) encoded = decompressPage(encoded, Number(header.uncompressed_page_size) - levels, d.codec, d.compressors);
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
    const indices = new Int32Array(count);
    if (width) readRleBitPackedHybrid(reader, width, indices, encoded.length - reader.offset);
    return { rows, defs, values: indices, dictionary: true, lazy: false };
  }
  // Other encodings (delta, byte stream split, RLE booleans) are rarer: hyparquet decodes them.
  const values = encoding === 'PLAIN' ? readPlain(reader, d.type, count, d.element.type_length) : fallback();
  if (Array.isArray(values)) return { rows, defs, values: convert(values, d), dictionary: false, lazy: false };
  // Typed arrays stay compact until taken; those needing no conversion are taken as they are.
  const empty = values.subarray(0, 0);
  return { rows, defs, values, dictionary: false, lazy: convert(empty, d) !== empty };
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function bitWidth(value: number): number {
  return 32 - Math.clz32(value);
}

const READ_BYTES = 256 * 1024;
/** Enough for a page header with typical statistics; longer ones are read again with more. */
const HEADER_PEEK = 1024;
