/// <reference lib="dom" />
/**
 * The A/B screen in browser mode on the bundled demo (model_version A vs B, revenue, latency_ms):
 * the first run from the dataset's roles, then control, metrics, a guardrail and a segment
 * breakdown chosen on the screen; the numbers shown equal `plumbline ab --json` on the same
 * workspace. Screenshots at 1280×800 go to test-results/screens/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { num, pValue } from '../../../core/format/numbers';
import { expect, openApp, ROOT, test, failOnPageErrors } from './fixtures';

const consoleErrors = failOnPageErrors();

async function chartsDrawn(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.ab-chart')].every((c) => c.dataset.plotted && c.querySelector('.main-svg'))), { timeout: 30_000 })
    .toBe(true);
}

test('A/B on the demo: decision, SRM, lifts equal to the CLI, guardrail, cumulative lift, segments', async ({ page, server, shot }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'A/B', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A/B test' })).toBeVisible();

  // First run from the roles alone: model_version found, a decision and the SRM sentence shown.
  const table = page.getByRole('table', { name: 'Lift per metric and treatment' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Variant column' })).toContainText('automatic (model_version)');
  await expect(page.getByLabel('Sample ratio')).toContainText('No sample ratio mismatch');

  // The analyst's experiment: A is the old model (control), revenue primary, latency p99 guarded.
  await page.getByRole('combobox', { name: 'Control' }).selectOption('A');
  await page.getByRole('combobox', { name: 'Primary metric' }).fill('revenue');
  await page.getByLabel('Secondary metrics').fill('latency_ms:p99');
  await page.getByLabel('Guardrails').fill('latency_ms:p99<=+50');
  await page.getByRole('combobox', { name: 'Segments by' }).selectOption('device');
  await page.getByLabel('Guardrails').press('Enter'); // keyboard submits the form
  await expect(page.getByRole('table', { name: 'Lift by device' })).toBeVisible({ timeout: 30_000 });
  await chartsDrawn(page);

  const cli = JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'bin/plumbline.js'), '--db', server.db, 'ab', '--dataset', 'demo-current', '--control', 'A', '--metric', 'revenue', '--metric', 'latency_ms:p99', '--guardrail', 'latency_ms:p99<=+50', '--by', 'device', '--json'],
      { encoding: 'utf8' },
    ),
  );
  for (const r of cli.results as { metric: string; variant: string; control_mean: number; treatment_mean: number; p_value: number }[]) {
    const row = table.locator(`tr[data-metric="${r.metric}"][data-variant="${r.variant}"]`);
    await expect(row.locator('[data-field="control_mean"]')).toHaveText(num(r.control_mean));
    await expect(row.locator('[data-field="treatment_mean"]')).toHaveText(num(r.treatment_mean));
    await expect(row.locator('[data-field="p_value"]')).toHaveText(pValue(r.p_value));
  }
  expect(cli.results[0].variant).toBe('B');
  await expect(page.getByRole('status', { name: 'Decision' })).toContainText(cli.decision.reason);
  await expect(page.getByRole('table', { name: 'Guardrails' })).toContainText('latency_ms:p99<=+50');
  await expect(page.getByRole('table', { name: 'Guardrails' })).toContainText(cli.guardrails[0].status);
  await shot('ab-top');

  // Nothing may be wider than the window: a horizontal scroll would clip the table and charts.
  expect(await page.evaluate(() => document.querySelector('main')!.scrollWidth <= document.querySelector('main')!.clientWidth)).toBe(true);
  for (const [heading, name] of [['Guardrails', 'ab-guardrails'], ['Cumulative lift over time', 'ab-over-time'], ['By device', 'ab-segments']]) {
    await page.getByRole('heading', { name: heading, exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(name);
  }

  // A small laptop window (1024×768): still nothing wider than the page, no table or chart cut at
  // its own edge, every chart drawn again at the new width.
  await page.setViewportSize({ width: 1024, height: 768 });
  await chartsDrawn(page);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const main = document.querySelector('main')!;
        const cut = [...main.querySelectorAll<HTMLElement>('table, .ab-chart, .ab-decision, .ab-srm, form')].filter((el) => {
          const box = el.getBoundingClientRect();
          return el.scrollWidth > el.clientWidth + 1 || box.right > main.getBoundingClientRect().right + 1;
        });
        const charts = [...main.querySelectorAll<HTMLElement>('.ab-chart')].filter((c) => {
          const svg = c.querySelector('.main-svg');
          return !svg || svg.getBoundingClientRect().width > c.getBoundingClientRect().width + 1;
        });
        return { wide: main.scrollWidth > main.clientWidth, cut: cut.map((el) => el.getAttribute('aria-label') ?? el.className), charts: charts.length };
      }),
    )
    .toEqual({ wide: false, cut: [], charts: 0 });
  await page.getByRole('heading', { level: 1, name: 'A/B test' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('ab-1024-top');
  for (const [heading, name] of [['Guardrails', 'ab-1024-guardrails'], ['Cumulative lift over time', 'ab-1024-over-time'], ['By device', 'ab-1024-segments']]) {
    await page.getByRole('heading', { name: heading, exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(name);
  }
});

test('A/B: a missing column is a clear error, not a blank screen', async ({ page, server }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'A/B', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Lift per metric and treatment' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Primary metric' }).fill('no_such_column');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText('Not in "demo-current": "no_such_column"')).toBeVisible({ timeout: 30_000 });
  consoleErrors.length = 0; // the refused request logs its HTTP status
});
