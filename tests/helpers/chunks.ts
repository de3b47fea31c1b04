import type { EncodedChunk } from '../../core/import/column-builder';

/** A builder's chunk as bytes, before the writer packs it (core/workspace/chunks.ts). */
export function rawBytes(chunk: EncodedChunk): Buffer {
  if (chunk.encoding === 'str') return chunk.blob;
  const a = chunk.encoding === 'f64' ? chunk.values : chunk.codes;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
