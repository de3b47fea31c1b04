/**
 * Encoding of column chunks as BLOBs. Typed arrays are stored as their raw bytes (little-endian on
 * every platform Plumbline ships for), so reading a chunk back is a copy, not a parse.
 */
export type ChunkEncoding = 'f64' | 'dict' | 'str';

export function encodeF64(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

export function encodeCodes(codes: Int32Array): Buffer {
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
}

/** Copies into a fresh aligned buffer: SQLite's BLOB memory is neither aligned nor ours to keep. */
export function decodeF64(blob: Buffer): Float64Array {
  const out = new Float64Array(blob.byteLength / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export function decodeCodes(blob: Buffer): Int32Array {
  const out = new Int32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

/**
 * 'str' chunks hold high-cardinality text without a dataset-wide dictionary, so memory during an
 * import does not grow with the number of distinct values. Layout: int32 n, int32 lengths[n] in
 * UTF-16 code units (-1 = missing), then the UTF-8 bytes of all values concatenated. Lengths in
 * code units let the reader decode the whole chunk as one string and slice it.
 */
export function encodeStrings(cells: readonly (string | null)[]): Buffer {
  const n = cells.length;
  const head = new Int32Array(n + 1);
  head[0] = n;
  for (let i = 0; i < n; i++) {
    const s = cells[i];
    head[i + 1] = s === null ? -1 : s.length;
  }
  const body = Buffer.from(cells.join(''), 'utf8');
  return Buffer.concat([Buffer.from(head.buffer, head.byteOffset, head.byteLength), body]);
}

export function decodeStrings(blob: Buffer): (string | null)[] {
  const n = blob.readInt32LE(0);
  const text = blob.toString('utf8', 4 + 4 * n);
  const out = new Array<string | null>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = blob.readInt32LE(4 + 4 * i);
    if (len < 0) out[i] = null;
    else {
      out[i] = text.slice(at, at + len);
      at += len;
    }
  }
  return out;
}
