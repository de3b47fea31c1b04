import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeUtf8Length, decodeText, NotUtf8, type TextEncoding } from '../../../core/import/decode';

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
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('é', '€', '😀', '\uFEFF', 'ä,b\n', '中文')), { maxLength: 40 }), fc.array(fc.nat(400), { maxLength: 12 }), async (parts, cuts) => {
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

  it('reads Latin-1 (windows-1252) text the same with ASCII pieces in between', async () => {
    const bytes = Buffer.from([0x61, 0x2c, 0xe9, 0x0a, 0x62, 0x2c, 0x63, 0x0a, 0x80, 0x0a]);
    expect(await decodeIn(bytes, [4, 8], 'latin1')).toBe('a,é\nb,c\n€\n');
  });

  it('completeUtf8Length leaves out only an unfinished trailing sequence', () => {
    const euro = Buffer.from('€', 'utf8'); // e2 82 ac
    expect(completeUtf8Length(Buffer.from('ab'))).toBe(2);
    expect(completeUtf8Length(Buffer.concat([Buffer.from('a'), euro]))).toBe(4);
    expect(completeUtf8Length(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]))).toBe(1);
    expect(completeUtf8Length(Buffer.concat([Buffer.from('a'), euro.subarray(0, 1)]))).toBe(1);
    const emoji = Buffer.from('😀', 'utf8');
    expect(completeUtf8Length(emoji.subarray(0, 3))).toBe(0);
    expect(completeUtf8Length(emoji)).toBe(4);
  });
});
