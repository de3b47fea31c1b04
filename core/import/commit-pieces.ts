import type { Db, OpenOptions } from '../workspace/open';
import { Checkpointer } from './checkpointer';
import { HOLD_BYTES, PIECE_BYTES } from './tuning';

/** One chunk row as the writer inserts it. */
export type ChunkRow = readonly [column: number, chunkIdx: number, rows: number, encoding: string, blob: Buffer];

/**
 * A new dataset's chunks committed in pieces, each piece checkpointed on a thread of its own
 * (checkpointer.ts) while the import goes on parsing. In one transaction, the import's COMMIT
 * copied the whole WAL (~150 MB for 1M rows × 27) into the database and fsynced it, and the
 * workspace's close unlinked that WAL: ~0.6 s on the import's thread at the end (strace -T). Here
 * the last COMMIT leaves only its last piece to copy.
 *
 * SQLite restarts the WAL from its start only when a writer begins a transaction after every
 * frame was copied: so after each piece the next one does not begin until the checkpointer is
 * done, and chunks written meanwhile are held in one reused arena (up to HOLD_BYTES; past that the
 * piece begins anyway and the WAL grows). The WAL then stays a piece or two long.
 *
 * The dataset's row says `pending` until the import's last transaction (pending-datasets.ts): no
 * reader sees a committed piece, and `abort` deletes them.
 */
export class PieceCommits {
  private bytes = 0;
  private inTransaction = true;
  private held: ChunkRow[] = [];
  private heldBytes = 0;
  private arena?: Buffer;
  private checkpointer?: Checkpointer;

  constructor(
    private readonly db: Db,
    private readonly insert: (row: ChunkRow) => void,
    private readonly openOptions: OpenOptions,
    private readonly pieceBytes = PIECE_BYTES,
    private readonly holdBytes = HOLD_BYTES,
  ) {}

  /** Whether a piece was committed: the dataset's row is in the file, pending. */
  get committed(): boolean {
    return this.checkpointer !== undefined;
  }

  /** A chunk: written now, or held (copied: the blob's memory is the caller's) until the next piece begins. */
  write(row: ChunkRow): void {
    if (!this.inTransaction) {
      const blob = row[4];
      if (!this.checkpointer!.idle && this.heldBytes + blob.byteLength <= this.holdBytes) {
        this.arena ??= Buffer.allocUnsafeSlow(this.holdBytes);
        const copy = this.arena.subarray(this.heldBytes, this.heldBytes + blob.byteLength);
        copy.set(blob);
        this.held.push([row[0], row[1], row[2], row[3], copy]);
        this.heldBytes += blob.byteLength;
        return;
      }
      this.begin();
    }
    this.insert(row);
    this.bytes += row[4].byteLength;
    if (this.bytes >= this.pieceBytes) this.commitPiece();
  }

  /** Inside the import's transaction, held chunks written: before reading chunks back, and before the last commit. */
  open(): void {
    if (!this.inTransaction) this.begin();
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    for (const row of this.held) {
      this.insert(row);
      this.bytes += row[4].byteLength;
    }
    this.held = [];
    this.heldBytes = 0;
  }

  private commitPiece(): void {
    if (!this.checkpointer) {
      // From now on this connection's commits leave the copying to the checkpointer.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new Checkpointer(this.db.name, this.openOptions);
    }
    this.db.exec('COMMIT');
    this.inTransaction = false;
    this.bytes = 0;
    this.checkpointer.ask();
  }

  /** After the last COMMIT: its piece checkpointed too (waited for), and the thread closed. */
  finish(): void {
    if (!this.checkpointer) return;
    this.checkpointer.ask();
    this.checkpointer.wait();
    this.checkpointer.close();
  }

  /** The import failed: the thread closed, held chunks dropped. The caller deletes committed pieces. */
  close(): void {
    this.checkpointer?.close();
    this.held = [];
    this.arena = undefined;
  }
}
