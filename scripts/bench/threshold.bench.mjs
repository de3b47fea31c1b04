// Threshold slider benchmark (issue 11): the bench model log (1M rows, ~900k labelled) imported
// into a workspace, served by `plumbline serve`, opened on #/performance in a system Chromium
// (playwright-core). Measures, inside the page, the time from an ArrowRight keydown on the
// threshold slider to the frame after the threshold view (confusion heatmap, metric cards, cost)
// has been re-rendered and painted for the new threshold — from the result's table, with no engine
// call (requests to /api/ during the moves are counted and must be 0). Median of 60 moves; goal ≤
// 16 ms. Each move is paired with an anchor (a one-word change in the same view, measured the same
// way) so the figure can be read against the machine's frame clock and load. BENCH_TRACE=file.json
// writes a Chromium trace of the moves.
/* global document, location, performance, requestAnimationFrame, KeyboardEvent, MessageChannel, queueMicrotask */
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
  if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'blink', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
  const { moves: times, anchors, scripts, changed, tp } = await page.evaluate(async (n) => {
    const slider = document.querySelector('[role="slider"][aria-label="Decision threshold"]');
    const view = document.querySelector('.perf-threshold');
    const matrix = view.querySelector('[data-testid="confusion"]');
    // The anchor: a one-word text change in the same view, measured the same way, so the figure
    // can be read against what any redraw costs on this machine now (the frame clock, the load).
    const anchorNode = document.createElement('span');
    anchorNode.style.cssText = 'position:absolute;left:0;top:0;font-size:1px;opacity:0.01';
    view.appendChild(anchorNode);
    // Time from the event to the end of the first frame that shows its result: a frame callback
    // asked for before the event runs at the start of the next frame (after the change, which
    // React commits in a microtask), and a message posted from it runs once that frame is painted.
    // `script` is the event's own work (the key handler and React's render and commit).
    const painted = (mutate) =>
      new Promise((resolve) => {
        const t = performance.now();
        let script = NaN;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve({ total: performance.now() - t, script });
          ch.port2.postMessage(0);
        });
        mutate();
        queueMicrotask(() => (script = performance.now() - t));
      });
    const settle = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const moves = [];
    const anchors = [];
    const scripts = [];
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const before = matrix.textContent;
      const m = await painted(() => slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
      moves.push(m.total);
      scripts.push(m.script);
      if (matrix.textContent !== before) changed++;
      await settle();
      anchors.push((await painted(() => (anchorNode.textContent = String(i)))).total);
      await settle();
    }
    return { moves, anchors, scripts, changed, tp: view.querySelector('[data-cell="11"] strong').textContent };
  }, moves);
  if (process.env.BENCH_TRACE) await browser.stopTracing();
  await page.screenshot({ path: path.join(root, 'test-results', 'screens', 'performance-threshold-1m.png') });
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const median = q(times, 0.5);
  const anchor = q(anchors, 0.5);
  const labelled = await page.getByTestId('labelled').innerText();
  const [load1] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ');
  console.log(
    JSON.stringify({
      name: 'threshold',
      rows,
      labelled,
      true_positives_after: tp,
      moves: times.length,
      moves_that_changed_the_matrix: changed,
      first_run_s: +firstRun.toFixed(2),
      // key press → the painted frame with the new matrix, cards, cost and markers
      median_ms: +median.toFixed(2),
      p10_ms: +q(times, 0.1).toFixed(2),
      p90_ms: +q(times, 0.9).toFixed(2),
      // the key handler and React's render and commit, before the browser lays out and paints
      script_median_ms: +q(scripts, 0.5).toFixed(2),
      // the same for a one-word change, interleaved: the frame clock's share of the figure
      anchor_median_ms: +anchor.toFixed(2),
      anchor_p10_ms: +q(anchors, 0.1).toFixed(2),
      anchor_p90_ms: +q(anchors, 0.9).toFixed(2),
      ratio_to_anchor: +(median / anchor).toFixed(2),
      api_calls_during_moves: apiCalls,
      load_average: +load1,
      goal_ms: 16,
    }),
  );
} finally {
  await browser.close();
  server.kill();
}
