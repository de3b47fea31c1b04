import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, NotUtf8, type TextEncoding } from '../../../core/import/decode';

/** Decodes `bytes` fed in pieces cut at `cuts`, as a file read would deliver them. */
async function decodeIn(bytes: Buffer, cuts: number[], forced?: TextEncoding): Promise<string> {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const c of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    pieces.push(bytes.subarray(from, c));
    from = c;
  }
  pieces.push(bytes.subarray(from));
  const { text } = decodeText(Readable.from(pieces), 'f.csv', forced);
  let out = '';
  for await (const s of text as AsyncIterable<string>) out += s;
  return out;
}

describe('decodeText', () => {
  it('gives the same text whatever the read boundaries, ASCII and multi-byte pieces mixed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('é', '€', '😀', '\uFEFF', 'ä,b\n', '中文', '\r\n', '\r', '\n', 'x\n')), { maxLength: 40 }), fc.array(fc.nat(400), { maxLength: 12 }), async (parts, cuts) => {
        const text = `h${parts.join('')}`;
        expect(await decodeIn(Buffer.from(text, 'utf8'), cuts)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('drops a leading UTF-8 byte-order mark once, keeps U+FEFF met later even at the start of a piece', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n\uFEFFx,y\n', 'utf8')]);
    expect(await decodeIn(bytes, [7])).toBe('a,b\n\uFEFFx,y\n');
    expect(await decodeIn(bytes, [2, 3, 4])).toBe('a,b\n\uFEFFx,y\n');
  });

  it('reports invalid UTF-8 (NotUtf8) at its file offset, across pieces', async () => {
    const bytes = Buffer.concat([Buffer.from('abc,déf\n', 'utf8'), Buffer.from([0x41, 0xe9, 0x42])]);
    const err = await decodeIn(bytes, [3, 10]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotUtf8);
    expect((err as NotUtf8).offset).toBe(10);
    // A sequence cut off by the end of the file is invalid too.
    const cutOff = await decodeIn(Buffer.from([0x61, 0x0a, 0xe2, 0x82]), [3]).catch((e: unknown) => e);
    expect(cutOff).toBeInstanceOf(NotUtf8);
  });

  it('hands on pieces that end at a line end, so a reader never glues a partial line onto the next piece', async () => {
    const bytes = Buffer.from('id,name\r\n1,é\n2,b\r3,c\n4,d', 'utf8');
    const { text } = decodeText(Readable.from([bytes.subarray(0, 5), bytes.subarray(5, 12), bytes.subarray(12, 16), bytes.subarray(16)]), 'f.csv');
    const pieces: string[] = [];
    for await (const s of text as AsyncIterable<string>) pieces.push(s);
    expect(pieces.join('')).toBe('id,name\r\n1,é\n2,b\r3,c\n4,d');
    // Every piece but the last ends with CR or LF; none is empty.
    expect(pieces.slice(0, -1).every((p) => /[\r\n]$/.test(p))).toBe(true);
    expect(pieces.every((p) => p.length > 0)).toBe(true);
  });

  it('hands on the line a read ends in as a piece of its own, whole CRLFs, offsets kept', async () => {
    const { text } = decodeText(Readable.from([Buffer.from('a,b\r\n1,2'), Buffer.from('3\r\n4,5\r\n6'), Buffer.from('7\r'), Buffer.from('\n8,9\n')]), 'f.csv');
    const pieces: string[] = [];
    for await (const s of text as AsyncIterable<string>) pieces.push(s);
    expect(pieces).toEqual(['a,b\r\n', '1,23\r\n', '4,5\r\n', '67\r', '\n8,9\n']);
    // Invalid UTF-8 in the line carried over from the previous read: its offset in the file.
    const bytes = Buffer.concat([Buffer.from('ab\ncd'), Buffer.from([0x41, 0xe9, 0x42]), Buffer.from('x\nyy\n')]);
    const err = await decodeIn(bytes, [5]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotUtf8);
    expect((err as NotUtf8).offset).toBe(6);
  });

  it('reads Latin-1 (windows-1252) text the same with ASCII pieces in between', async () => {
    const bytes = Buffer.from([0x61, 0x2c, 0xe9, 0x0a, 0x62, 0x2c, 0x63, 0x0a, 0x80, 0x0a]);
    expect(await decodeIn(bytes, [4, 8], 'latin1')).toBe('a,é\nb,c\n€\n');
  });

  it('maps 0x80–0x9F as windows-1252 does (what Python\'s cp1252 gives), not as ISO-8859-1', () => {
    // python3 -c "print(bytes(range(0x80,0xa0)).decode('cp1252', errors='replace'))", the five
    // unassigned bytes (0x81 0x8D 0x8F 0x90 0x9D) kept as themselves, as WHATWG decoders do.
    const expected = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';
    expect(decodeWindows1252(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)))).toBe(expected);
    expect(decodeWindows1252(Buffer.from([0x93, 0x71, 0x94, 0xe9, 0xff]))).toBe('“q”éÿ');
    expect(decodeWindows1252(Buffer.from([0x93]))).toBe('“'); // twice: no regex state left over
  });
});
