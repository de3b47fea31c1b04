import { Worker } from 'node:worker_threads';

export interface FileHash {
  /** SHA-256 (hex) of the file's bytes, and how many bytes that was. */
  readonly result: Promise<{ readonly sha256: string; readonly bytes: number }>;
  /** Stops the hashing (an import that failed or was cancelled). */
  stop(): void;
}

// Inline source: the worker must run from the bundled CLI, the engine worker and Electron alike,
// with no file of its own to locate.
const HASHER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
const buf = Buffer.allocUnsafe(1 << 20);
let fd;
try {
  fd = fs.openSync(workerData.file, 'r');
  let bytes = 0;
  for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) {
    hash.update(buf.subarray(0, n));
    bytes += n;
  }
  parentPort.postMessage({ sha256: hash.digest('hex'), bytes });
} catch (e) {
  parentPort.postMessage({ error: String(e && e.message || e) });
} finally {
  if (fd !== undefined) fs.closeSync(fd);
}
`;

/**
 * Hashes a file on a thread of its own while the import parses it on this one: SHA-256 of a
 * 176 MB file is ~5% of the import's time, and the second read comes from the page cache. The
 * import compares the byte count with the file's size, and its size and mtime at the end, so the
 * hash is of the bytes imported.
 */
export function hashFileInBackground(file: string): FileHash {
  const worker = new Worker(HASHER, { eval: true, workerData: { file } });
  worker.unref();
  const result = new Promise<{ sha256: string; bytes: number }>((resolve, reject) => {
    worker.once('message', (m: { sha256?: string; bytes?: number; error?: string }) => {
      if (m.error !== undefined || m.sha256 === undefined) reject(new Error(m.error ?? 'no hash'));
      else resolve({ sha256: m.sha256, bytes: m.bytes ?? 0 });
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('hashing stopped')));
  });
  // Nobody may be waiting when the import fails first; the failure is the import's to report.
  result.catch(() => undefined);
  return { result, stop: () => void worker.terminate() };
}
