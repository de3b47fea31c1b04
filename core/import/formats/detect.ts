import fs from 'node:fs';
import type { ImportFormat } from '../../api/types';

/** The format from the extension (ignoring .gz), else from the first bytes. */
export function detectFormat(file: string): ImportFormat {
  const base = file.toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|txt)$/.test(base)) return 'csv';
  if (/\.(tsv|tab)$/.test(base)) return 'tsv';
  if (/\.(jsonl|ndjson|json)$/.test(base)) return 'jsonl';
  if (/\.(parquet|pq)$/.test(base)) return 'parquet';
  const head = readHead(file, 64);
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  return /^(\xef\xbb\xbf)?\s*\{/.test(head.toString('latin1')) ? 'jsonl' : 'csv';
}

export function readHead(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, fs.readSync(fd, buf, 0, n, 0));
  } finally {
    fs.closeSync(fd);
  }
}
