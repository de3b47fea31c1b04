/// <reference lib="dom" />
/**
 * The drift explorer in browser mode: the demo pair, keyboard selection, the segment filter's
 * errors, settings remembered per pair, hostile names. Screenshots go to test-results/screens/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CHART_MARGIN } from '../../../core/analyses/drift/charts';
import { expect, openApp, ROOT, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

const consoleErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  consoleErrors.length = 0;
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  // CSP violations (Plotly's injected styles, say) and render errors surface here.
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

test.afterEach(() => {
  // A failed API call (the filter typo) logs its HTTP status; anything else is a bug.
  expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
}

async function openDrift(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Drift', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Drift' })).toBeVisible();
  await expect(grid(page)).toBeVisible({ timeout: 30_000 });
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Columns by drift score' });
const row = (page: Page, column: string) => grid(page).locator(`tr[data-column="${column}"]`);
const selectedRow = (page: Page) => grid(page).locator('tr[aria-selected="true"]');
const title = (page: Page) => page.getByTestId('distribution-title');

/**
 * Waits until every chart of the detail has been drawn for `column`: each is the drift module's
 * spec for it (`data-chart` = `distribution:<column>`, …), drawn (data-plotted = its id) or, out of
 * view, marked to be drawn when seen.
 */
async function chartsDrawn(page: Page, column: string): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate((c) => {
        const plots = [...document.querySelectorAll<HTMLElement>('.drift-layout__detail [data-chart]')];
        const id = (p: HTMLElement) => p.dataset.chart ?? '';
        return plots.length > 0 && plots.every((p) => id(p).endsWith(`:${c}`) && (p.dataset.plotted === id(p) || p.dataset.plotPending === id(p)) && p.querySelector('.main-svg') !== null);
      }, column),
      // Plotly's first draw of a chart takes seconds on a loaded 2-core machine.
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** The whole column detail, in a window tall enough to show every chart. */
async function detailShot(page: Page, column: string, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2200 });
  await expect
    .poll(() => page.evaluate((c) => [...document.querySelectorAll<HTMLElement>('.drift-layout__detail [data-chart]')].every((p) => p.dataset.chart!.endsWith(`:${c}`) && p.dataset.plotted === p.dataset.chart && !p.dataset.plotPending), column))
    .toBe(true);
  await page.locator('.drift-detail').screenshot({ path: path.join(ROOT, 'test-results/screens', `${name}.png`) });
  await page.setViewportSize(size);
}

