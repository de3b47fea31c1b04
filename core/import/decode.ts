import { isAscii } from 'node:buffer';
import { Transform, type Readable } from 'node:stream';
import { ctl, guide } from '../api/controls';
import { PlumblineError } from '../api/errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

/**
 * Thrown when a file without a byte-order mark turns out not to be UTF-8: the import starts over
 * reading it as Latin-1 (windows-1252), and the provenance records that.
 */
export class NotUtf8 extends Error {
  constructor(readonly offset: number) {
    super(`invalid UTF-8 at byte ${offset}`);
  }
}

export interface DecodedText {
  readonly text: Readable;
  /** The encoding in use; known once the first bytes have passed. */
  encoding(): TextEncoding;
  /** Whether the file started with a byte-order mark (known once the first bytes have passed). */
  hadBom(): boolean;
}

/**
 * Why the text was read in this encoding, in words for the provenance and the import result:
 * `invalidAt` is the offset of the first byte that was not UTF-8 when the import fell back to Latin-1.
 */
/** A reason as a sentence of its own. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function encodingReason(encoding: TextEncoding, hadBom: boolean, invalidAt?: number): string {
  if (encoding === 'latin1') {
    return `the file has no byte-order mark and is not valid UTF-8${invalidAt === undefined ? '' : ` (byte ${invalidAt} is not)`}, so it was read as Latin-1 (windows-1252), as Excel on Windows writes it; check accented characters`;
  }
  if (hadBom) return `the file starts with a ${encoding === 'utf-8' ? 'UTF-8' : encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} byte-order mark`;
  return 'the file is valid UTF-8';
}

/**
 * Bytes → text. A byte-order mark decides UTF-8 or UTF-16; without one the text must be valid
 * UTF-8, else NotUtf8 is raised (the caller retries as Latin-1). NUL bytes in 8-bit text mean a
 * binary file: an error naming the byte offset.
 */
