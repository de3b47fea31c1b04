import { describe, expect, it, vi } from 'vitest';
import { warmChromiumPrinter, type PdfPrinter } from '../../../core/report/pdf';

function fakePrinter(log: string[]): PdfPrinter {
  return {
    describe: async () => 'fake',
    print: async (html) => {
      log.push(`print ${html}`);
      return new Uint8Array([1]);
    },
    close: async () => void log.push('close'),
  };
}

describe('warm Chromium printer (browser mode)', () => {
  it('keeps one browser across exports and closes it after the idle time', async () => {
    vi.useFakeTimers();
    try {
      const log: string[] = [];
      let made = 0;
      const p = warmChromiumPrinter(1000, () => {
        made++;
        return fakePrinter(log);
      });
      await p.print('a', { pageSize: 'A4', headerTemplate: '', footerTemplate: '' });
      await p.close();
      await vi.advanceTimersByTimeAsync(500);
      await p.print('b', { pageSize: 'A4', headerTemplate: '', footerTemplate: '' });
      await p.close();
      expect(made).toBe(1);
      expect(log).toEqual(['print a', 'print b']);
      await vi.advanceTimersByTimeAsync(1001);
      expect(log).toEqual(['print a', 'print b', 'close']);
      await p.print('c', { pageSize: 'A4', headerTemplate: '', footerTemplate: '' });
      expect(made).toBe(2);
      await p.shutdown();
      expect(log.at(-1)).toBe('close');
    } finally {
      vi.useRealTimers();
    }
  });
});
