/// <reference lib="dom" />
/**
 * The Operations and Correlation screens in browser mode: the demo log's latency percentiles,
 * throughput and predicted-positive rate equal `plumbline operations --json`, with a baseline;
 * the charts drawn by Plotly; Correlation's largest changes equal `plumbline correlation --json`,
 * and hostile column names stay text. Screenshots at 1280×800 go to test-results/screens/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, ROOT, test, failOnPageErrors } from './fixtures';

const CLI = path.join(ROOT, 'bin/plumbline.js');

failOnPageErrors();

/** As the screen prints a figure: four significant digits, grouped. */
const fmt = (v: number | null) => (v === null ? '—' : Number(v.toPrecision(4)).toLocaleString('en-US'));

function cli<T>(db: string, args: string[]): T {
  return JSON.parse(execFileSync(process.execPath, [CLI, '--db', db, ...args, '--json'], { encoding: 'utf8' })) as T;
}

/** By keyboard, as datasets.spec.ts reaches the other screens: focus the link, Enter, the heading takes focus. */
async function open(page: Page, name: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Charts mount when scrolled near (LazySpecChart), so the chart is brought into view first. */
async function chartDrawn(page: Page, id: string): Promise<void> {
  await page.locator(`[data-chart="${id}"]`).first().scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate((c) => document.querySelector<HTMLElement>(`[data-chart="${c}"]`)?.dataset.plotted === c && !!document.querySelector(`[data-chart="${c}"] .main-svg`), id), { timeout: 30_000 }).toBe(true);
}

interface OpsJson {
  latency: { p50: number; p95: number; p99: number };
  throughput: { rows_per_hour: number };
  predictions: { predicted_positive_rate: number };
  by_version: { version: string; latency: { p99: number } }[];
  reference: { latency: { p99: number } } | null;
}

test('operations screen: the demo log equals the CLI, with a baseline; charts drawn', async ({ page, server, shot }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, server);
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await open(page, 'Operations');
  await page.getByRole('combobox', { name: /^Dataset/ }).selectOption('demo-current');
  await expect(page.locator('[data-testid="ops-lead"]')).toContainText('demo-current', { timeout: 30_000 });

  const want = cli<OpsJson>(server.db, ['operations', '--dataset', 'demo-current']);
  for (const k of ['p50', 'p95', 'p99'] as const) await expect(page.locator(`.ops-card[data-field="${k}"] dd`)).toContainText(fmt(want.latency[k]));
  await expect(page.locator('.ops-card[data-field="throughput"] dd')).toContainText(fmt(want.throughput.rows_per_hour));
  await expect(page.locator('.ops-card[data-field="positive_rate"] dd')).toContainText(`${(100 * want.predictions.predicted_positive_rate).toFixed(1)}%`);
  for (const v of want.by_version) await expect(page.locator(`table.ops-versions tr[data-row="version=${v.version}"] [data-field="p99"]`)).toHaveText(fmt(v.latency.p99));
  await chartDrawn(page, 'latency-over-time');
  await shot('operations-demo');

  await page.getByLabel('Baseline (reference)').selectOption('demo-reference');
  await page.getByLabel('Chunks').selectOption('week');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const withRef = cli<OpsJson>(server.db, ['operations', '--dataset', 'demo-current', '--reference', 'demo-reference', '--chunk', 'week']);
  await expect(page.locator('.ops-card[data-field="p99"] .ops-card__base')).toHaveText(`reference ${fmt(withRef.reference!.latency.p99)}`, { timeout: 30_000 });
  await expect(page.locator('table.ops-chunks tbody tr')).toHaveCount(8);
  await chartDrawn(page, 'latency-over-time');
  await shot('operations-demo-baseline');
  await chartDrawn(page, 'volume-by-hour');
  await chartDrawn(page, 'score-histogram');
  await shot('operations-demo-predictions');
});

