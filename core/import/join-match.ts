import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MatchCounts {
  readonly matched: number;
  readonly duplicateKeys: number;
  readonly orphans: number;
}

export interface KeyMatchOptions {
  /** Partitions by key hash; by default sized so one partition's keys fit a small Map. */
  readonly partitions?: number;
  /** Hash of a canonical key; tests pass a tiny one to force collisions. */
  readonly hash?: (key: string) => number;
  /** Values (keys, row numbers, cells) held per spill file before it is appended to. */
  readonly pendingValues?: number;
}

/** Keys per partition the default aims at: a Map of that many keys is a few MB. */
const KEYS_PER_PARTITION = 65_536;
/** Values waiting in memory across all spill files before they are written. */
const PENDING_VALUES = 131_072;
/** Values per spill write at least, whatever the partition count. */
const MIN_SEGMENT_VALUES = 1024;
/** At most this many output buckets (files of joined values by dataset row). */
const MAX_BUCKETS = 64;

/**
 * The key match of a join, done in JS by a hash-partitioned (grace) join that spills to temp files,
 * so memory stays flat with both sizes. File rows and dataset keys go to P partition files by a hash
 * of the canonical key; each partition is then joined with a Map of its dataset keys, so every match
 * is confirmed on the real key (a hash only chooses the partition). Each dataset key's first row
 * gets the key's first file row's values, written to bucket files by dataset row, from which the
 * joined columns are read back one chunk window at a time.
 *
 * Spill files hold JSON segments (one JSON.stringify of many values per write, one JSON.parse per
 * segment): exact for any JS string, lone surrogates included, and native on both sides.
 */
export class KeyMatch {
  /** Where the spill files live (removed by drop). */
  readonly spillDir: string;
  private readonly hash: (key: string) => number;
  private readonly parts: number;
  private readonly fileParts: Spill[];
  private readonly keyParts: Spill[];
  private readonly buckets: Spill[];
  private readonly bucketRows: number;
  private readonly files: SpillFile[] = [];
  private fileRows = 0;
  private cached: { bucket: number; columns: (string | null)[][] } | undefined;

  constructor(
    private readonly width: number,
    datasetRows: number,
    chunkRows: number,
    options: KeyMatchOptions = {},
  ) {
    this.hash = options.hash ?? keyHash;
    this.parts = Math.max(1, Math.floor(options.partitions ?? Math.min(4096, Math.ceil(datasetRows / KEYS_PER_PARTITION))));
    const windows = Math.max(1, Math.ceil(datasetRows / chunkRows));
    this.bucketRows = chunkRows * Math.ceil(windows / MAX_BUCKETS);
    const nBuckets = Math.max(1, Math.ceil(datasetRows / this.bucketRows));
    const pending = options.pendingValues ?? PENDING_VALUES;
    this.spillDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-join-'));
    const spills = (name: string, n: number, stride: number) => {
      const file = new SpillFile(path.join(this.spillDir, name));
      this.files.push(file);
      // A floor on the segment: a write per few records would cost more in syscalls than it saves.
      const limit = stride * Math.max(Math.ceil(MIN_SEGMENT_VALUES / stride), Math.floor(pending / n / stride));
      return Array.from({ length: n }, () => new Spill(file, limit));
    };
    this.fileParts = spills('file', this.parts, width + 1);
    this.keyParts = spills('keys', this.parts, 1);
    this.buckets = spills('rows', nBuckets, width);
  }

  private part(key: string): number {
    return (this.hash(key) >>> 0) % this.parts;
  }

  /** One file row with a usable key; cells are its joined columns' values (null = missing). */
  addFileRow(key: string, cells: readonly (string | null)[]): void {
    const spill = this.fileParts[this.part(key)];
    spill.value(key);
    for (let c = 0; c < cells.length; c++) spill.value(cells[c]);
    spill.end();
    this.fileRows++;
  }

  /** Called after the last file row. */
  endFile(): void {
    for (const s of this.fileParts) s.flush();
  }

  /** Dataset keys come in row order: the first row seen for a key is its first row. */
  addDatasetKey(key: string, row: number): void {
    const spill = this.keyParts[this.part(key)];
    spill.row(row);
    spill.value(key);
    spill.end();
  }

  /**
   * Pairs each dataset key's first row with the key's first file row (file order is kept within a
   * partition) into the output buckets, and counts what the join reports.
   */
  match(): MatchCounts {
    for (const s of this.keyParts) s.flush();
    const w = this.width;
    let matched = 0;
    let rows = 0;
    const firstRow = new Map<string, number>();
    for (let p = 0; p < this.parts; p++) {
      firstRow.clear();
      this.keyParts[p].read((v, rowOf, first) => {
        for (let i = 0; i < v.length; i++) {
          const key = v[i] as string;
          if (!firstRow.has(key)) firstRow.set(key, rowOf[first + i]);
        }
      });
      this.keyParts[p].clear();
      if (firstRow.size === 0) {
        this.fileParts[p].clear();
        continue;
      }
      this.fileParts[p].read((v) => {
        for (let i = 0; i < v.length; i += w + 1) {
          const key = v[i] as string;
          const row = firstRow.get(key);
          if (row === undefined) continue;
          rows++;
          if (row < 0) continue;
          matched++;
          firstRow.set(key, -1);
          const bucket = this.buckets[Math.floor(row / this.bucketRows)];
          bucket.row(row);
          for (let c = 1; c <= w; c++) bucket.value(v[i + c]);
          bucket.end();
        }
      });
      this.fileParts[p].clear();
    }
    firstRow.clear();
    for (const b of this.buckets) b.flush();
    return { matched, duplicateKeys: rows - matched, orphans: this.fileRows - rows };
  }

