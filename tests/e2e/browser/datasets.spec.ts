/**
 * Browser mode, end to end: the built renderer served by `plumbline serve`, a real engine and a
 * real workspace. Every screen is photographed into test-results/screens/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import path from 'node:path';
import { ROOT, expect, openApp, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** A small CSV with a hostile column name, unicode names and values, and every column type. */
function smallCsv(rows: number): string {
  const lines = [`id,score,label,"${HOSTILE}",城市,ts`];
  const cities = ['Zürich', '東京', 'São Paulo', 'Kraków', '<b>bold</b>'];
  for (let i = 0; i < rows; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    lines.push(`${i + 1},${((i * 37) % 100) / 100},${i % 3 === 0 ? 'true' : 'false'},"${i === 0 ? HOSTILE : `v${i % 7}`}",${cities[i % cities.length]},${ts}`);
  }
  return lines.join('\n') + '\n';
}

/** A CSV big enough that the import is still running when the test clicks Cancel. */
function bigCsv(targetBytes: number): Buffer {
  const row = (i: number) => `${i},${(i % 997) / 997},${i % 2},group_${i % 13},${'x'.repeat(40)}\n`;
  const parts: string[] = ['id,score,label,group,pad\n'];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    const r = row(i);
    parts.push(r);
    size += r.length;
  }
  return Buffer.from(parts.join(''));
}

/** Records every progressbar state the page shows, however briefly. */
async function watchProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: string[] };
    w.__progress = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const t = bar?.getAttribute('aria-valuetext');
      if (t && w.__progress[w.__progress.length - 1] !== t) w.__progress.push(t);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
}

async function chooseFile(page: Page, file: string, button = page.getByRole('button', { name: 'Open file…' }).first()): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}

test.beforeEach(async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
});

test('import, browse, preview and delete a dataset', async ({ page, server, requests, writeFile, shot }) => {
  const csv = smallCsv(5000);
  const file = writeFile('prédictions 2026.csv', csv);

  await test.step('the link with the token opens the app, then the token leaves the address bar', async () => {
    await openApp(page, server);
    expect(page.url()).not.toContain('token=');
  });

  await test.step('an empty workspace offers to open a file or load the demo', async () => {
    await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
    await shot('01-datasets-empty');
  });

  await test.step('importing through the file input shows progress, then the dataset', async () => {
    const progress = await watchProgress(page);
    await chooseFile(page, file);
    await expect(page.getByRole('status')).toContainText('Imported prédictions 2026: 5,000 rows, 6 columns');
    expect((await progress()).length).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: 'Datasets' });
    const row = table.getByRole('row').filter({ hasText: 'prédictions 2026' });
    await expect(row.getByRole('cell').nth(0)).toHaveText('5,000');
    await expect(row.getByRole('cell').nth(1)).toHaveText('6');
    await shot('02-datasets-list');
  });

  await test.step('the detail page shows columns, types, roles and provenance', async () => {
    await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'prédictions 2026' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'prédictions 2026' })).toBeVisible();
    const columns = page.getByRole('table', { name: 'Columns' });
    const typeOf = (name: string) => columns.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell').nth(1);
    await expect(columns.getByRole('rowheader', { name: HOSTILE, exact: true })).toBeVisible();
    await expect(typeOf('id')).toHaveText('integer');
    await expect(typeOf('score')).toHaveText('real');
    await expect(typeOf('ts')).toHaveText('timestamp');
    await expect(typeOf('城市')).toHaveText(/categorical|text/);
    await expect(columns.getByRole('combobox', { name: 'Role of id' })).toHaveValue('id');
    await expect(columns.getByRole('combobox', { name: `Role of ${HOSTILE}` })).toHaveValue('feature');
    await columns.getByRole('combobox', { name: `Role of ${HOSTILE}` }).selectOption('group');
    await page.reload();
    await expect(page.getByRole('table', { name: 'Columns' }).getByRole('combobox', { name: `Role of ${HOSTILE}` })).toHaveValue('group');
    const facts = page.locator('dl.facts');
    await expect(facts).toContainText('prédictions 2026.csv');
    await expect(facts).toContainText(crypto.createHash('sha256').update(csv).digest('hex'));
    await expect(facts).toContainText(`${Buffer.byteLength(csv).toLocaleString('en-US')} bytes`);
    await expect(facts).toContainText('5,000 accepted · 0 rejected');
    await shot('03-dataset-detail');
  });

  await test.step('the preview pages rows in as the user scrolls', async () => {
    const grid = page.getByRole('table', { name: 'Rows of prédictions 2026' });
    await grid.scrollIntoViewIfNeeded();
    await expect(grid.getByRole('row').nth(1)).toContainText(HOSTILE);
    await expect(grid.getByRole('row').nth(1)).toContainText('Zürich');
    await expect(grid).toContainText('東京');
    await shot('04-dataset-preview');
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(grid.getByRole('rowheader', { name: '5,000', exact: true })).toBeVisible();
    await expect(grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '5,000', exact: true }) })).toContainText('2026-01-04T11:19:00');
    await shot('05-dataset-preview-end');
  });

  await test.step('hostile text is never parsed as HTML', async () => {
    expect(await page.locator('main img, main b').count()).toBe(0);
  });

  await test.step('delete asks first, then removes the dataset', async () => {
    await page.getByRole('link', { name: 'Datasets', exact: false }).first().click();
    await page.getByRole('button', { name: 'Delete prédictions 2026' }).click();
    await expect(page.getByText('Delete this dataset?')).toBeVisible();
    await shot('06-datasets-confirm-delete');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();
  });

  expect(requests.length).toBeGreaterThan(3);
});

