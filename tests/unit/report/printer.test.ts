import { describe, expect, it, vi } from 'vitest';
import { warmChromiumPrinter, type PdfPrinter } from '../../../core/report/pdf';

function fakePrinter(log: string[]): PdfPrinter {
  return {
    describe: async () => 'fake',
    print: async (html) => {
      log.push(`print ${html}`);
      return new Uint8Array([1]);
    },
    chartPage: async () => ({ run: async (script) => void log.push(`run ${script}`) }),
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

  it('keeps one chart page object for its life, answered by the current browser; never closes with Infinity', async () => {
    vi.useFakeTimers();
    try {
      const log: string[] = [];
      let made = 0;
      const p = warmChromiumPrinter(Infinity, () => {
        made++;
        return fakePrinter(log);
      });
      const page = await p.chartPage();
      await page.run('a');
      await p.close();
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
      expect(await p.chartPage()).toBe(page);
      await page.run('b');
      expect(made).toBe(1);
      expect(log).toEqual(['run a', 'run b']);
      await p.shutdown();
      await page.run('c');
      expect(made).toBe(2);
      expect(log).toEqual(['run a', 'run b', 'close', 'run c']);
      await p.shutdown();
    } finally {
      vi.useRealTimers();
    }
  });
});
