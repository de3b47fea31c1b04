// Threshold slider benchmark (issue 11): the bench model log (1M rows, ~900k labelled) imported
// into a workspace, served by `plumbline serve`, opened on #/performance in a system Chromium
// (playwright-core). Measures, inside the page, the time from an ArrowRight keydown on the
// threshold slider to the frame after the threshold view (confusion heatmap, metric cards, cost)
// has been re-rendered for the new threshold — from the result's table, with no engine call
// (requests to /api/ during the moves are counted and must be 0). Median of 60 moves; goal ≤ 16 ms.
/* global document, location, performance, requestAnimationFrame, MutationObserver, KeyboardEvent */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { modelLogData } from './model-log-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const moves = Number(process.env.BENCH_SAMPLES ?? 60);
const chromiumPath = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
const cli = path.join(root, 'bin', 'plumbline.js');
const log = (m) => process.stderr.write(`threshold: ${m}\n`);

if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('Build first: node scripts/build.mjs');
const csv = modelLogData(root, rows);
// The performance bench's workspace (same rows), imported once.
const db = path.join(root, '.bench', `model-log-${rows}.db`);
if (!fs.existsSync(db)) {
  log('importing the model log…');
  execFileSync(process.execPath, [cli, '--db', db, 'import', csv, '--name', 'log'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const server = spawn(process.execPath, [cli, 'serve', '--no-open', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BROWSER: 'none' } });
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`no URL from plumbline serve: ${out}`)), 30_000);
  server.stdout.setEncoding('utf8').on('data', (d) => {
    out += d;
    const m = /Plumbline is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  server.once('exit', (code) => reject(new Error(`plumbline serve exited with ${code}: ${out}`)));
});

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForSelector('h1:has-text("Datasets")');
  const t0 = Date.now();
  await page.evaluate(() => (location.hash = '#/performance'));
  await page.waitForSelector('[role="slider"][aria-label="Decision threshold"]', { timeout: 600_000 });
  const firstRun = (Date.now() - t0) / 1000;
  log(`threshold view after ${firstRun.toFixed(2)} s`);
  let apiCalls = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/')) apiCalls++;
  });
  await page.focus('[role="slider"][aria-label="Decision threshold"]');
  await page.keyboard.press('Home');
  await page.waitForTimeout(300);
  const times = await page.evaluate(async (n) => {
    const slider = document.querySelector('[role="slider"][aria-label="Decision threshold"]');
    const view = document.querySelector('.perf-threshold');
    const out = [];
    for (let i = 0; i < n; i++) {
      const ms = await new Promise((resolve) => {
        let t = 0;
        const mo = new MutationObserver(() => {
          mo.disconnect();
          // The frame after React's commit: the redrawn matrix is on screen.
          requestAnimationFrame(() => resolve(performance.now() - t));
        });
        mo.observe(view, { subtree: true, childList: true, characterData: true, attributes: true });
        t = performance.now();
        slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      });
      out.push(ms);
      // Let the curve markers' restyle (scheduled for the next frame) finish before the next move.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return out;
  }, moves);
  await page.screenshot({ path: path.join(root, 'test-results', 'screens', 'performance-threshold-1m.png') });
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const labelled = await page.getByTestId('labelled').innerText();
  console.log(
    JSON.stringify({
      name: 'threshold',
      rows,
      labelled,
      moves: times.length,
      first_run_s: +firstRun.toFixed(2),
      median_ms: +median.toFixed(2),
      p90_ms: +sorted[Math.floor(sorted.length * 0.9)].toFixed(2),
      max_ms: +sorted[sorted.length - 1].toFixed(2),
      api_calls_during_moves: apiCalls,
      goal_ms: 16,
    }),
  );
} finally {
  await browser.close();
  server.kill();
}
