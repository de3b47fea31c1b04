/**
 * Encoding of column chunks as BLOBs. Typed arrays are stored as their raw bytes (little-endian on
 * every platform Plumbline ships for), so reading a chunk back is a copy, not a parse.
 */
export type ChunkEncoding = 'f64' | 'dict';

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