test('cancelling a running import leaves the workspace as it was', async ({ page, server, writeFile, requests, shot }) => {
  const file = writeFile('big.csv', bigCsv(200_000_000));
  await openApp(page, server);
  await chooseFile(page, file);
  const bar = page.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await expect(page.locator('.import-status__phase')).toHaveText('Importing', { timeout: 30_000 });
  // The engine imports ~1.5M rows a second (this file: ~3M): cancel at once, before it can commit —
  // the screenshot waits until after, since taking it can outlast a quiet machine's import.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText(/Import cancelled: nothing was changed\./);
  await shot('07-import-cancelled');
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();
  expect(requests.length).toBeGreaterThan(0);
});

test('an import error is shown readably', async ({ page, server, writeFile, requests, shot }) => {
  const file = writeFile('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
  await openApp(page, server);
  await chooseFile(page, file);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import ragged.csv');
  await expect(alert).toContainText(/ragged\.csv/);
  await expect(alert.getByRole('listitem')).toHaveCount(1);
  await shot('08-import-error');
  await alert.getByRole('button', { name: 'Import without the bad rows' }).click();
  await expect(page.getByRole('status')).toContainText('Imported ragged: 1 row, 3 columns; 1 bad row left out');
  await expect(alert).toHaveCount(0);
  await shot('08b-import-skipped-bad-rows');
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'ragged' }).click();
  await expect(page.locator('dl.facts')).toContainText('1 accepted · 1 rejected');
  expect(requests.length).toBeGreaterThan(0);
});

test('the demo loads from the engine, and every screen is reachable by keyboard', async ({ page, server, requests, shot }) => {
  await openApp(page, server);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  // The Overview is the first screen in the navigation (an empty workspace opens on Datasets).
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Overview', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('link')).toHaveCount(2);
  await shot('09-datasets-demo');
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link').first().click();
  await expect(page.getByRole('table', { name: 'Columns' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Rows of / }).getByRole('row').nth(1)).toBeVisible();
  await shot('10-demo-detail');
  // A small laptop window: panels stack, nothing is clipped.
  await page.setViewportSize({ width: 960, height: 640 });
  await shot('10b-demo-detail-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  for (const [label, file] of [
    ['Overview', '11-overview'],
    ['Performance', '12-performance'],
    ['Fairness', '13-fairness'],
    ['A/B', '14-ab'],
    ['Operations', '14b-operations'],
    ['Correlation', '14c-correlation'],
    ['Monitors', '16-monitors'],
  ] as const) {
    const link = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: label, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeFocused();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await shot(file);
  }
  // Each screen has its own spec; here only that the keyboard reaches every one.
  const reports = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Reports', exact: true });
  await reports.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeFocused();
  await expect(reports).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('iframe[title="Report preview"]')).toBeVisible({ timeout: 30_000 });
  // The frame is there before the report's HTML is: the shot waits for the cover's title (it was
  // sometimes taken of an empty preview).
  await expect(page.frameLocator('iframe[title="Report preview"]').locator('.cover h1')).toHaveText(/Drift report/, { timeout: 30_000 });
  await shot('15-reports');
  expect(requests.length).toBeGreaterThan(0);
});

