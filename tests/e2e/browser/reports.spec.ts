/// <reference lib="dom" />
/**
 * The Reports screen in browser mode: the demo pair, the live preview of the report's HTML in a
 * sandboxed frame, a PDF export that arrives as a download (its SHA-256 in the summary and the
 * history), verification of that PDF by upload, and a saved spec loaded back. Every request stays
 * on 127.0.0.1 (the `requests` fixture). Screenshots go to test-results/screens/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, SCREENS_DIR, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
});

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
}

async function openReports(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Reports', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
}

const frame = (page: Page) => page.frameLocator('iframe[title="Report preview"]');
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

test('reports: live preview, PDF export downloaded with its SHA-256 in the history, verified by upload', async ({ page, server, requests }) => {
  test.setTimeout(180_000);
  await openApp(page, server);
  await page.setViewportSize({ width: 1440, height: 900 });
  await loadDemo(page);
  await openReports(page);

  // The Drift screen's pair is the default.
  await expect(page.getByRole('combobox', { name: 'Reference' })).toHaveValue('demo-reference');
  await expect(page.getByRole('combobox', { name: 'Current' })).toHaveValue('demo-current');

  const title = `Quarterly drift audit ${HOSTILE}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Author').fill('A. Analyst');
  await page.getByLabel('Organisation').fill('Model Risk');

  // The preview is the report's HTML itself, in a frame that may run no script.
  const iframe = page.locator('iframe[title="Report preview"]');
  await expect(iframe).toHaveAttribute('sandbox', '');
  await expect(frame(page).locator('.cover h1')).toHaveText(title, { timeout: 30_000 });
  await expect(frame(page).getByText('Drift per column', { exact: true })).toBeVisible();
  const driftTable = frame(page).locator('h3:text-is("Drift per column") + table.data');
  await expect(driftTable.locator('th').first()).toHaveText('column');
  await expect(driftTable.locator('tbody tr', { hasText: 'income' })).toContainText('drift');
  await expect(frame(page).locator('img')).toHaveCount(0);
  await expect(frame(page).locator('script')).toHaveCount(0);

  // Sections toggle the preview: without "Data quality" its chapter is gone.
  const quality = page.getByRole('checkbox', { name: /Data quality/ });
  const qualityHeading = frame(page).locator('h2', { hasText: 'Data quality' });
  if (await quality.isVisible()) {
    await expect(qualityHeading.first()).toBeVisible();
    await quality.uncheck();
    await expect(qualityHeading).toHaveCount(0, { timeout: 30_000 });
    await quality.check();
    await expect(qualityHeading.first()).toBeVisible({ timeout: 30_000 });
  }
  await expect(page.getByRole('status').filter({ hasText: 'Updating…' })).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-form-preview.png') });
  // Inside the frame: the drift table, as the report prints it.
  await driftTable.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-preview-drift-table.png') });
  // The preview shows the real charts: Plotly's static SVG drawn by the server's warm Chromium page, no script.
  const firstChart = frame(page).locator('figure.chart svg.main-svg').first();
  await expect(firstChart).toBeVisible({ timeout: 60_000 });
  await expect(frame(page).locator('figure.chart svg.main-svg .xtitle').first()).not.toBeEmpty();
  await expect(frame(page).locator('.chart-missing')).toHaveCount(0);
  await firstChart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-preview-chart.png') });
  await frame(page).locator('.cover h1').scrollIntoViewIfNeeded();

  // Export PDF: progress, then a download of the file the engine wrote.
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Export PDF' }).click();
  await expect(page.getByRole('progressbar', { name: /Exporting PDF/ })).toBeVisible();
  const file = await download;
  const saved = path.join(server.dir, 'downloaded.pdf');
  await file.saveAs(saved);
  const bytes = fs.readFileSync(saved);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const hash = sha256(bytes);
  expect(file.suggestedFilename()).toMatch(/^PLB-\d{8}-[0-9A-F]{8}\.pdf$/);
  // Downloaded from the loopback server's exports folder (downloads are not page requests).
  expect(new URL(file.url()).origin).toBe(server.origin);
  expect(new URL(file.url()).pathname).toBe(`/api/exports/${file.suggestedFilename()}`);

  await expect(page.getByTestId('export-sha256')).toHaveText(hash);
  const history = page.getByRole('table', { name: 'Exported reports' });
  const row = history.locator('tbody tr').first();
  await expect(row).toContainText(hash);
  await expect(row).toContainText(title);
  await expect(row).toContainText('PDF');
  await expect(history.locator('img')).toHaveCount(0);

  // Verify it: upload the downloaded PDF; the engine recomputes and finds nothing changed.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Verify a report…' }).click();
  await (await chooser).setFiles(saved);
  await expect(page.getByTestId('verify-result')).toContainText('Verified', { timeout: 60_000 });

  // The page scrolls inside <main>: a window tall enough shows the summary, verification and history at once.
  await page.setViewportSize({ width: 1440, height: 1500 });
  await page.locator('.reports-history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-after-export.png') });
  // A small laptop window: the form and the preview stack, nothing is clipped.
  await page.setViewportSize({ width: 960, height: 640 });
  await page.getByRole('heading', { level: 1, name: 'Reports' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-narrow.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(requests.length).toBeGreaterThan(0);
});

test('reports: a spec saved in browser mode downloads as JSON and loads back by upload', async ({ page, server, requests }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await loadDemo(page);
  await openReports(page);
  await page.getByLabel('Title').fill('Spec round trip');
  await page.getByRole('radio', { name: 'Letter' }).check();
  await page.getByRole('radio', { name: 'all columns' }).check();
  await expect(frame(page).locator('.cover h1')).toHaveText('Spec round trip', { timeout: 30_000 });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save analysis spec…' }).click();
  const file = await download;
  const saved = path.join(server.dir, 'spec.json');
  await file.saveAs(saved);
  const spec = JSON.parse(fs.readFileSync(saved, 'utf8')) as Record<string, unknown>;
  expect(spec).toMatchObject({ kind: 'plumbline-analysis-spec', reference: 'demo-reference', current: 'demo-current', charts: 'all', report: { title: 'Spec round trip', pageSize: 'Letter' } });
  await expect(page.getByRole('status').filter({ hasText: 'Analysis spec saved' })).toContainText('plumbline report --spec');

  // A fresh screen forgets the form; loading the spec brings it back.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Load spec…' }).click();
  await (await chooser).setFiles(saved);
  await expect(page.getByLabel('Title')).toHaveValue('Spec round trip');
  await expect(page.getByRole('radio', { name: 'Letter' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'all columns' })).toBeChecked();
  await expect(frame(page).locator('.cover h1')).toHaveText('Spec round trip', { timeout: 30_000 });
  expect(requests.length).toBeGreaterThan(0);
});

test('reports: with fewer than two datasets, says so and offers the demo', async ({ page, server, requests }) => {
  await openApp(page, server);
  await openReports(page);
  await expect(page.getByRole('heading', { name: 'Two datasets are needed' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Exported reports' })).toHaveCount(0);
  await expect(page.getByText('No report has been exported from this workspace yet.')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-empty.png') });
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(frame(page).locator('.cover h1')).toContainText('Drift report', { timeout: 60_000 });
  expect(requests.length).toBeGreaterThan(0);
});