test('operations screen: a log with HTTP status codes shows its error rate per chunk and per version', async ({ page, server, shot, writeFile }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  // 6,000 requests over 10 days; v2 errs more (every 20th request) and a burst of 503s on day 6.
  const t0 = Date.UTC(2026, 10, 2);
  const lines = ['ts,latency_ms,http_status,model_version,score'];
  for (let i = 0; i < 6000; i++) {
    const v2 = i % 3 === 0;
    const day = Math.floor(i / 600);
    const status = (v2 && i % 20 === 0) || (day === 6 && i % 7 === 0) ? 503 : i % 50 === 1 ? 404 : 200;
    lines.push(`${new Date(t0 + i * 144_000).toISOString()},${(40 + (i % 97) + (v2 ? 15 : 0) + (i % 400 === 0 ? 600 : 0)).toFixed(1)},${status},${v2 ? 'v2' : 'v1'},${((i * 37) % 100) / 100}`);
  }
  const file = writeFile('log.csv', `${lines.join('\n')}\n`);
  execFileSync(process.execPath, [CLI, '--db', server.db, 'import', file, '--name', 'api-log'], { encoding: 'utf8' });
  const want = cli<OpsJson & { error_rate: number; by_version: { version: string; error_rate: number }[] }>(server.db, ['operations', '--dataset', 'api-log']);
  expect(want.error_rate).toBeGreaterThan(0);
  await openApp(page, server);
  await open(page, 'Operations');
  await expect(page.locator('[data-testid="ops-lead"]')).toContainText('api-log', { timeout: 30_000 });
  await expect(page.locator('.ops-card[data-field="error_rate"] dd')).toHaveText(`${(100 * want.error_rate).toFixed(2)}%`);
  for (const v of want.by_version) await expect(page.locator(`table.ops-versions tr[data-row="version=${v.version}"] [data-field="error_rate"]`)).toHaveText(`${(100 * v.error_rate).toFixed(2)}%`);
  await chartDrawn(page, 'error-rate-over-time');
  await shot('operations-status-codes');
  // Per model version over time: latency P50/P95/P99, throughput and error rate, one line per version.
  for (const id of ['latency-by-version-over-time', 'throughput-by-version-over-time', 'error-rate-by-version-over-time']) await chartDrawn(page, id);
  await page.getByRole('heading', { name: 'Over time by model_version' }).scrollIntoViewIfNeeded();
  await shot('operations-by-version');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('heading', { name: 'Over time by model_version' }).scrollIntoViewIfNeeded();
  await shot('operations-by-version-1024x768');
});

interface CorrJson { largest_changes: { a: string; b: string; change: number | null }[] }

test('correlation screen: largest changes equal the CLI; heatmaps; hostile column names stay text', async ({ page, server, shot, writeFile }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const hostile = '<img src=x onerror=alert(1)>';
  const rows = (f: (i: number) => number[]) => Array.from({ length: 40 }, (_, i) => f(i).join(',')).join('\n');
  const head = `a,"${hostile}",c\n`;
  const ref = writeFile('ref.csv', head + rows((i) => [i, 2 * i + (i % 3), 7]));
  const cur = writeFile('cur.csv', head + rows((i) => [i, 40 - i + (i % 5), i % 2]));
  for (const [file, name] of [[ref, 'ref'], [cur, 'cur']]) execFileSync(process.execPath, [CLI, '--db', server.db, 'import', file, '--name', name, '--role', `${hostile}=feature`, '--role', 'a=feature', '--role', 'c=feature'], { encoding: 'utf8' });
  await openApp(page, server);
  await open(page, 'Correlation');
  await page.getByLabel('Reference', { exact: true }).selectOption('ref');
  await page.getByLabel('Current', { exact: true }).selectOption('cur');
  await expect(page.locator('[data-testid="corr-lead"]')).toContainText('ref', { timeout: 30_000 });
  await page.getByLabel('Method').selectOption('spearman');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-testid="corr-lead"]')).toContainText('Spearman', { timeout: 30_000 });
  const want = cli<CorrJson>(server.db, ['correlation', '--reference', 'ref', '--current', 'cur', '--method', 'spearman']);
  const first = want.largest_changes[0];
  const row = page.locator('table.corr-changes tbody tr').first();
  await expect(row.locator('th')).toHaveText(`${first.a} × ${first.b}`);
  await expect(row.locator('[data-field="change"]')).toHaveText(`${first.change! > 0 ? '+' : ''}${first.change!.toFixed(3)}`);
  await expect(page.getByText('Undefined (a constant column')).toBeVisible();
  await chartDrawn(page, 'correlation:change');
  // The name is shown as text on the axis, and no element came from it.
  expect(await page.locator('[data-chart="correlation:change"] .xtick text').allTextContents()).toContain(hostile);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await shot('correlation-hostile');
});