test('without the token the server refuses the page', async ({ browser, server }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(server.origin + '/');
  expect(res?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('Unauthorized');
  await context.close();
  expect(fs.existsSync(server.db)).toBe(true);
});

test('the preview scrolls through a million rows, paging on demand', async ({ page, server, writeFile, requests, shot }) => {
  test.slow();
  const lines = ['id,score,segment'];
  for (let i = 1; i <= 1_000_000; i++) lines.push(`${i},${(i % 1000) / 1000},s${i % 17}`);
  const file = writeFile('million.csv', lines.join('\n') + '\n');
  await openApp(page, server);
  await chooseFile(page, file);
  await expect(page.getByRole('status')).toContainText('Imported million: 1,000,000 rows', { timeout: 120_000 });
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'million' }).click();
  const grid = page.getByRole('table', { name: 'Rows of million' });
  await expect(grid.getByRole('rowheader', { name: '1', exact: true })).toBeVisible();

  const pages: number[] = [];
  page.on('request', (r) => {
    const body = r.postData();
    if (body?.includes('"previewRows"')) pages.push((JSON.parse(body) as { args: { offset: number } }).args.offset);
  });
  const toolbar = page.locator('.preview-toolbar');
  await expect(toolbar).toContainText('the scroll bar spans rows 1–300,000');
  // Scrolling to the end of the scroll box slides the window on; what was on screen stays.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(toolbar).toContainText('the scroll bar spans rows 150,001–450,000');
  await expect(grid.getByRole('rowheader', { name: '300,000', exact: true })).toBeVisible();
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(toolbar).toContainText('the scroll bar spans rows 300,001–600,000');
  await expect(grid.getByRole('rowheader', { name: '450,000', exact: true })).toBeVisible();
  // ...and back at the start.
  await grid.evaluate((el) => (el.scrollTop = 0));
  await expect(toolbar).toContainText('the scroll bar spans rows 150,001–450,000');
  await expect(grid.getByRole('rowheader', { name: '300,001', exact: true })).toBeVisible();
  // The last row, by jumping there.
  await page.getByLabel('Go to row').fill('1000000');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  const last = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '1,000,000', exact: true }) });
  await expect(last).toContainText('s9'); // 1,000,000 mod 17 = 9
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await grid.scrollIntoViewIfNeeded();
  await shot('16-preview-million-end');
  // Only the pages around what was shown were fetched, 200 rows at a time.
  expect(pages.length).toBeLessThan(40);
  for (const o of pages) expect(o % 200).toBe(0);

  await page.getByLabel('Go to row').fill('123456');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(grid.getByRole('rowheader', { name: '123,456', exact: true })).toBeVisible();
  expect(requests.length).toBeGreaterThan(0);
});

test('dropping a file onto the window imports it', async ({ page, server, requests, shot }) => {
  await openApp(page, server);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['when,value\n2026-01-01,1\n2026-01-02,2\n'], 'dropped.csv', { type: 'text/csv' }));
    return d;
  });
  await page.dispatchEvent('.app', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: dt });
  await expect(page.getByText('Drop files to import them')).toBeVisible();
  await shot('17-drop-overlay');
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dt });
  await expect(page.getByText('Drop files to import them')).toHaveCount(0);
  // A drop anywhere lands on the Datasets screen, where the import reports back.
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Imported dropped: 2 rows, 2 columns');
  expect(requests.some((u) => new URL(u).pathname === '/api/upload')).toBe(true);
});

