/// <reference lib="dom" />
/**
 * The Performance screen in browser mode on the bundled demo: the numbers equal the CLI's on the
 * same workspace, the threshold slider moves by keyboard and by its optimal-threshold marks and
 * redraws the matrix and cards from the result alone (no request per move), and the charts are
 * drawn. Screenshots at 1280×800 go to test-results/screens/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, ROOT, SCREENS_DIR, test, failOnPageErrors } from './fixtures';

failOnPageErrors();

interface CliOut {
  metrics: Record<string, number>;
  reference: { metrics: Record<string, number> };
  labelled: number;
  confusion: { matrix: number[][] };
  binary: { optimal: { f1: { threshold: number; value: number } } };
}

function cli(db: string, args: string[]): CliOut {
  return JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bin/plumbline.js'), '--db', db, 'performance', ...args, '--json'], { encoding: 'utf8' })) as CliOut;
}

const slider = (page: Page) => page.getByRole('slider', { name: 'Decision threshold' });
const cell = (page: Page, rc: string) => page.getByTestId('confusion').locator(`[data-cell="${rc}"] strong`);
const card = (page: Page, name: string) => page.getByTestId('threshold-cards').locator(`dd[data-metric="${name}"]`);
const count = (n: number) => n.toLocaleString('en-US');

async function plotsDrawn(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.perf-plot')].every((p) => p.dataset.plotted !== '' && p.dataset.plotted !== undefined && p.querySelector('.main-svg') !== null)))
    .toBe(true);
}

test('performance: demo numbers equal the CLI, threshold slider by keyboard and marks, charts drawn', async ({ page, server }) => {
  test.setTimeout(120_000);
  await openApp(page, server);
  // A workspace with data opens on the Overview; the demo is loaded from Datasets.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: /^Datasets/ }).click();
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Performance', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Performance' })).toBeVisible();
  await expect(page.getByTestId('metrics')).toBeVisible({ timeout: 30_000 });

  const want = cli(server.db, ['--dataset', 'demo-current', '--reference', 'demo-reference']);
  await expect(page.getByTestId('labelled')).toHaveText(count(want.labelled));
  for (const m of ['accuracy', 'f1', 'roc_auc', 'average_precision', 'log_loss']) {
    await expect(page.getByTestId('metrics').locator(`td[data-metric="${m}"]`)).toHaveText(String(Number(want.metrics[m].toPrecision(4))));
  }
  // The matrix at the result's threshold is the CLI's.
  const [[tn, fp], [fn, tp]] = want.confusion.matrix;
  await expect(cell(page, '00')).toHaveText(count(tn));
  await expect(cell(page, '01')).toHaveText(count(fp));
  await expect(cell(page, '10')).toHaveText(count(fn));
  await expect(cell(page, '11')).toHaveText(count(tp));
  await plotsDrawn(page);
  await page.screenshot({ path: path.join(SCREENS_DIR, 'performance-demo.png') });

  // Keyboard: Home = the lowest score (everything positive), End = the highest; no request per move.
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await slider(page).focus();
  await page.keyboard.press('Home');
  await expect(cell(page, '00')).toHaveText('0');
  await expect(cell(page, '10')).toHaveText('0');
  await page.keyboard.press('End');
  await expect(cell(page, '01')).toHaveText(/^\d{1,2}$/);
  const before = await page.getByTestId('threshold-value').innerText();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('threshold-value')).not.toHaveText(before);
  expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);

  // The best-F1 mark puts the threshold there and shows the CLI's best F1.
  await page.getByRole('button', { name: /^best F1/ }).click();
  await expect(page.getByTestId('threshold-value')).toHaveText(want.binary.optimal.f1.threshold.toPrecision(4));
  await expect(card(page, 'F1')).toHaveText(want.binary.optimal.f1.value.toFixed(3));
  await page.locator('.perf-threshold').scrollIntoViewIfNeeded();
  await page.locator('.perf-threshold').screenshot({ path: path.join(SCREENS_DIR, 'performance-threshold.png') });

  // Over time with coverage and segments: settings on the screen, as the CLI flags.
  await page.getByRole('combobox', { name: 'Chunk' }).fill('week');
  await page.getByRole('combobox', { name: 'Segments by' }).selectOption('region');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('segments')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Over time' })).toBeVisible();
  await plotsDrawn(page);
  const seg = cli(server.db, ['--dataset', 'demo-current', '--reference', 'demo-reference', '--chunk', 'week', '--by', 'region']) as CliOut & { segments: { rows: { value: string }[] }[] };
  await expect(page.getByTestId('segments').locator('tbody tr th').first()).toHaveText(seg.segments[0].rows[0].value);
  await page.getByRole('heading', { name: 'Over time' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'performance-over-time.png') });
  await page.getByRole('heading', { name: /^Metrics/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENS_DIR, 'performance-metrics.png') });
});

/** A scored log big enough (600k rows) that a run is still computing when the test clicks Cancel. */
function bigLog(rows: number): Buffer {
  const parts: string[] = ['id,score,label,segment\n'];
  for (let i = 0; i < rows; i++) {
    const s = ((i * 7919) % 10007) / 10007;
    parts.push(`${i},${s.toFixed(4)},${(i * 31) % 100 < 100 * s ? 1 : 0},s${i % 50}\n`);
  }
  return Buffer.from(parts.join(''));
}

test('performance: Cancel during a long first computation says cancelled and keeps the previous result', async ({ page, server, writeFile }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, [path.join(ROOT, 'bin/plumbline.js'), '--db', server.db, 'import', writeFile('big-log.csv', bigLog(600_000)), '--name', 'big-log'], { stdio: 'ignore' });
  await openApp(page, server);
  // A workspace with data opens on the Overview; the demo is loaded from Datasets.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: /^Datasets/ }).click();
  await page.getByRole('button', { name: 'Load demo data' }).first().click();
  await expect(page.getByRole('status')).toContainText('Loaded the demo', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Performance', exact: true }).click();
  const summary = page.getByTestId('perf-summary');
  await expect(summary).toContainText('“demo-current”', { timeout: 30_000 });
  const accuracy = await page.getByTestId('metrics').locator('td[data-metric="accuracy"]').innerText();

  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('big-log');
  await page.getByRole('combobox', { name: 'Segments by' }).selectOption('segment');
  // Run, then Cancel as soon as the button appears, inside the page: on a quiet machine the 600k-row
  // run takes a few hundred milliseconds, less than a round trip of separate Playwright clicks.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const cancelNow = () => {
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
          if (!button) return false;
          button.click();
          resolve();
          return true;
        };
        const seen = new MutationObserver(() => cancelNow() && seen.disconnect());
        seen.observe(document.body, { childList: true, subtree: true });
        [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Run')!.click();
      }),
  );
  await expect(page.locator('.notice[role="status"]')).toHaveText('The analysis was cancelled; the previous result is shown.');
  await expect(summary).toContainText('“demo-current”');
  await expect(page.getByTestId('metrics').locator('td[data-metric="accuracy"]')).toHaveText(accuracy);
  await expect(page.getByTestId('segments')).toHaveCount(0);

  // The engine stopped and serves the next run: the big log's own result.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary).toContainText('“big-log”', { timeout: 120_000 });
  await expect(page.getByTestId('labelled')).toHaveText('600,000');
});
