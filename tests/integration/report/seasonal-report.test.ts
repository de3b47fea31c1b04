/**
 * Issue #9 item 14 on real data: bike sharing (an extract of hour.csv, hours 0/6/12/18, split by
 * `yr`), 2011 as the reference and 2012 in weekly chunks. Before, every column got a chart and a
 * 54-row table — 38 pages — and mnth drifted in every chunk against the whole year. Now the
 * chapter is one table plus six charts, mnth and season are detected as seasonal, and with a
 * per-month reference they no longer drift in every chunk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, plumbline, ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const CHROMIUM = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
const hasTools = fs.existsSync(CHROMIUM) && spawnSync('pdftotext', ['-v']).error === undefined;

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Pages of a report well under the 38 the old chapter took; the seven chapters fit in 20. */
const MAX_PAGES = 20;

interface Series {
  column: string;
  seasonal: boolean;
  seasonality: { reference_chunks: number; drifted: number } | null;
  points: { drifted: boolean; reference_period?: string }[];
}
type Drift = { over_time: { seasonal_reference?: string; series: Series[] } };

const pair = ['--reference', 'bike2011', '--current', 'bike2012'];

beforeAll(() => {
  const lines = fs.readFileSync(path.join(ROOT, 'tests/fixtures/real/bike-hour-every6h.csv'), 'utf8').trim().split('\n');
  const yr = lines[0].split(',').indexOf('yr');
  for (const [name, year] of [['bike2011', '0'], ['bike2012', '1']]) {
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, [lines[0], ...lines.slice(1).filter((l) => l.split(',')[yr] === year)].join('\n') + '\n');
    json(plumbline(['import', file, '--name', name, '--type', 'dteday=timestamp:%Y%m%d', '--role', 'dteday=timestamp', '--json'], { db }));
  }
}, 120_000);

describe('seasonal columns in weekly drift over time (bike sharing)', { timeout: 180_000 }, () => {
  it('mnth and season are seasonal and drift in every week against the whole year; per month they do not', () => {
    const whole = json<Drift>(plumbline(['drift', ...pair, '--chunk', 'week', '--json'], { db })).over_time;
    const month = json<Drift>(plumbline(['drift', ...pair, '--chunk', 'week', '--seasonal-reference', 'month', '--json'], { db })).over_time;
    const of = (o: Drift['over_time'], c: string) => o.series.find((s) => s.column === c)!;
    for (const c of ['mnth', 'season']) {
      expect(of(whole, c).seasonal, c).toBe(true);
      expect(of(whole, c).seasonality!.drifted, c).toBeGreaterThan(of(whole, c).seasonality!.reference_chunks / 2);
      expect(of(whole, c).points.every((p) => p.drifted), c).toBe(true);
      const drifted = of(month, c).points.filter((p) => p.drifted).length;
      expect(drifted, c).toBeLessThan(of(month, c).points.length / 2);
    }
    // hr (hours 0/6/12/18 every day) is the same all year: not seasonal, not drifted.
    expect(of(whole, 'hr').seasonal).toBe(false);
    expect(month.seasonal_reference).toBe('month');
    expect(of(month, 'mnth').points[5].reference_period).toMatch(/^(Jan|Feb)/);
    expect(of(whole, 'mnth').points.length).toBeGreaterThan(50);
  });

  it.skipIf(!hasTools)('the PDF stays short: one table for every column, the seasonal note, six charts', () => {
    for (const extra of [[], ['--seasonal-reference', 'month']]) {
      const out = json<{ path: string; pages: number }>(plumbline(['report', ...pair, '--chunk', 'week', ...extra, '--time-zone', 'UTC', '--out', path.join(dir, `bike${extra.length}.pdf`), '--json'], { db }));
      expect(out.pages).toBeLessThanOrEqual(MAX_PAGES);
      const text = execFileSync('pdftotext', ['-layout', out.path, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/Charts of the 6 most drifted columns/);
      expect(text).toMatch(/season,\s+mnth,[^]*vary\s+with\s+the\s+season\s+in\s+the\s+reference\s+itself/);
      expect(text).toMatch(/Every column/);
      expect(text).toMatch(/mnth\s+wasserstein\s+\d+ \/ \d+\s+\S+\s+\S+\s+yes/);
      if (extra.length) expect(text).toMatch(/compared\s+with\s+the\s+reference\s+rows\s+of\s+the\s+same\s+months/);
      else expect(text).toMatch(/compare\s+like\s+with\s+like/);
      expect(plumbline(['report', '--verify', out.path], { db }).status).toBe(0);
    }
    const fewer = json<{ pages: number }>(plumbline(['report', ...pair, '--chunk', 'week', '--over-time-charts', '0', '--sections', 'over-time', '--out', path.join(dir, 'none.pdf'), '--json'], { db }));
    expect(fewer.pages).toBeLessThanOrEqual(8);
  });
});