test('drift explorer: demo pair, keyboard, filter errors, settings remembered', async ({ page, server, shot }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await page.setViewportSize({ width: 1440, height: 900 });
  await loadDemo(page);
  await openDrift(page);

  await expect(page.getByTestId('drift-summary')).toContainText(/\d+ of \d+ columns drifted — dataset drift: (yes|no) \(threshold 50%\)/);
  await expect(row(page, 'income').getByText('drift', { exact: true })).toBeVisible();
  await expect(row(page, 'age').getByText('ok', { exact: true })).toBeVisible();
  await expect(row(page, 'score')).toContainText('prediction drift');
  await expect(row(page, 'label')).toContainText('label drift');
  // Drifted rows come first.
  const badges = await grid(page).locator('tbody tr td:nth-child(6)').allInnerTexts();
  const firstOk = badges.indexOf('ok');
  expect(badges.slice(firstOk).includes('drift')).toBe(false);

  // Selection by keyboard: the focused row moves, the charts follow.
  const first = selectedRow(page);
  const firstName = (await first.getAttribute('data-column'))!;
  await expect(title(page)).toContainText(firstName);
  await chartsDrawn(page, firstName);
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = (await grid(page).locator('tbody tr').nth(1).getAttribute('data-column'))!;
  await expect(selectedRow(page)).toHaveAttribute('data-column', second);
  await expect(selectedRow(page)).toBeFocused();
  await expect(title(page)).toContainText(second);
  await chartsDrawn(page, second);
  await page.keyboard.press('ArrowUp');
  await expect(title(page)).toContainText(firstName);
  // A click on income, then the numerical detail: ECDF with the KS gap, quantiles.
  await row(page, 'income').click();
  await expect(title(page)).toContainText('income');
  await chartsDrawn(page, 'income');
  await expect(page.locator('[data-chart="ecdf:income"] .textpoint')).toContainText(/D [=≈] 0\.\d+/);
  await expect(page.getByRole('table', { name: 'Quantiles of income' })).toBeVisible();
  await shot('drift-01-table-detail');
  await detailShot(page, 'income', 'drift-01b-detail-income');

  // A categorical column.
  await row(page, 'device').click();
  await chartsDrawn(page, 'device');
  await expect(page.getByRole('table', { name: 'Data quality of device' })).toBeVisible();
  // No ECDF for a categorical column: the last one drawn stays mounted, out of sight.
  await expect(page.locator('.drift-detail svg').getByText('Cumulative distribution of', { exact: false })).toBeHidden();
  await shot('drift-02-categorical');
  await detailShot(page, 'device', 'drift-02b-detail-device');

  // The segment filter: a typo gives the engine's message with its caret; the fix reruns.
  const before = await page.getByTestId('drift-summary').innerText();
  const filter = page.getByRole('textbox', { name: 'Segment filter' });
  await filter.fill("devce = 'mobile'");
  await page.getByRole('button', { name: 'Apply filter' }).click();
  const err = page.locator('#drift-filter-error');
  await expect(err).toContainText('Filter error at position 1');
  await expect(err).toContainText('^');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  await shot('drift-03-filter-error');
  // The fix, written by the filter builder: it only edits the text, which is then applied as typed.
  await filter.fill('');
  const rowCounts = (text: string) => /([\d,]+) reference rows, ([\d,]+) current rows/.exec(text)?.slice(1);
  const countsBefore = rowCounts(before);
  expect(countsBefore).toBeDefined();
  const addCondition = page.getByRole('button', { name: '+ Condition' });
  await addCondition.click();
  await expect(addCondition).toHaveAttribute('aria-expanded', 'true');
  const builder = page.getByRole('group', { name: 'New condition' });
  const columnSelect = builder.getByLabel('Column');
  await expect(columnSelect).toBeFocused();
  await expect(builder.getByLabel('Join')).toHaveCount(0);
  await columnSelect.selectOption('device');
  await expect(builder.getByLabel('Operator').locator('option')).toHaveText(['=', '!=', 'IN', 'IS NULL', 'IS NOT NULL']);
  await builder.getByLabel('Operator').selectOption('=');
  await builder.getByLabel('Value').fill('mobile');
  await shot('drift-03b-filter-builder');
  await builder.getByLabel('Value').press('Enter');
  await expect(builder).toBeHidden();
  await expect(addCondition).toBeFocused();
  await expect(filter).toHaveValue("device = 'mobile'");
  // Nothing is applied until the user applies it.
  await expect(err).toBeVisible();
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect(err).toBeHidden();
  await expect(page.getByTestId('drift-summary')).toContainText("segment device = 'mobile'");
  const after = await page.getByTestId('drift-summary').innerText();
  expect(after).not.toBe(before);
  const countsAfter = rowCounts(after);
  expect(countsAfter).toBeDefined();
  const n = (s: string) => Number(s.replace(/\D/g, ''));
  expect(n(countsAfter![0])).toBeLessThan(n(countsBefore![0]));
  expect(n(countsAfter![1])).toBeLessThan(n(countsBefore![1]));
  // A numeric column offers ordering operators; Escape closes the row without touching the text.
  await addCondition.click();
  await expect(builder.getByLabel('Join')).toHaveValue('AND');
  await builder.getByLabel('Column').selectOption('age');
  await expect(builder.getByLabel('Operator').locator('option')).toContainText(['<', 'BETWEEN']);
  await builder.getByLabel('Column').press('Escape');
  await expect(builder).toBeHidden();
  await expect(filter).toHaveValue("device = 'mobile'");

  // Settings: PSI for every column at 0.2, chunks by month.
  await page.getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByRole('complementary', { name: 'Settings' });
  await panel.getByLabel('Test', { exact: true }).selectOption('psi');
  await panel.getByLabel('Threshold', { exact: true }).fill('0.2');
  await panel.getByLabel('Chunks of the current data').selectOption('week');
  await panel.getByRole('checkbox', { name: /Thresholds from reference chunks/ }).check();
  await shot('drift-04-settings');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(row(page, 'income').locator('td').first()).toHaveText('PSI');
  await expect(row(page, 'income').locator('td').nth(3)).toHaveText('0.2');
  await page.getByRole('button', { name: 'Close settings' }).click();
  await row(page, 'income').click();
  await expect(page.locator('.drift-detail')).toContainText('reference band (mean ± 3σ)');
  await detailShot(page, 'income', 'drift-04b-reference-band');
  // Back to calendar months with fixed thresholds.
  await page.getByRole('button', { name: 'Settings' }).click();
  await panel.getByLabel('Chunks of the current data').selectOption('month');
  await panel.getByRole('checkbox', { name: /Thresholds from reference chunks/ }).uncheck();
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Close settings' }).click();
  // A chart out of view is redrawn when it comes into view: in a window tall enough for all, the
  // over-time chart is drawn again, with its threshold and no band (nor a note about one).
  await page.setViewportSize({ width: 1440, height: 2200 });
  await expect(page.locator('.drift-detail')).not.toContainText('reference band', { timeout: 15_000 });
  await expect(page.locator('[data-chart="over-time:income"]')).toContainText('threshold');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Per-column override from the detail.
  await row(page, 'age').click();
  const override = page.getByRole('form', { name: 'Test for this column' });
  await override.getByLabel('Test for this column').selectOption('ks');
  await override.getByRole('button', { name: 'Apply' }).click();
  await expect(row(page, 'age').locator('td').first()).toHaveText('KS');

  // Reload: the pair's settings come back.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Drift' })).toBeVisible();
  await expect(grid(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('textbox', { name: 'Segment filter' })).toHaveValue("device = 'mobile'");
  await expect(row(page, 'income').locator('td').first()).toHaveText('PSI');
  await expect(row(page, 'age').locator('td').first()).toHaveText('KS');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('complementary', { name: 'Settings' }).getByLabel('Chunks of the current data')).toHaveValue('month');
  await page.getByRole('button', { name: 'Close settings' }).click();
  await shot('drift-05-after-reload');

  // A narrower window: table above, detail below.
  await page.setViewportSize({ width: 1280, height: 800 });
  await row(page, 'income').click();
  await chartsDrawn(page, 'income');
  await shot('drift-09-narrow');
});

