/**
 * The CLI's and browser mode's printer draws the charts and prints the report in ONE Chromium page:
 * the printed document must never run script (it is in the page with script off), and a print must
 * leave the page as the charts need it (Plotly loaded, the report font in place) without loading
 * Plotly again; a print and a chart batch asked at once take turns.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReportAssets } from '../../../core/report/assets';
import { preparePage, printableSpec, renderChartsIn, type ChartPage } from '../../../core/report/charts';
import { childPids } from '../../../core/report/chromium-process';
import { chromiumPrinter } from '../../../core/report/pdf';

const hasChromium = fs.existsSync(process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium');
const { fontCss } = loadReportAssets();
const options = { pageSize: 'A4', headerTemplate: '<span></span>', footerTemplate: '<span></span>' } as const;
const spec = printableSpec({ id: 'a', title: 'a', data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }], layout: { xaxis: { title: { text: 'the x axis' } } } });
/** A document that would change its own text if any of its script ran. */
const HOSTILE = `<!DOCTYPE html><html><body><p id="t">static text</p>
<script>document.getElementById('t').textContent = 'SCRIPT RAN'</script>
<img src="x" onerror="document.getElementById('t').textContent = 'HANDLER RAN'"></body></html>`;

function pdfText(bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plb-print-')), 'a.pdf');
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe.skipIf(!hasChromium)('Chromium printer: one page for charts and print', { timeout: 120_000 }, () => {
  const printer = chromiumPrinter();
  afterAll(() => printer.close());

  it('prints with script off, then draws again without loading Plotly again', async () => {
    const scripts: string[] = [];
    const inner = await printer.chartPage();
    const page: ChartPage = { run: (s) => (scripts.push(s.slice(0, 30)), inner.run(s)), loadScript: (f) => (scripts.push('plotly'), inner.loadScript!(f)) };
    expect((await renderChartsIn(page, [spec], fontCss))[0]).toContain('the x axis');
    const text = pdfText(await printer.print(HOSTILE, options));
    expect(text).toContain('static text');
    expect(text).not.toMatch(/SCRIPT RAN|HANDLER RAN/);
    // The page is the chart page again: script on, Plotly still loaded, the report font in its head.
    expect(await inner.run(`[typeof Plotly, document.body.children.length, [...document.head.querySelectorAll('style')].some((s) => s.textContent.includes('Inter Report'))]`)).toEqual(['object', 0, true]);
    expect((await renderChartsIn(page, [spec], fontCss))[0]).toContain('the x axis');
    expect(scripts.filter((s) => s === 'plotly')).toHaveLength(1);
  });

  it('a print and a chart batch asked at once both finish, each whole', async () => {
    const page = await printer.chartPage();
    const [svgs, pdf] = await Promise.all([renderChartsIn(page, [spec, spec], fontCss), printer.print(HOSTILE, options)]);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toContain('the x axis');
    expect(pdfText(pdf)).toContain('static text');
  });
});

describe.skipIf(!hasChromium)('Chromium printer with a helper page (long-lived printers)', { timeout: 120_000 }, () => {
  const printer = chromiumPrinter({ helperPage: true });
  afterAll(() => printer.close());

  it('shares a batch between its two pages, each chart whole, and still prints with script off', async () => {
    const page = await printer.chartPage();
    const helper = page.helper!;
    expect(helper).toBeDefined();
    const byHelper: string[] = [];
    const watched: ChartPage = { run: page.run, loadScript: page.loadScript, helper: { run: (s) => (byHelper.push(s), helper.run(s)), loadScript: helper.loadScript } };
    await Promise.all([preparePage(watched, fontCss), preparePage(watched.helper!, fontCss)]);
    const svgs = await renderChartsIn(watched, [spec, spec, spec, spec], fontCss);
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) expect(svg).toContain('the x axis');
    expect(byHelper.filter((s) => s.includes('Plotly.toImage')).length).toBeGreaterThan(0);
    const text = pdfText(await printer.print(HOSTILE, options));
    expect(text).toContain('static text');
    expect(text).not.toMatch(/SCRIPT RAN|HANDLER RAN/);
    // The helper never held the document: still the blank chart page.
    expect(await helper.run(`[typeof Plotly, document.body.textContent.includes('static text'), document.title]`)).toEqual(['object', false, 'Plumbline report charts']);
  });
});

