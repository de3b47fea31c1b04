/**
 * Frees a BLOB's Buffer as soon as its bytes are copied out, instead of at the next garbage
 * collection.
 *
 * Why: better-sqlite3 copies every BLOB into a fresh Buffer, and V8 frees a Buffer's memory only
 * when it collects the Buffer — after tens of MB of them. So a 1M-row column read faulted in a new
 * 512 KB Buffer per chunk, on top of the column itself: first touches of fresh memory cost ~11 µs
 * per 4 KB page on our VMs, most of a column read. Released at once, the next chunk's Buffer reuses
 * the same memory (malloc hands it back), and a read touches fresh memory about once per byte: the
 * column it returns.
 *
 * How: `ArrayBuffer.prototype.transfer(0)` detaches the buffer and drops its memory now (Node ≥ 22,
 * Electron). Node 20 lacks it; there, posting the buffer as a transferable to a closed MessagePort
 * does the same — a closed port still detaches what it is given (the HTML spec's rule, which Node
 * follows) and, with nowhere to deliver it, frees it.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';

type Transfer = (this: ArrayBuffer, newLength?: number) => ArrayBuffer;

const transfer = (ArrayBuffer.prototype as { transfer?: Transfer }).transfer;
/** Node 20's closed port; null once it has failed (then nothing is released early). */
let sink: MessagePort | null | undefined;

/**
 * Frees `buf`'s memory now when `buf` owns all of it (as better-sqlite3's BLOBs do); `buf` reads as
 * empty afterwards. A view on part of a shared buffer (Node's small-Buffer pool) is left alone.
 */
export function releaseBuffer(buf: Uint8Array): void {
  const ab = buf.buffer;
  if (buf.byteOffset !== 0 || buf.byteLength !== ab.byteLength || !(ab instanceof ArrayBuffer)) return;
  if (typeof transfer === 'function') {
    transfer.call(ab, 0);
    return;
  }
  if (sink === null) return;
  try {
    if (!sink) {
      sink = new MessageChannel().port1;
      sink.close();
    }
    sink.postMessage(null, [ab]);
  } catch {
    // A runtime where a closed port refuses messages: Buffers are then freed by the GC, as before.
    sink = null;
  }
}