/**
 * Every chart of the detail, as redrawn in place on the arrow keys (from the margins an earlier
 * column's chart ended with: renderer/src/shared/autoMargins.ts; without Plotly's check for x
 * labels past the div: plotly.ts keptLabels), against a fresh Plotly.newPlot of
 * the same figure with the spec's own margins: the same margins and the same SVG (elements,
 * attributes and styles; Plotly's random ids set aside).
 */
test('drift explorer: charts redrawn on the arrow keys are the charts a fresh draw gives', async ({ page, server }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  await page.setViewportSize({ width: 1440, height: 2200 });
  await loadDemo(page);
  await openDrift(page);
  const columns = await grid(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-column')!));
  expect(columns.length).toBeGreaterThan(3);
  await chartsDrawn(page, columns[0]);
  await selectedRow(page).focus();
  const checked: string[] = [];
  for (let i = 1; i < columns.length + 3; i++) {
    const column = columns[i < columns.length ? i : 2 * columns.length - 2 - i];
    await page.keyboard.press(i < columns.length ? 'ArrowDown' : 'ArrowUp');
    await chartsDrawn(page, column);
    const charts = await page.evaluate(async (margin) => {
      type Gd = HTMLElement & { data: unknown[]; layout: Record<string, unknown>; _fullLayout: { _uid: string; _size: Record<string, number> } };
      const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => /plotly/.test(n))!;
      const m = (await import(/* @vite-ignore */ url)) as { default?: unknown };
      const P = (m.default ?? m) as { newPlot(el: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<Gd>; purge(el: HTMLElement): void };
      const canon = (n: Node): string => {
        if (n.nodeType === Node.TEXT_NODE) return (n as Text).data;
        if (!(n instanceof Element)) return '';
        const style = n instanceof SVGElement || n instanceof HTMLElement ? [...n.style].sort().map((k) => `${k}:${n.style.getPropertyValue(k)}`).join(';') : '';
        const attrs = [...n.attributes].filter((a) => a.name !== 'style').map((a) => `${a.name}=${a.value}`);
        return `<${n.tagName} ${[...attrs, `style=${style}`].sort().join(' ')}>${[...n.childNodes].map(canon).join('')}</${n.tagName}>`;
      };
      const svg = (gd: Gd) => canon(gd.querySelector('.svg-container')!).split(gd._fullLayout._uid).join('UID').replace(/trace[0-9a-f]{6}/g, 'trace');
      const sides = (gd: Gd) => ['l', 'r', 't', 'b'].map((k) => gd._fullLayout._size[k]).join('/');
      const out = [];
      for (const gd of document.querySelectorAll<Gd>('.drift-layout__detail [data-chart]')) {
        const fresh = document.createElement('div');
        fresh.style.width = `${gd.clientWidth}px`;
        document.body.append(fresh);
        // The spec's layout as the screen draws it, without what the screen adds for speed (its margins, the x labels' overflow check skipped).
        const { ticklabeloverflow: _skipped, ...xaxis } = gd.layout.xaxis as Record<string, unknown>;
        const f = await P.newPlot(fresh, gd.data, { ...gd.layout, xaxis, margin: { ...(gd.layout.margin as object), ...margin } }, { displayModeBar: false, staticPlot: false, responsive: false, displaylogo: false, scrollZoom: false });
        out.push({ id: gd.dataset.chart!, margins: sides(gd), fresh: sides(f), same: svg(gd) === svg(f) });
        P.purge(fresh);
        fresh.remove();
      }
      return out;
    }, CHART_MARGIN);
    expect(charts.length).toBeGreaterThan(1);
    for (const c of charts) {
      expect(c.margins, c.id).toBe(c.fresh);
      expect(c.same, `${c.id}: the SVG of a fresh draw`).toBe(true);
      checked.push(c.id);
    }
  }
  // Both kinds of column, and every kind of chart, were compared.
  expect(new Set(checked.map((id) => id.slice(0, id.indexOf(':'))))).toEqual(new Set(['distribution', 'ecdf', 'over-time']));
});

test('drift explorer: empty state leads to Datasets', async ({ page, server, shot }) => {
  await openApp(page, server);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Drift', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Two datasets are needed' })).toBeVisible();
  await shot('drift-00-empty');
  await page.getByRole('button', { name: 'Go to Datasets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
});

test('drift explorer: hostile column names and categories stay text', async ({ page, server, writeFile, shot }) => {
  const csv = (shift: number) => {
    const lines = [`n,"${HOSTILE}",ts`];
    for (let i = 0; i < 400; i++) {
      const cat = i % 4 === 0 ? HOSTILE : i % 4 === 1 ? '<b>bold</b>' : `c${(i + shift) % 3}`;
      lines.push(`${(i * 7919) % 1000 + shift * 50},"${cat}",${new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString()}`);
    }
    return lines.join('\n') + '\n';
  };
  const cli = path.join(ROOT, 'bin/plumbline.js');
  for (const [name, shift] of [['hostile-ref', 0], ['hostile-cur', 1]] as const) {
    execFileSync(process.execPath, [cli, '--db', server.db, 'import', writeFile(`${name}.csv`, csv(shift)), '--name', name], { stdio: 'pipe' });
  }
  await openApp(page, server);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDrift(page);
  await expect(row(page, HOSTILE)).toBeVisible();
  await row(page, HOSTILE).click();
  await expect(title(page)).toContainText(HOSTILE);
  await chartsDrawn(page, HOSTILE);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('.drift-layout b')).toHaveCount(0);
  await shot('drift-06-hostile');
});
