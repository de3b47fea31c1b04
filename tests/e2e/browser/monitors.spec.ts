/**
 * The Monitors screen in browser mode against a real engine: add a monitor on the demo pair through
 * the form, a refused condition shown as the engine words it, Run checks now, the monitor's history,
 * removal after confirmation. Every request stays on 127.0.0.1 (the `requests` fixture).
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function addMonitor(page: Page, name: string, metric: string, condition: string, severity: 'warning' | 'critical'): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add a monitor' }) });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Dataset: reference').selectOption('demo-reference');
  await form.getByLabel('Dataset: current').selectOption('demo-current');
  await form.getByLabel('Metric').fill(metric);
  await form.getByLabel('Alert when').fill(condition);
  await form.getByLabel('Severity').selectOption(severity);
  await form.getByRole('button', { name: 'Add monitor' }).click();
}

test('monitors: add on the demo pair, refused condition, run checks, history, remove', async ({ page, server, requests, shot }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Monitors', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Monitors' })).toBeVisible();
  await expect(page.getByText('No monitors yet.')).toBeVisible();

  await addMonitor(page, 'bad', 'share_drifted', 'sometimes', 'warning');
  await expect(page.getByRole('alert')).toContainText('Cannot read the condition "sometimes"');

  await addMonitor(page, HOSTILE, 'share_drifted', '>= 0.5', 'critical');
  await addMonitor(page, 'income drift', 'drift_score:income', '> 0.1', 'warning');
  await addMonitor(page, 'age drift', 'drift_score:age', '> 0.1', 'warning');
  const table = page.getByRole('table', { name: 'Monitors' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByText('– not run')).toHaveCount(3);

  await page.getByRole('button', { name: 'Run checks now' }).click();
  await expect(page.getByText(/3 monitors checked: .* \(1 analysis run/)).toBeVisible({ timeout: 30_000 });
  // income drifts on the demo pair, age does not (as plumbline drift says).
  await expect(table.getByRole('row', { name: /income drift/ })).toContainText('⚠ warning');
  await expect(table.getByRole('row', { name: /age drift/ })).toContainText('✓ pass');
  expect(await page.locator('img').count()).toBe(0);

  await table.getByRole('button', { name: 'History of income drift' }).click();
  await expect(page.getByRole('table', { name: 'Evaluations of income drift' }).getByRole('row')).toHaveCount(2);
  await shot('monitors');

  await table.getByRole('button', { name: 'Remove age drift' }).click();
  await table.getByRole('button', { name: 'Confirm removing age drift' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  expect(requests.length).toBeGreaterThan(0);
});

test('monitors: "Monitor this" on the drift screen’s dataset-drift result adds a monitor with its settings', async ({ page, server, requests }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Drift', exact: true }).click();
  const summary = page.getByTestId('drift-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await summary.getByRole('button', { name: 'Monitor this' }).click();
  await expect(summary.getByRole('status')).toContainText('it alerts (warning) when share_drifted >= 0.5');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Monitors', exact: true }).click();
  const table = page.getByRole('table', { name: 'Monitors' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('share_drifted >= 0.5');
  await page.getByRole('button', { name: 'Run checks now' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('✓ pass', { timeout: 30_000 });
  expect(requests.length).toBeGreaterThan(0);
});