describe.skipIf(!hasChromium || !fs.existsSync('/proc/self/task'))('Chromium printer: close', { timeout: 120_000 }, () => {
  /** Live (not zombie) processes of the group `pid` led. */
  const liveInGroup = (pid: number) =>
    fs.readdirSync('/proc').filter((p) => {
      if (!/^\d+$/.test(p)) return false;
      try {
        const [state, , pgrp] = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return Number(pgrp) === pid && state !== 'Z';
      } catch {
        return false;
      }
    });
  /** The temporary profile Chromium `pid` was started with (playwright-core's --user-data-dir). */
  const profileOf = (pid: number) =>
    fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .find((a) => a.startsWith('--user-data-dir='))
      ?.slice('--user-data-dir='.length);

  it.each([false, true])('kills the whole browser and removes its temporary profile and folder before close() returns (helper page: %s)', async (helperPage) => {
    const kids = childPids();
    const printer = chromiumPrinter({ helperPage });
    if (helperPage) await renderChartsIn(await printer.chartPage(), [spec, spec], fontCss);
    expect(pdfText(await printer.print('<p>closing</p>', options))).toContain('closing');
    const fresh = [...childPids()].filter((p) => !kids.has(p));
    expect(fresh).toHaveLength(1);
    expect(liveInGroup(fresh[0]!).length).toBeGreaterThan(1);
    const profile = profileOf(fresh[0]!);
    expect(profile && fs.existsSync(profile)).toBe(true);
    // Chromium's single-instance socket lives in a folder it made in its TMPDIR, which a killed
    // browser never removes: the printer gives it a folder of its own and removes that.
    const singleton = path.dirname(fs.readlinkSync(path.join(profile!, 'SingletonSocket')));
    expect(path.basename(singleton)).toMatch(/^org\.chromium\.Chromium\./);
    const browserTmp = path.dirname(singleton);
    expect(path.basename(browserTmp)).toMatch(/^plumbline-chromium-/);
    await printer.close();
    expect(liveInGroup(fresh[0]!)).toEqual([]);
    expect(fs.existsSync(profile!)).toBe(false);
    expect(fs.existsSync(singleton)).toBe(false);
    expect(fs.existsSync(browserTmp)).toBe(false);
    await printer.close();
  });
});

describe.skipIf(!hasChromium)("Chromium printer: Plotly's code cache", { timeout: 120_000 }, () => {
  it('is written by the first page that loads Plotly and handed to the next, which draws the same chart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plb-chromium-cache-'));
    const was = process.env.PLUMBLINE_CODE_CACHE_DIR;
    process.env.PLUMBLINE_CODE_CACHE_DIR = dir;
    const draw = async () => {
      const printer = chromiumPrinter();
      try {
        const svg = (await renderChartsIn(await printer.chartPage(), [spec], fontCss))[0]!;
        // The cache comes after Plotly ran; the page is still open, so it is written by now or soon.
        for (let i = 0; i < 100 && !fs.readdirSync(dir).some((f) => f.startsWith('plotly-cartesian.min.js-')); i++) await new Promise((r) => setTimeout(r, 50));
        // Plotly's random ids (the graph's and each trace's) differ from draw to draw: named alike.
        const ids = new Set([...svg.matchAll(/(?:defs-|class="trace[^"]*trace)([0-9a-f]{6})/g)].map((m) => m[1]!));
        return [...ids].reduce((s, id) => s.split(id).join('UID'), svg);
      } finally {
        await printer.close();
      }
    };
    try {
      const first = await draw();
      const caches = fs.readdirSync(dir).filter((f) => f.startsWith('plotly-cartesian.min.js-') && f.endsWith('.v8cache'));
      expect(caches).toHaveLength(1);
      const written = fs.statSync(path.join(dir, caches[0]!)).mtimeMs;
      expect(await draw()).toBe(first);
      // Used, not produced again: the file is the one the first page wrote.
      expect(fs.statSync(path.join(dir, caches[0]!)).mtimeMs).toBe(written);
      expect(first).toContain('the x axis');
    } finally {
      if (was === undefined) delete process.env.PLUMBLINE_CODE_CACHE_DIR;
      else process.env.PLUMBLINE_CODE_CACHE_DIR = was;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
