/// <reference lib="dom" />
/**
 * The Fairness screen in browser mode: the demo data audited by its roles (label, score, sex and
 * race) with the numbers `plumbline fairness` prints, the disparity plot drawn, a bootstrap run
 * cancelled and rerun, the over-time view, and COMPAS with race × sex. Screenshots at 1280×800
 * go to test-results/screens/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, ROOT, test, failOnPageErrors } from './fixtures';

const CLI = path.join(ROOT, 'bin/plumbline.js');
const COMPAS = '/work/shared/datasets/aequitas/compas_for_aequitas.csv';

interface CliGroup { attribute: string; group: string; size: number; fpr: number | null; fpr_disparity: number | null }

failOnPageErrors();

const fmt = (v: number | null) => (v === null ? '—' : String(Number(v.toPrecision(3))));

async function openFairness(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Fairness', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fairness' })).toBeVisible();
}

async function chartDrawn(page: Page, id: string): Promise<void> {
  await expect.poll(() => page.evaluate((c) => document.querySelector<HTMLElement>(`[data-chart="${c}"]`)?.dataset.plotted === c && !!document.querySelector(`[data-chart="${c}"] .main-svg`), id), { timeout: 30_000 }).toBe(true);
}

test('fairness screen: demo data by roles equals the CLI; disparity plot; cancel; over time', async ({ page, server, shot }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, server);
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await openFairness(page);
  await page.getByLabel('Dataset').selectOption('demo-current');
  const table = page.locator('table.fairness-groups');
  await expect(table).toBeVisible({ timeout: 30_000 });

  const cli = JSON.parse(execFileSync(process.execPath, [CLI, '--db', server.db, 'fairness', '--dataset', 'demo-current', '--json'], { encoding: 'utf8' })) as { groups: CliGroup[] };
  expect(cli.groups.length).toBeGreaterThan(2);
  for (const g of cli.groups) {
    const row = table.locator(`tr[data-group="${g.attribute}=${g.group}"]`);
    await expect(row.locator('[data-field="size"]')).toHaveText(String(g.size));
    await expect(row.locator('[data-field="fpr"]')).toContainText(fmt(g.fpr));
    await expect(row.locator('[data-field="fpr_disparity"]')).toContainText(fmt(g.fpr_disparity));
  }
  await chartDrawn(page, 'disparity:fpr');
  await shot('fairness-demo');

  // A long bootstrap: progress and Cancel, then a shorter one that finishes with intervals.
  await page.getByLabel('Bootstrap resamples (0 = none)').fill('100000');
  await page.getByRole('button', { name: 'Run audit' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The audit was cancelled')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Bootstrap resamples (0 = none)').fill('500');
  await page.getByLabel('Chunks').selectOption('week');
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.locator('.fairness-lead')).toContainText('500 bootstrap resamples', { timeout: 60_000 });
  await expect(table.locator('[data-field="fpr_disparity"] .fairness-iv').first()).toBeVisible();
  await chartDrawn(page, 'disparity:fpr');
  await shot('fairness-demo-bootstrap');
  await page.getByRole('region', { name: 'Over time' }).scrollIntoViewIfNeeded();
  await chartDrawn(page, 'over-time:fpr:sex');
  await shot('fairness-demo-over-time');

  // Keyboard: the threshold slider moves with the arrow keys.
  const slider = page.getByRole('slider', { name: /Threshold/ });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel(/Threshold .*exact value/)).toHaveValue('0.51');
});

test('fairness screen: COMPAS by race × sex with a chosen reference group', async ({ page, server, shot }) => {
  test.setTimeout(120_000);
  execFileSync(process.execPath, [CLI, '--db', server.db, 'import', COMPAS, '--name', 'compas'], { stdio: 'pipe' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, server);
  await openFairness(page);
  await page.getByLabel('Dataset').selectOption('compas');
  const table = page.locator('table.fairness-groups');
  await expect(table).toBeVisible({ timeout: 30_000 });
  // COMPAS's roles make race, sex and age_cat attributes; audit race and sex and their intersection.
  await page.getByRole('group', { name: 'Attributes' }).getByRole('checkbox', { name: 'age_cat' }).uncheck();
  await page.getByRole('checkbox', { name: /also the intersection/ }).check();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(table.locator('tr[data-group="race × sex=African-American × Male"]')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Reference group of race', { exact: true }).selectOption('Caucasian');
  await page.getByRole('button', { name: 'Run audit' }).click();
  const cli = JSON.parse(
    execFileSync(process.execPath, [CLI, '--db', server.db, 'fairness', '--dataset', 'compas', '--attribute', 'race', '--attribute', 'sex', '--intersect', '--reference-group', 'race=Caucasian', '--json'], { encoding: 'utf8' }),
  ) as { groups: CliGroup[] };
  const aa = cli.groups.find((g) => g.attribute === 'race' && g.group === 'African-American')!;
  await expect(table.locator('tr[data-group="race=African-American"] [data-field="fpr_disparity"]')).toContainText(fmt(aa.fpr_disparity), { timeout: 30_000 });
  await expect(table.locator('tr[data-group="race=Native American"]')).toContainText('too small to judge');
  await chartDrawn(page, 'disparity:fpr');
  await shot('fairness-compas');
  // The group table fits its column at 1280 and 1024 px: no sideways scroll hides a verdict or a disparity.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await expect.poll(() => table.evaluate((t) => t.scrollWidth - t.parentElement!.clientWidth), { message: `group table at ${width} px` }).toBeLessThanOrEqual(0);
    await expect(table.locator('thead th')).toHaveText([/^group/, 'size', 'fpr', 'fpr disp.', 'fnr', 'fnr disp.', 'precision', 'precision disp.', 'pprev', 'pprev disp.']);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('[data-chart="disparity:fpr"]').screenshot({ path: path.join(ROOT, 'test-results/screens', 'fairness-compas-chart.png') });
});
