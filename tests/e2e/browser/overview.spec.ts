/**
 * The Overview in browser mode on a workspace made with the CLI: a critical, a warning and a
 * healthy model (drift monitors checked twice, so alerts have a start), and a dataset with no
 * monitor. The app opens on it; cards are worst first; a click (and Enter) goes to the screen and
 * datasets behind a figure; the model without monitors gets one from its button.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, ROOT, test } from './fixtures';

const CLI = path.join(ROOT, 'bin/plumbline.js');
const SHOTS = '/work/shots/overview';
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');

/** 28 days × 20 rows: x shifted by `shift`, c from a/b/c, y labelled on the first `labelled` days. */
function log(shift: number, labelled = 28): string {
  const lines = ['ts,x,c,y'];
  for (let i = 0; i < 560; i++) {
    const day = Math.floor(i / 20);
    lines.push(`${new Date(START + day * DAY + (i % 20) * 3_600_000).toISOString()},${((i * 37) % 100) + shift},${'abc'[i % 3]},${day < labelled ? i % 2 : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function cli(db: string, ...args: string[]): number {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
  if (r.status !== 0 && args[0] !== 'check') throw new Error(`plumbline ${args.join(' ')}: ${r.stderr}`);
  return r.status ?? -1;
}

function monitor(db: string, name: string, current: string, metric: string, condition: string, severity: string): void {
  cli(db, 'monitor', 'add', '--name', name, '--analysis', 'drift', '--dataset', current, '--reference', 'reference', '--metric', metric, '--condition', condition, '--severity', severity);
}

async function look(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [[1024, 768], [1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('overview: critical, warning and healthy models worst first, alerts since, click-through, add a first monitor', async ({ page, server, requests, writeFile, shot }) => {
  test.setTimeout(180_000);
  const roles = ['--role', 'ts=timestamp', '--role', 'y=label', '--role', 'x=feature', '--role', 'c=feature'];
  for (const [name, shift, labelled] of [['reference', 0, 28], ['healthy-log', 1, 28], ['warn-log', 8, 20], ['sick-log', 60, 10], ['new-log', 0, 28]] as const) {
    cli(server.db, 'import', writeFile(`${name}.csv`, log(shift, labelled)), '--name', name, ...roles);
  }
  monitor(server.db, 'healthy share', 'healthy-log', 'share_drifted', '>= 0.5', 'critical');
  monitor(server.db, 'warn x drift', 'warn-log', 'drift_score:x', '> 0.05', 'warning');
  monitor(server.db, 'warn share', 'warn-log', 'share_drifted', '>= 0.9', 'critical');
  monitor(server.db, 'sick share', 'sick-log', 'share_drifted', '>= 0.3', 'critical');
  monitor(server.db, '<b>sick</b> c missing', 'sick-log', 'missing_share:c', '> 0.1', 'warning');
  expect(cli(server.db, 'check')).toBe(2);
  expect(cli(server.db, 'check')).toBe(2);

  await openApp(page, server);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const monitored = page.getByLabel('Monitored models');
  const cards = monitored.getByRole('article');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0).getByRole('heading', { level: 2 })).toHaveText('sick-log vs reference');
  await expect(cards.nth(0)).toContainText('Critical');
  await expect(cards.nth(1).getByRole('heading', { level: 2 })).toHaveText('warn-log vs reference');
  await expect(cards.nth(1)).toContainText('Warning');
  await expect(cards.nth(2).getByRole('heading', { level: 2 })).toHaveText('healthy-log vs reference');
  await expect(cards.nth(2)).toContainText('Healthy');
  await expect(page.getByRole('status')).toContainText('3 monitored models: 1 critical, 1 warning, 1 healthy');
  // The critical model: its alert since the first of two failing checks, labels, the latest week.
  const alerts = cards.nth(0).getByRole('region', { name: /Active alerts/ });
  await expect(alerts).toContainText('sick share');
  await expect(alerts).toContainText('(2 checks)');
  await expect(cards.nth(0)).toContainText('36%');
  await expect(cards.nth(0)).toContainText('Latest week');
  await expect(cards.nth(0)).toContainText('Data quality');
  await expect(page.locator('b')).toHaveCount(0);
  // The unmonitored dataset says how to add a monitor, not an empty card.
  const without = page.getByRole('region', { name: /Without monitors/ });
  await expect(without).toContainText('new-log');
  await expect(without).toContainText('plumbline monitor add');
  await shot('overview');
  await look(page, 'overview');

  // Keyboard: the critical model's drift area opens the Drift screen on its pair.
  const area = cards.nth(0).locator('a.ov-area__link').first();
  await area.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Drift' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Current' })).toHaveValue('sick-log');
  await expect(page.getByRole('combobox', { name: 'Reference' })).toHaveValue('reference');

  // Back: an alert's History link opens the monitor's history.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await cards.nth(1).getByRole('region', { name: /Active alerts/ }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('table', { name: 'Evaluations of warn x drift' })).toBeVisible();

  // A first monitor for the new log, from its card.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Overview', exact: true }).click();
  await page.getByRole('region', { name: /Without monitors/ }).getByRole('button', { name: 'Add this monitor' }).click();
  await expect(cards).toHaveCount(4, { timeout: 30_000 });
  await expect(monitored.getByRole('article', { name: 'new-log vs reference' })).toContainText('Healthy');
  await look(page, 'overview-after-add');
  expect(requests.length).toBeGreaterThan(0);
});