test('import with options: late labels attached to a dataset by key', async ({ page, server, requests, shot }) => {
  await openApp(page, server);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });

  await chooseFile(page, path.join(ROOT, 'assets/demo/labels_late.csv'), page.getByRole('button', { name: 'Import with options…' }));
  const dialog = page.getByRole('dialog', { name: 'Import labels_late.csv' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Columns found' })).toContainText('request_id');
  await expect(dialog.getByRole('table', { name: 'First rows' })).toContainText('req-010012');
  await expect(dialog.getByLabel('Dataset name')).toHaveValue('labels_late');
  await dialog.getByRole('radio', { name: /Attach its columns/ }).check();
  await dialog.getByLabel('Dataset to attach columns to').selectOption('demo-current');
  await expect(dialog.getByLabel('Key column')).toHaveValue('request_id');
  await shot('18-import-dialog');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(/Attached columns to demo-current: [\d,]+ rows matched by key/);
  await expect(page.getByRole('status')).toContainText(/Labels now cover \d+\.\d% of its rows/);
  await shot('19-import-joined');
  // Attached to the existing dataset: no third dataset.
  await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('link')).toHaveCount(2);
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'demo-current' }).click();
  await expect(page.locator('dl.facts')).toHaveCount(2);
  await expect(page.locator('dl.facts').nth(1)).toContainText('labels_late.csv');
  expect(requests.length).toBeGreaterThan(0);
});

test('import with options: a chosen name, type and role, cancel closes without importing', async ({ page, server, writeFile, requests, shot }) => {
  const file = writeFile('semi.csv', 'id;grp;p\n007;a;0.5\n2;b;0.25\n');
  await openApp(page, server);
  await chooseFile(page, file, page.getByRole('button', { name: /Import with options/ }));
  const dialog = page.getByRole('dialog', { name: 'Import semi.csv' });
  await expect(dialog.getByRole('table', { name: 'First rows' }).getByRole('columnheader')).toHaveText(['id', 'grp', 'p']);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No datasets yet' })).toBeVisible();

  await chooseFile(page, file, page.getByRole('button', { name: /Import with options/ }));
  await dialog.getByLabel('Dataset name').fill('scores <v2>');
  await dialog.getByRole('combobox', { name: 'Role of grp' }).selectOption('group');
  // "007" reads as the number 7 unless the column is chosen to be text.
  await expect(dialog.getByRole('combobox', { name: 'Type of id' })).toHaveValue('real');
  await dialog.getByRole('combobox', { name: 'Type of id' }).selectOption('text');
  await expect(dialog.getByText(/never converted/)).toBeVisible();
  await shot('18b-import-dialog-types');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Imported scores <v2>: 2 rows, 3 columns');
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'scores <v2>' }).click();
  await expect(page.getByRole('combobox', { name: 'Role of grp' })).toHaveValue('group');
  const columns = page.getByRole('table', { name: 'Columns' });
  await expect(columns.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'id', exact: true }) }).getByRole('cell').nth(1)).toHaveText('text');
  await expect(page.getByRole('cell', { name: '007', exact: true })).toBeVisible();
  expect(requests.length).toBeGreaterThan(0);
});

test('the Datasets screens need no inline styles or scripts (strict CSP)', async ({ page, server, writeFile, requests }) => {
  // Serve the app under the strictest policy: no 'unsafe-inline' anywhere.
  const strict = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
  await page.route(
    (url) => url.origin === server.origin && (url.pathname === '/' || url.pathname.endsWith('.html')),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': strict } });
    },
  );
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const file = writeFile('strict.csv', `a,b\n1,x\n2,y\n`);
  await openApp(page, server);
  // The token's redirect is not intercepted; the next load of the page (with the cookie) is.
  await page.goto(`${server.origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  // The policy is in force: an inline <style> element is refused (and reported).
  const width = await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '#csp-probe { width: 123px }';
    const d = document.createElement('div');
    d.id = 'csp-probe';
    document.head.append(style);
    document.body.append(d);
    const w = getComputedStyle(d).width;
    d.remove();
    style.remove();
    return w;
  });
  expect(width).not.toBe('123px');
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  violations.length = 0;
  await chooseFile(page, file);
  await expect(page.getByRole('status')).toContainText('Imported strict');
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: 'strict' }).click();
  await expect(page.getByRole('table', { name: 'Rows of strict' }).getByRole('row').nth(2)).toContainText('y');
  // Layout that relies on style properties (the preview's column grid) still applies.
  const columns = await page.locator('.preview__row').first().evaluate((el) => getComputedStyle(el).gridTemplateColumns);
  expect(columns.split(' ').length).toBe(3);
  expect(violations).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
});
