import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { PlumblineError } from '../api/errors';

/** A file opened for import: its size, and a text stream that hashes the bytes as they pass. */
export interface OpenedSource {
  readonly path: string;
  readonly sizeBytes: number;
  readonly modifiedAt: string;
  readonly text: NodeJS.ReadableStream;
  /** Bytes read so far. */
  bytesRead(): number;
  /** SHA-256 of every byte read; call once the stream has ended. */
  sha256(): string;
}

export function openSource(file: string): OpenedSource {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new PlumblineError('NOT_FOUND', `${file}: no such file. Check the path and try again.`);
  }
  if (!stat.isFile()) throw new PlumblineError('BAD_INPUT', `${file}: not a regular file.`);
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let first = true;
  // Hashing and decoding in one pass; StringDecoder keeps multi-byte characters split across
  // read boundaries intact, which Buffer#toString on each piece would not.
  const decode = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      let s = decoder.write(chunk);
      if (first && s.length > 0) {
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // UTF-8 byte-order mark
        first = false;
      }
      done(null, s);
    },
    flush(done) {
      done(null, decoder.end());
    },
  });
  const text = fs.createReadStream(abs, { highWaterMark: 1 << 20 }).on('error', (e) => decode.destroy(e)).pipe(decode);
  let digest: string | undefined;
  return {
    path: abs,
    sizeBytes: stat.size,
    modifiedAt: stat.mtime.toISOString(),
    text,
    bytesRead: () => bytes,
    sha256: () => (digest ??= hash.digest('hex')),
  };
}