  /** Joined column `col`'s values for dataset rows [start, end), missing ones null. */
  window(col: number, start: number, end: number): (string | null)[] {
    const out = new Array<string | null>(end - start).fill(null);
    for (let at = start; at < end; ) {
      const b = Math.floor(at / this.bucketRows);
      const from = b * this.bucketRows;
      const upto = Math.min(end, from + this.bucketRows);
      const values = this.bucket(b)[col];
      for (let r = at; r < upto; r++) out[r - start] = values[r - from];
      at = upto;
    }
    return out;
  }

  /** One bucket's joined values by column, indexed by row - the bucket's first row; the last one kept. */
  private bucket(b: number): (string | null)[][] {
    if (this.cached?.bucket === b) return this.cached.columns;
    const w = this.width;
    const from = b * this.bucketRows;
    const columns = Array.from({ length: w }, () => new Array<string | null>(this.bucketRows).fill(null));
    this.buckets[b].read((v, rowOf, first) => {
      for (let i = 0, k = first; i < v.length; i += w, k++) {
        const r = rowOf[k] - from;
        for (let c = 0; c < w; c++) columns[c][r] = v[i + c] as string | null;
      }
    });
    this.cached = { bucket: b, columns };
    return columns;
  }

  /** Removes the spill files; safe to call more than once. */
  drop(): void {
    this.cached = undefined;
    for (const f of this.files.splice(0)) f.close();
    fs.rmSync(this.spillDir, { recursive: true, force: true });
  }
}

/** FNV-1a over UTF-16 code units, high bits folded in: only chooses a partition. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * One append-only temp file that many spills write their segments into: a few descriptors open
 * for the whole join whatever the partition count (a descriptor per partition could pass macOS's
 * default limit of 256), and one write per segment instead of an open, write and close.
 */
class SpillFile {
  private readonly fd: number;
  private size = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w+');
  }

  /** Where `bytes` now start in the file. */
  append(bytes: Buffer): number {
    const at = this.size;
    for (let put = 0; put < bytes.length; ) put += fs.writeSync(this.fd, bytes, put, bytes.length - put, at + put);
    this.size += bytes.length;
    return at;
  }

  read(buf: Buffer, n: number, at: number): Buffer {
    for (let got = 0; got < n; ) got += fs.readSync(this.fd, buf, got, n - got, at + got);
    return buf;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/**
 * Records of values appended as JSON segments to a SpillFile: values wait in an array until
 * `limit` of them are pending, then one JSON.stringify writes them all. Reading parses one segment
 * at a time, so memory is one segment however many the spill holds. A record's dataset row, when it
 * has one, stays in memory in a typed array (4 bytes a record) instead of going through JSON.
 */
class Spill {
  private pending: unknown[] = [];
  /** Offset and byte length of each segment in the file, in write order. */
  private segments: number[] = [];
  /** Records written up to the end of each segment: the next segment's first record. */
  private firsts: number[] = [];
  private rows = new Uint32Array(0);
  private records = 0;

  constructor(
    private readonly file: SpillFile,
    private readonly limit: number,
  ) {}

  /** The dataset row of the record being added (numbered spills only). */
  row(n: number): void {
    if (this.records === this.rows.length) {
      const grown = new Uint32Array(Math.max(64, this.rows.length * 2));
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.records] = n;
  }

  value(v: unknown): void {
    this.pending.push(v);
  }

  /** The record is complete: records never straddle segments. */
  end(): void {
    this.records++;
    if (this.pending.length >= this.limit) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(JSON.stringify(this.pending), 'utf8');
    this.pending = [];
    this.segments.push(this.file.append(bytes), bytes.length);
    this.firsts.push(this.records);
  }

  /** Each segment's values in write order, with the rows and the index of its first record. */
  read(each: (values: unknown[], rows: Uint32Array, first: number) => void): void {
    let longest = 0;
    for (let i = 1; i < this.segments.length; i += 2) longest = Math.max(longest, this.segments[i]);
    const buf = Buffer.allocUnsafe(longest);
    for (let i = 0, first = 0; i < this.segments.length; i += 2) {
      const n = this.segments[i + 1];
      each(JSON.parse(this.file.read(buf, n, this.segments[i]).toString('utf8', 0, n)) as unknown[], this.rows, first);
      first = this.firsts[i / 2];
    }
  }

  /** Forgets the segments (their bytes stay in the file until the join ends). */
  clear(): void {
    this.pending = [];
    this.segments = [];
    this.firsts = [];
    this.rows = new Uint32Array(0);
    this.records = 0;
  }
}
