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
 * Electron). Node 20's V8 has the same method behind a staged flag; a flag shapes only contexts made
 * after it is set, so the method is taken from one fresh context. That context costs ~6 ms, so on
 * Node 20 it is made only once a run has read enough BLOB bytes for the saved page faults to repay it.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type Transfer = (this: ArrayBuffer, newLength?: number) => ArrayBuffer;

/** BLOB bytes read before Node 20 pays for a context: its ~6 ms in page faults (ski rental: never worse than twice the best choice). */
const CONTEXT_PAYS_AFTER_BYTES = 2 * 2 ** 20;

const native = (ArrayBuffer.prototype as { transfer?: Transfer }).transfer;
let transfer: Transfer | null | undefined = typeof native === 'function' ? native : undefined;
let bytesSeen = 0;

/**
 * Frees `buf`'s memory now when `buf` owns all of it (as better-sqlite3's BLOBs do); `buf` must not
 * be used afterwards. A view on part of a shared buffer (Node's small-Buffer pool) is left alone.
 */
export function releaseBuffer(buf: Uint8Array): void {
  const ab = buf.buffer;
  if (buf.byteOffset !== 0 || buf.byteLength !== ab.byteLength || !(ab instanceof ArrayBuffer)) return;
  if (transfer === undefined) {
    bytesSeen += buf.byteLength;
    if (bytesSeen < CONTEXT_PAYS_AFTER_BYTES) return;
    transfer = stagedTransfer();
  }
  transfer?.call(ab, 0);
}

/** Node 20: V8 11.3's staged ArrayBuffer.prototype.transfer, from a fresh context; null when absent. */
function stagedTransfer(): Transfer | null {
  try {
    v8.setFlagsFromString('--harmony-rab-gsab-transfer');
    const fn = vm.runInNewContext('ArrayBuffer.prototype.transfer') as unknown;
    return typeof fn === 'function' ? (fn as Transfer) : null;
  } catch {
    return null;
  } finally {
    v8.setFlagsFromString('--no-harmony-rab-gsab-transfer');
  }
}