export function decodeText(bytes: Readable, displayName: string, forced?: TextEncoding): DecodedText {
  let encoding: TextEncoding | undefined = forced;
  let decoder: TextDecoder | undefined;
  let started = false;
  let hadBom = false;
  let offset = 0;
  let head: Buffer | undefined;
  /** The bytes after the last line end of the previous read, decoded with the next piece. */
  let carry: Buffer | undefined;
  const text = new Transform({
    readableObjectMode: true,
    // Memory must not grow with the file: hold at most one decoded piece ahead of the parser.
    readableHighWaterMark: 1,
    writableHighWaterMark: 1 << 20,
    transform(chunk: Buffer, _enc, done) {
      try {
        if (!started) {
          // A BOM can straddle the first read only for absurdly small reads; keep 4 bytes to be sure.
          head = head ? Buffer.concat([head, chunk]) : chunk;
          if (head.length < 4) return done();
          chunk = begin(head);
          head = undefined;
        }
        for (const piece of decodePieces(chunk, false)) this.push(piece);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done) {
      try {
        if (!started) {
          for (const piece of decodePieces(begin(head ?? Buffer.alloc(0)), false)) this.push(piece);
          head = undefined;
        }
        for (const piece of decodePieces(Buffer.alloc(0), true)) this.push(piece);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });

  /** Settles the encoding from the first bytes; returns them without a UTF-8 mark, which is dropped here, once. */
  function begin(first: Buffer): Buffer {
    started = true;
    const bom = detectBom(first);
    hadBom = bom !== undefined;
    encoding ??= bom ?? 'utf-8';
    // fatal: invalid UTF-8 without a mark means Latin-1 (NotUtf8); ignoreBOM: the mark is dropped below.
    // Latin-1 needs no decoder (decodeWindows1252).
    if (encoding !== 'latin1') decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: encoding === 'utf-8' });
    if (!hadBom || encoding !== 'utf-8') return first;
    offset = 3;
    return first.subarray(3);
  }

  /** The text of the next bytes: no piece, one, or two (the line the previous read ended in, then the rest). */
  function decodePieces(chunk: Buffer, end: boolean): string[] {
    if (encoding === 'utf-8' || encoding === 'latin1') {
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        throw new PlumblineError(
          'BAD_INPUT',
          guide`${displayName}: byte ${offset + nul} is a NUL (0x00) byte: this looks like a binary file, not CSV or JSON Lines. If it is a Parquet file, import it ${ctl('format', 'parquet')}; if it is UTF-16 text without a byte-order mark, save it again as UTF-8.`,
          { byteOffset: offset + nul },
        );
      }
    }
    const pieces: string[] = [];
    const eightBit = encoding === 'utf-8' || encoding === 'latin1';
    if (carry && eightBit && !end) {
      // The line the previous read ended in, decoded on its own: gluing the carry onto the whole
      // read copied every 1 MB read into fresh memory. Cut after an LF (never between CR and LF).
      const lf = chunk.indexOf(LF);
      const first = lf >= 0 ? lf : chunk.indexOf(CR);
      if (first >= 0) {
        const line = Buffer.concat([carry, chunk.subarray(0, first + 1)]);
        const at = offset - carry.length;
        carry = undefined;
        pieces.push(decodeBytes(line, at, false));
        offset += first + 1;
        chunk = chunk.subarray(first + 1);
      }
    }
    let start = offset;
    if (carry) {
      chunk = Buffer.concat([carry, chunk]);
      start -= carry.length;
      carry = undefined;
    }
    offset = start + chunk.length;
    if (eightBit && !end) {
      // Pieces end at a line end: line-based readers parse a piece as it comes instead of gluing a
      // partial line onto the next one (a copy of every piece), and no UTF-8 sequence is ever cut
      // (CR and LF bytes are never part of one), so the decoder keeps no state between pieces.
      const cut = Math.max(chunk.lastIndexOf(LF), chunk.lastIndexOf(CR)) + 1;
      if (cut < chunk.length) {
        carry = Buffer.from(chunk.subarray(cut));
        chunk = chunk.subarray(0, cut);
      }
    }
    const rest = decodeBytes(chunk, start, end);
    if (rest) pieces.push(rest);
    return pieces.filter((p) => p.length > 0);
  }

  /** `chunk` (starting at byte `start` of the file) as text. */
  function decodeBytes(chunk: Buffer, start: number, end: boolean): string {
    const eightBit = encoding === 'utf-8' || encoding === 'latin1';
    // Nearly every log is ASCII: such a piece is the same text in UTF-8, Latin-1 and windows-1252,
    // and Latin-1 decoding makes a one-byte string — 4× faster to make and faster to parse.
    if (eightBit && isAscii(chunk)) return chunk.toString('latin1');
    if (encoding === 'latin1') return decodeWindows1252(chunk);
    let s: string;
    try {
      s = (decoder as TextDecoder).decode(chunk, { stream: !eightBit && !end });
    } catch {
      const at = start + Math.max(0, firstInvalidUtf8(chunk));
      if (!hadBom && !forced) throw new NotUtf8(at);
      throw new PlumblineError(
        'BAD_INPUT',
        `${displayName}: byte ${at} is not valid UTF-8 although the file starts with a UTF-8 byte-order mark. Save the file again as UTF-8, or convert it (e.g. iconv -f latin1 -t utf-8).`,
        { byteOffset: at },
      );
    }
    return s;
  }

  bytes.on('error', (e) => text.destroy(e));
  bytes.pipe(text);
  return { text, encoding: () => encoding ?? 'utf-8', hadBom: () => hadBom };
}

const LF = 0x0a;
const CR = 0x0d;

// Bytes 0x80–0x9F in windows-1252 (the WHATWG table; the five unassigned bytes map to themselves).
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';
const C1 = /[\x80-\x9f]/g;
const HAS_C1 = /[\x80-\x9f]/;

/**
 * windows-1252, what "Latin-1" files from Excel really are: Node 20's TextDecoder reads
 * 'windows-1252' as ISO-8859-1 (0x80 → U+0080 instead of €), so the 32 bytes that differ are mapped here.
 */
export function decodeWindows1252(bytes: Buffer): string {
  const s = bytes.toString('latin1');
  return HAS_C1.test(s) ? s.replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : s;
}

export function detectBom(b: Buffer): TextEncoding | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Index of the first byte that starts an invalid UTF-8 sequence (-1 if none; a truncated tail counts as valid). */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return -1;
      if ((b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}
