import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noContext } from '../../../core/api/context';
import { readCsv } from '../../../core/import/formats/csv';
import { fieldStrings, type RowSink } from '../../../core/import/formats/sink';
import { Problems } from '../../../core/import/problems';

const PIECES = ['a', 'b', ' ', '"', ',', ';', '\t', '\n', '\r\n', '\r', 'é', '😀', '""', '1', '.'];
const field = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 8 });

/** Quote a field when it needs it (or always), RFC 4180 style. */
function quote(s: string, always: boolean): string {
  return always || /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

async function parse(pieces: string[]): Promise<{ header: string[]; rows: string[][]; lines: number[] }> {
  const out = { header: [] as string[], rows: [] as string[][], lines: [] as number[] };
  const sink: RowSink = {
    columns: (names) => void out.header.push(...names),
    row: (cells, line) => {
      out.rows.push(cells.map((c) => c ?? '∅'));
      out.lines.push(line);
    },
    fields: (row) => {
      out.rows.push(fieldStrings(row));
      out.lines.push(row.line);
    },
  };
  await readCsv(Readable.from(pieces, { objectMode: true }), { delimiter: ',' }, sink, {
    ctx: noContext(),
    problems: new Problems('abort', 't.csv'),
    displayName: 't.csv',
    progress: () => undefined,
  });
  return out;
}

describe('CSV tokenizer', () => {
  it('reads back any table, however the text is cut into pieces, with the right line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((w) => fc.array(fc.array(field, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 })),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }),
        async (table, always, eol, cuts) => {
          const lines = table.map((r) => r.map((f) => quote(f, always)).join(','));
          const text = lines.join(eol) + eol;
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
          const pieces: string[] = [];
          let prev = 0;
          for (const c of at) {
            pieces.push(text.slice(prev, c));
            prev = c;
          }
          pieces.push(text.slice(prev));
          const got = await parse(pieces.filter((p) => p.length > 0));
          expect(got.header).toEqual(table[0]);
          expect(got.rows).toEqual(table.slice(1));
          // Each row starts on the line after the previous row's last line.
          let line = 1 + (table[0].join('').match(/\n/g)?.length ?? 0) + 1;
          table.slice(1).forEach((r, k) => {
            expect(got.lines[k]).toBe(line);
            line += 1 + (r.join('').match(/\n/g)?.length ?? 0);
          });
        },
      ),
      { numRuns: 1500 },
    );
  });
});
