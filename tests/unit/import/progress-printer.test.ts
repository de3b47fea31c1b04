import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../../core/cli/output';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { isTTY, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

describe('CLI import progress', () => {
  it('shows percent, bytes, rows with their rate, byte rate and ETA on a terminal, and clears the line', async () => {
    const { stream, text } = fakeStream(true);
    const p = progressPrinter(stream);
    await new Promise((r) => setTimeout(r, 20));
    p.update(500_000, 2_000_000, 10_000);
    expect(text()).toMatch(/^\r\x1b\[K25\.0% {2}500 KB of 2\.00 MB {2}10,000 rows \([\d,]+\/s\) {2}[\d.]+ [KMG]?B\/s {2}ETA \d+ s$/);
    p.end();
    expect(text().endsWith('\r\x1b[K')).toBe(true);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const { stream, text } = fakeStream(false);
    const p = progressPrinter(stream);
    p.update(1, 2, 3);
    p.end();
    expect(text()).toBe('');
  });
});
