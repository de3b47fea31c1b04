/**
 * A chart page with a helper (a second page in its own renderer) shares a batch with it, a chart at
 * a time: every chart is drawn exactly once and comes back in document order; a helper that cannot
 * load Plotly or fails mid-batch hands its chart back and the page draws the rest; the page's own
 * failure fails the batch. Stand-in pages here (no Chromium): the real pair is in chromium-printer.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { renderChartsIn, type ChartPage } from '../../../core/report/charts';
import type { ChartSpec } from '../../../core/analyses/chart';
import { warmChromiumPrinter, type PdfPrinter } from '../../../core/report/pdf';

const specs: ChartSpec[] = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, title: `c${i}`, data: [], layout: { width: 10, height: 10 } }));

/**
 * A page that answers charts.ts's scripts: Plotly and the font "load", a draw returns one
 * `<svg>` per spec naming the page. `fail` decides, per script, whether the page throws.
 */
function fakePage(name: string, log: string[], opts: { drawMs?: number; fail?: (what: 'load' | 'draw', n: number) => boolean; helper?: ChartPage } = {}): ChartPage {
  let draws = 0;
  return {
    async run(script) {
      if (script === 'typeof Plotly') return 'undefined';
      const batch = /\}\)\((\[[\s\S]*\])\)$/.exec(script);
      if (!batch) {
        // Plotly's bundle, then the font script (which answers typeof Plotly).
        if (opts.fail?.('load', 0)) throw new Error(`${name} could not load`);
        return script.includes('document.fonts.load') ? 'object' : 0;
      }
      const drawn = JSON.parse(batch[1]) as ChartSpec[];
      await new Promise((r) => setTimeout(r, opts.drawMs ?? 1));
      if (opts.fail?.('draw', draws++)) throw new Error(`${name} failed`);
      log.push(...drawn.map((s) => `${name} ${s.id}`));
      return drawn.map((s) => `<svg xmlns="http://www.w3.org/2000/svg">${s.id} by ${name}</svg>`);
    },
    ...(opts.helper ? { helper: opts.helper } : {}),
  };
}

const ids = (svgs: string[]) => svgs.map((s) => /c\d+/.exec(s)![0]);

describe('a batch shared with a helper page', () => {
  it('draws every chart once, in document order, in both pages, with no namespace URL', async () => {
    const log: string[] = [];
    const page = fakePage('page', log, { drawMs: 5, helper: fakePage('helper', log, { drawMs: 5 }) });
    const svgs = await renderChartsIn(page, specs, '');
    expect(ids(svgs)).toEqual(specs.map((s) => s.id));
    expect(svgs.every((s) => !s.includes('xmlns'))).toBe(true);
    expect(log.map((l) => l.split(' ')[1]).sort()).toEqual(specs.map((s) => s.id).sort());
    expect(log.some((l) => l.startsWith('helper'))).toBe(true);
    expect(log.some((l) => l.startsWith('page'))).toBe(true);
  });

  it('draws all in the page when the helper cannot load Plotly', async () => {
    const log: string[] = [];
    const page = fakePage('page', log, { helper: fakePage('helper', log, { fail: (what) => what === 'load' }) });
    const svgs = await renderChartsIn(page, specs, '');
    expect(ids(svgs)).toEqual(specs.map((s) => s.id));
    expect(log.every((l) => l.startsWith('page'))).toBe(true);
  });

  it('takes back the chart of a helper that fails mid-batch', async () => {
    const log: string[] = [];
    const page = fakePage('page', log, { drawMs: 20, helper: fakePage('helper', log, { drawMs: 1, fail: (what, n) => what === 'draw' && n === 1 }) });
    const svgs = await renderChartsIn(page, specs, '');
    expect(ids(svgs)).toEqual(specs.map((s) => s.id));
    expect(log.filter((l) => l.startsWith('helper'))).toHaveLength(1);
    expect(log).toHaveLength(specs.length);
  });

  it("fails the batch when the page itself fails", async () => {
    const log: string[] = [];
    const page = fakePage('page', log, { fail: (what) => what === 'draw', helper: fakePage('helper', log, { drawMs: 50 }) });
    await expect(renderChartsIn(page, specs, '')).rejects.toThrow('page failed');
  });

  it('the warm printer offers the inner printer\'s helper, one object for its life', async () => {
    const log: string[] = [];
    const inner: PdfPrinter = {
      describe: async () => 'fake',
      print: async () => new Uint8Array(),
      chartPage: async () => fakePage('page', log, { helper: fakePage('helper', log) }),
      close: async () => undefined,
    };
    const p = warmChromiumPrinter(Infinity, () => inner);
    const page = await p.chartPage();
    expect(page.helper).toBeDefined();
    await page.helper!.run(`x})(${JSON.stringify([specs[0]])})`);
    await page.run(`x})(${JSON.stringify([specs[1]])})`);
    expect(log).toEqual(['helper c0', 'page c1']);
    await p.shutdown();
  });
});
