/**
 * Watch a folder from the dataset page in browser mode against a real engine: start a watch on
 * demo-current, drop a file (with its .done marker) into the folder, and the page's row count grows
 * without a reload; a bad file is listed as moved aside with its error; the watch is kept in the
 * workspace under its name; Stop removes it and returns to the form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, expect, openApp, test } from './fixtures';

test('watch a folder: a dropped file is appended and the row count grows; a bad one is moved aside', async ({ page, server, requests, shot }) => {
  test.setTimeout(120_000);
  const inbox = path.join(server.dir, 'inbox <watched>');
  fs.mkdirSync(inbox);
  await openApp(page, server);
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'demo-current' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'demo-current' })).toBeVisible();
  await expect(page.locator('.summary')).toContainText('12,000 rows');

  const panel = page.getByRole('region', { name: 'Watch a folder' });
  await panel.getByLabel(/^Folder/).fill(inbox);
  await panel.scrollIntoViewIfNeeded();
  await shot('watch-form');
  await panel.getByRole('button', { name: 'Start watching' }).click();
  await expect(panel.getByLabel('Files taken and moved aside')).toHaveText('0 taken · 0 moved aside');
  await expect(panel).toContainText('waiting for a file');

  // 25 rows of the demo file, written whole and then marked done.
  const lines = fs.readFileSync(path.join(ROOT, 'assets/demo/current.csv'), 'utf8').split('\n');
  const file = path.join(inbox, 'batch-1.csv');
  fs.writeFileSync(file, `${lines.slice(0, 26).join('\n')}\n`);
  fs.writeFileSync(`${file}.done`, '');
  await expect(page.locator('.summary')).toContainText('12,025 rows', { timeout: 20_000 });
  await expect(panel.getByLabel('Files taken and moved aside')).toHaveText('1 taken · 0 moved aside');
  await expect(panel).toContainText('batch-1.csv taken (25 rows)');
  expect(fs.existsSync(path.join(inbox, 'imported', 'batch-1.csv'))).toBe(true);

  const bad = path.join(inbox, 'bad.csv');
  fs.writeFileSync(bad, 'not,the,columns\n1,2,3\n');
  fs.writeFileSync(`${bad}.done`, '');
  await expect(panel.getByLabel('Files taken and moved aside')).toHaveText('1 taken · 1 moved aside', { timeout: 20_000 });
  await expect(panel.getByRole('list')).toContainText('bad.csv failed:');
  await expect(page.locator('.summary')).toContainText('12,025 rows');
  await panel.scrollIntoViewIfNeeded();
  await shot('watch-folder');
  await page.setViewportSize({ width: 1024, height: 768 });
  await panel.scrollIntoViewIfNeeded();
  await shot('watch-folder-1024x768');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The watch is kept in the workspace under the dataset's name; Stop removes it.
  await expect(panel).toContainText('demo-current (kept in this workspace: resumed when Plumbline opens it)');
  await panel.getByRole('button', { name: 'Stop and remove' }).click();
  await expect(panel.getByRole('button', { name: 'Start watching' })).toBeVisible();
  expect(requests.length).toBeGreaterThan(0);
});
