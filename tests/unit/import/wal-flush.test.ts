import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WalFlusher } from '../../../core/import/wal-flush';
import { DatasetWriter } from '../../../core/import/dataset-writer';
import { Workspace } from '../../../core/workspace/workspace';

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-wal-'));
  const file = path.join(dir, 'ws.db-wal');
  fs.writeFileSync(file, Buffer.alloc(4096));
  return file;
}

/** Whether a descriptor is still open. */
function isOpen(fd: number): boolean {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('WalFlusher', () => {
  it('flushes the WAL once per stretch of bytes written, never two flushes at a time', () => {
    const wal = tempFile();
    const queued: { fd: number; done: () => void }[] = [];
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: () => void) => {
      queued.push({ fd, done: cb });
    }) as typeof fs.fdatasync);
    const f = new WalFlusher(wal, 1000);
    f.wrote(999);
    expect(queued).toHaveLength(0);
    f.wrote(1);
    expect(queued).toHaveLength(1);
    // The descriptor is the WAL's own file.
    expect(fs.fstatSync(queued[0].fd).ino).toBe(fs.statSync(wal).ino);
    // Still flushing: bytes written meanwhile wait for the next flush, which the next write starts.
    f.wrote(5000);
    expect(queued).toHaveLength(1);
    queued[0].done();
    f.wrote(1);
    expect(queued).toHaveLength(2);
    queued[1].done();
    f.wrote(999);
    expect(queued).toHaveLength(2);
    f.wrote(1);
    expect(queued).toHaveLength(3);
    queued[2].done();
    f.close();
    expect(isOpen(queued[0].fd)).toBe(false);
    // Closed at the commit: nothing more is flushed.
    f.wrote(10_000);
    expect(queued).toHaveLength(3);
  });

  it('keeps the descriptor of a queued flush until it has run, then closes it', () => {
    const wal = tempFile();
    let pending: { fd: number; done: () => void } | undefined;
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: () => void) => {
      pending = { fd, done: cb };
    }) as typeof fs.fdatasync);
    const f = new WalFlusher(wal, 10);
    f.wrote(10);
    f.close();
    expect(isOpen(pending!.fd)).toBe(true);
    pending!.done();
    expect(isOpen(pending!.fd)).toBe(false);
  });

  it('does nothing without a WAL (not written yet, or an in-memory database)', () => {
    const sync = vi.spyOn(fs, 'fdatasync');
    const missing = new WalFlusher(path.join(os.tmpdir(), 'plumbline-no-such-dir', 'ws.db-wal'), 10);
    missing.wrote(100);
    missing.close();
    const memory = new WalFlusher(undefined, 10);
    memory.wrote(100);
    memory.close();
    expect(sync).not.toHaveBeenCalled();
  });

  it('flushes for real: the call completes on a real file', async () => {
    const wal = tempFile();
    const sync = vi.spyOn(fs, 'fdatasync');
    const f = new WalFlusher(wal, 10);
    f.wrote(10);
    expect(sync).toHaveBeenCalledTimes(1);
    const fd = sync.mock.calls[0][0] as number;
    f.close();
    // The real fdatasync runs on libuv's threads; its callback closes the descriptor.
    await vi.waitFor(() => expect(isOpen(fd)).toBe(false));
  });
});

describe('an import through DatasetWriter', () => {
  it('flushes its WAL while writing, and the committed dataset is whole', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-walimport-'));
    const db = path.join(dir, 'ws.db');
    const ws = new Workspace(db);
    const flushed: number[] = [];
    const real = fs.fdatasync;
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => {
      flushed.push(fs.fstatSync(fd).ino);
      real(fd, cb);
    }) as typeof fs.fdatasync);
    // 8 columns × 600,000 rows of doubles: 38 MB of chunks, past one 32 MB stretch.
    const rows = 600_000;
    const window = 65_536;
    const writer = DatasetWriter.create({ workspacePath: db, openOptions: {}, nullTokens: [] }, 'big', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const values = new Float64Array(window);
    for (let done = 0; done < rows; done += window) {
      const n = Math.min(window, rows - done);
      for (let k = 0; k < n; k++) values[k] = (done + k) / 3;
      writer.addWindow({ rows: n, line: done + 2, columns: Array.from({ length: 8 }, () => ({ kind: 'numbers' as const, type: 'real' as const, values: values.subarray(0, n), odd: new Map() })) });
    }
    expect(flushed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(flushed)).toEqual(new Set([fs.statSync(`${db}-wal`).ino]));
    writer.commit({ sourcePath: 'big.parquet', sizeBytes: 1, sha256: 'x', modifiedAt: null, format: 'parquet', parserSettings: {}, rowsRead: rows, rowsRejected: 0, startedAt: new Date().toISOString() });
    const ds = ws.dataset('big');
    expect(ds.rows).toBe(rows);
    const h = ws.readColumn(ds, ws.columns(ds.id)[7]);
    if (h.kind !== 'numeric') throw new Error('numeric expected');
    expect(h.values[rows - 1]).toBe((rows - 1) / 3);
    expect(h.values[123_457]).toBe(123_457 / 3);
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
