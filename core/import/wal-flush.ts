import fs from 'node:fs';

/** Bytes written to the WAL between two background flushes. */
const FLUSH_EVERY_BYTES = 32 << 20;

/**
 * Flushes an import's WAL to disk in the background while the import goes on writing. The import
 * commits with a checkpoint, which first fsyncs the whole WAL (the ~200 MB of a 1M-row file), then
 * copies it into the database and fsyncs that: the first fsync was a wait of 0.2–0.3 s at the end
 * of every large import. Flushed as it grows (fdatasync on libuv's threads, while this thread
 * parses), the WAL is already on disk when the checkpoint asks for it.
 *
 * Only extra fsyncs: what SQLite syncs, and when, is unchanged, and so are atomicity and
 * durability. Best effort — any error (no WAL yet, a file system without fdatasync) just skips
 * the flush. The descriptor is closed at the commit (or abort), as soon as no flush is queued on
 * it: held open, it would keep a deleted WAL's blocks allocated.
 */
export class WalFlusher {
  private fd: number | undefined;
  private inFlight = false;
  private unflushed = 0;
  private closed = false;

  /** `walPath` undefined: nothing to flush (an in-memory database). */
  constructor(
    private readonly walPath: string | undefined,
    private readonly everyBytes = FLUSH_EVERY_BYTES,
  ) {}

  /** The import wrote `bytes` more to the database (and so, sooner or later, to the WAL). */
  wrote(bytes: number): void {
    this.unflushed += bytes;
    if (this.unflushed < this.everyBytes || this.inFlight || this.closed || !this.walPath) return;
    try {
      this.fd ??= fs.openSync(this.walPath, 'r+');
    } catch {
      return;
    }
    this.unflushed = 0;
    this.inFlight = true;
    fs.fdatasync(this.fd, () => {
      this.inFlight = false;
      if (this.closed) this.closeFd();
    });
  }

  /** Before the commit. A flush still queued keeps the descriptor until it has run (then closes it). */
  close(): void {
    this.closed = true;
    if (!this.inFlight) this.closeFd();
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fs.closeSync(fd);
    } catch {
      // Nothing to undo: the descriptor was only ever used for fdatasync.
    }
  }
}
