/**
 * Snappy decompression of a Parquet page in WebAssembly: hysnappy (Google's C decoder compiled by
 * hyparquet's author, ~3 KB of wasm, no dependencies), 1.5–3× faster than hyparquet's JS decoder on the bench
 * files' pages. hysnappy's own function copies each page into wasm memory and then slices a fresh
 * array out (fresh memory costs ~11 µs per 4 KB page on this VM); here the page is decoded in the
 * module's memory and handed on as a view of it, valid until the next call — as the JS decoder's shared
 * page buffer was (decoding is synchronous and copies the values out).
 *
 * hysnappy trusts the length in the stream's header, so it is checked against the page's size
 * first; then every failure of the C decoder (or a trap) is an error, as the JS decoder's are (messages
 * differ; tests/unit/import/snappy-wasm.test.ts compares outcomes on intact and damaged input).
 */
import { snappyUncompressor } from 'hysnappy';

interface SnappyExports {
  memory: WebAssembly.Memory;
  uncompress(input: number, inputLength: number, output: number): number;
}

/** Where hysnappy places the input: past the memory clang's C code uses (hysnappy's own offset). */
const INPUT_AT = 68_000;
const WASM_PAGE = 64 * 1024;

let module: SnappyExports | undefined;

/**
 * The instance hysnappy creates, caught as it is made: the package exports only functions that
 * slice their output, and its wasm bytes only inside them.
 */
function instance(): SnappyExports {
  if (module) return module;
  const Original = WebAssembly.Instance;
  let made: WebAssembly.Instance | undefined;
  WebAssembly.Instance = function (m: WebAssembly.Module, imports?: WebAssembly.Imports) {
    made = new Original(m, imports);
    return made;
  } as unknown as typeof WebAssembly.Instance;
  try {
    snappyUncompressor();
  } finally {
    WebAssembly.Instance = Original;
  }
  if (!made) throw new Error('hysnappy did not instantiate its module');
  module = made.exports as unknown as SnappyExports;
  return module;
}

/** The uncompressed length the stream declares (its varint preamble), or -1 when it has none. */
function declaredLength(input: Uint8Array): number {
  let n = 0;
  for (let i = 0, shift = 0; i < input.length && shift <= 28; i++, shift += 7) {
    const b = input[i];
    n += (b & 0x7f) * 2 ** shift;
    if (b < 128) return n;
  }
  return -1;
}

/**
 * Grows the module's memory for a page of `input` compressed bytes and `size` uncompressed ones,
 * and touches it: the first touch of fresh memory costs a page fault per 4 KB, which a thread
 * waiting for its work can pay ahead (parquet-worker.ts). Decoding grows it anyway as it goes.
 */
export function reserveSnappy(input: number, size: number): void {
  const { memory } = instance();
  const end = INPUT_AT + input + size;
  const had = memory.buffer.byteLength;
  if (had >= end) return;
  memory.grow(Math.ceil((end - had) / WASM_PAGE));
  new Uint8Array(memory.buffer, had).fill(0);
}

/** The `size` bytes `input` decompresses to, as a view of wasm memory valid until the next call. */
export function snappyUncompressWasm(input: Uint8Array, size: number): Uint8Array {
  if (size === 0 && input.length === 0) return new Uint8Array(0); // the JS decoder accepts an empty page
  const length = declaredLength(input);
  if (length < 0) throw new Error('invalid snappy length header');
  if (length !== size) throw new Error(`snappy page declares ${length} bytes, its header ${size}`);
  const { memory, uncompress } = instance();
  const outputAt = INPUT_AT + input.byteLength;
  const end = outputAt + size;
  if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / WASM_PAGE));
  new Uint8Array(memory.buffer).set(input, INPUT_AT);
  let result: number;
  try {
    result = uncompress(INPUT_AT, input.byteLength, outputAt);
  } catch (e) {
    throw new Error(`damaged snappy page (${(e as Error).message})`, { cause: e });
  }
  if (result !== 0) throw new Error(`damaged snappy page (hysnappy error ${result})`);
  return new Uint8Array(memory.buffer, outputAt, size);
}
