// Drift explorer redraw benchmark (issue 4): 1M vs 1M rows (12 numerical + 7 categorical
// columns, the same cached CSVs as the drift benchmark), imported into a workspace, served by
// `plumbline serve`, opened on #/drift in a system Chromium (playwright-core). Measures, inside
// the page, the time from the ArrowDown keydown on the table to the frame after every chart of the
// column detail has been redrawn for the new column (Plotly.react resolved; the charts mark their
// div with data-plotted = column). Median of 20 column changes; goal ≤ 100 ms.
/* global window, document, localStorage, location, performance, requestAnimationFrame, MutationObserver */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importOnce, launchChromium, requireBuild, root, screensDir, servePlumbline } from './browser-harness.mjs';
import { loadAverage, summary } from './interleave.mjs';
import { driftData } from './drift-data.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 20);
// A window tall enough for every chart of the detail (e.g. 2200) measures all three redrawn.
const viewport = { width: 1440, height: Number(process.env.BENCH_HEIGHT ?? 900) };
const log = (m) => process.stderr.write(`explorer: ${m}\n`);

requireBuild();
const loadBefore = loadAverage();
const { ref, cur } = driftData(root, rows);
const db = importOnce(path.join(root, '.bench', `explorer-${rows}.db`), [[ref, 'ref'], [cur, 'cur']], log);
const server = await servePlumbline(db);
const url = server.url;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  await page.waitForSelector('h1', { timeout: 120_000 }); // the first screen (Overview, or Datasets in an empty workspace)
  // Compare ref → cur, whatever pair an earlier session remembered.
  await page.evaluate(() => localStorage.setItem('plumbline.drift.pair', JSON.stringify({ reference: 'ref', current: 'cur' })));
  const t0 = Date.now();
  await page.evaluate(() => (location.hash = '#/drift'));
  const shots = screensDir();
  // The running state (progress, elapsed time, Cancel), photographed while the 1M-row analysis runs.
  await page
    .waitForSelector('.run-status', { timeout: 30_000 })
    .then(() => page.waitForTimeout(1200))
    .then(() => page.screenshot({ path: path.join(shots, 'drift-07-running-1m.png') }))
    .catch(() => log('no running state seen (the analysis finished first)'));
  await page.waitForSelector('[role="grid"][aria-label="Columns by drift score"] tbody tr', { timeout: 600_000 });
  const timeToTable = (Date.now() - t0) / 1000;
  const columns = await page.$$eval('[role="grid"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-column')));
  log(`table of ${columns.length} columns after ${timeToTable.toFixed(2)} s`);

  await page.evaluate(() => {
    // Every chart drawn for `column`, or (scrolled out of view) marked to be drawn when it is seen.
    const allDrawn = (column) => {
      // Each chart is the drift module's spec for the column: data-chart = `distribution:<column>`, …
      const plots = [...document.querySelectorAll('.drift-layout__detail [data-chart]')];
      const mine = (p) => p.dataset.chart.endsWith(`:${column}`);
      return plots.length > 0 && plots.every(mine) && plots.some((p) => p.dataset.plotted === p.dataset.chart) && plots.every((p) => p.dataset.plotted === p.dataset.chart || p.dataset.plotPending === p.dataset.chart);
    };
    window.__allDrawn = allDrawn;
    // The anchor: a one-word text change in the same view, timed the same way (change → the frame after).
    const anchorNode = document.createElement('span');
    anchorNode.style.cssText = 'position:absolute;left:0;top:0;font-size:1px;opacity:0.01';
    document.querySelector('.drift-layout__detail').parentElement.appendChild(anchorNode);
    window.__anchor = (text) =>
      new Promise((resolve) => {
        const start = performance.now();
        anchorNode.textContent = text;
        requestAnimationFrame(() => resolve(performance.now() - start));
      });
    /** Arms a measurement: window.__redraw resolves with ms from the next keydown to the frame after the detail is redrawn for the newly selected column. */
    window.__arm = () => {
      window.__redraw = new Promise((resolve, reject) => {
        let start = null;
        const timer = setTimeout(() => reject(new Error('no redraw within 10 s')), 10_000);
        const onKey = () => {
          start = performance.now();
          document.removeEventListener('keydown', onKey, true);
        };
        document.addEventListener('keydown', onKey, true);
        const detail = document.querySelector('.drift-layout__detail');
        let committed = null;
        const check = () => {
          if (start === null) return;
          const column = detail.getAttribute('data-selected');
          if (committed === null && detail.querySelector('.drift-detail')?.getAttribute('data-column') === column) committed = performance.now();
          if (!allDrawn(column) || detail.querySelector('.drift-detail')?.getAttribute('data-column') !== column) return;
          const drawn = performance.now();
          mo.disconnect();
          requestAnimationFrame(() => {
            clearTimeout(timer);
            const end = performance.now();
            const all = [...detail.querySelectorAll('[data-chart]')];
            const kind = (p) => p.dataset.chart.slice(0, p.dataset.chart.indexOf(':'));
            const plots = Object.fromEntries(all.filter((p) => p.dataset.plotted === p.dataset.chart).map((p) => [kind(p), Number(p.dataset.plotMs)]));
            const deferred = all.filter((p) => p.dataset.plotPending === p.dataset.chart).map(kind);
            resolve({ ms: end - start, column, charts: all.length, drawn: Object.keys(plots).length, deferred, plots, commit_ms: committed - start, drawn_ms: drawn - start });
          });
        };
        const mo = new MutationObserver(check);
        mo.observe(detail, { subtree: true, attributes: true, attributeFilter: ['data-plotted', 'data-plot-pending', 'data-selected', 'data-column'], childList: true });
      });
    };
  });

  // The first column's charts, drawn once (this includes loading plotly).
  const first = columns[0];
  await page.waitForFunction((c) => window.__allDrawn(c), first, { timeout: 60_000 });
  await page.focus('[role="grid"] tbody tr[aria-selected="true"]');

  // BENCH_PROFILE=<file.cpuprofile>: the renderer's CPU profile over the measured column changes.
  const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // The renderer main thread's CPU time per change (CDP Performance.getMetrics ThreadTime): what
  // the redraw costs whatever else the shared cores run, beside the wall-clock times.
  const perf = await page.context().newCDPSession(page);
  await perf.send('Performance.enable', { timeDomain: 'threadTicks' });
  const threadTime = async () => (await perf.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
  const results = [];
  let index = 0;
  let direction = 1;
  for (let i = 0; i < samples + 2; i++) {
    if (index + direction < 0 || index + direction >= columns.length) direction = -direction;
    index += direction;
    await page.evaluate(() => window.__arm());
    const cpu0 = await threadTime();
    await page.keyboard.press(direction > 0 ? 'ArrowDown' : 'ArrowUp');
    const r = await page.evaluate(() => window.__redraw);
    r.cpu_ms = ((await threadTime()) - cpu0) * 1000;
    r.anchor_ms = await page.evaluate((t) => window.__anchor(t), `w${i}`);
    if (r.column !== columns[index]) throw new Error(`expected ${columns[index]} selected, got ${r.column}`);
    if (process.env.BENCH_VERBOSE) log(`${r.column}: ${r.ms.toFixed(1)} ms, main thread CPU ${r.cpu_ms.toFixed(1)} ms (React commit ${r.commit_ms.toFixed(1)}, charts drawn ${r.drawn_ms.toFixed(1)}; Plotly.react settled after ${JSON.stringify(r.plots)}; out of view, deferred: ${r.deferred.join(', ') || 'none'})`);
    if (i >= 2) results.push(r); // two warm-up changes
  }
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
    log(`CPU profile written to ${process.env.BENCH_PROFILE}`);
  }
  await page.screenshot({ path: path.join(shots, 'drift-08-explorer-1m.png') });
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const p90 = ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.9))];
  const redraw = summary(ms, 1);
  const anchor = summary(results.map((r) => r.anchor_ms), 1);
  const cpu = summary(results.map((r) => r.cpu_ms), 1);
  const what = `drift explorer, ${rows.toLocaleString('en')} vs ${rows.toLocaleString('en')} rows (${columns.length} columns), ${viewport.width}×${viewport.height}: ArrowDown/Up on the drift table → the frame after every chart of the column detail in view is redrawn for the new column (in-page performance.now, ${ms.length} changes; p90 ${p90.toFixed(1)} ms)`;
  const readme = [
    {
      what,
      plumbline: `${redraw.median} ms (${redraw.spread[0]}–${redraw.spread[1]})`,
      anchor: `a one-word text change in the same view, change → the frame after: ${anchor.median} ms (${anchor.spread[0]}–${anchor.spread[1]})`,
      ratio: summary(results.map((r) => r.ms / Math.max(r.anchor_ms, 0.01)), 2),
      goal: '≤ 100 ms median',
      reached: redraw.median <= 100,
    },
    {
      what: 'drift explorer, the same changes: CPU time of the renderer main thread per change (CDP Performance ThreadTime; what the redraw costs whatever else the shared cores run)',
      plumbline: `${cpu.median} ms (${cpu.spread[0]}–${cpu.spread[1]})`,
      anchor: '—',
      ratio: null,
      goal: '—',
      reached: null,
    },
  ];
  const median = (xs) => (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2);
  const byCharts = (n) => median(results.filter((r) => r.charts === n).map((r) => r.ms).sort((a, b) => a - b));
  console.log(
    JSON.stringify({
      name: 'explorer',
      rows_each: rows,
      columns: columns.length,
      time_to_table_s: +timeToTable.toFixed(2),
      redraw_samples: ms.length,
      redraw_median_ms: +median(ms).toFixed(1),
      redraw_p90_ms: +p90.toFixed(1),
      anchor_median_ms: anchor.median,
      redraw_max_ms: +ms[ms.length - 1].toFixed(1),
      main_thread_cpu_median_ms: +median(results.map((r) => r.cpu_ms).sort((a, b) => a - b)).toFixed(1),
      redraw_median_numerical_ms: results.some((r) => r.charts === 3) ? +byCharts(3).toFixed(1) : null,
      redraw_median_categorical_ms: results.some((r) => r.charts === 2) ? +byCharts(2).toFixed(1) : null,
      plotly_react_median_ms: Object.fromEntries(
        ['distribution', 'ecdf', 'over-time'].map((k) => {
          const xs = results.filter((r) => k in r.plots).map((r) => r.plots[k]).sort((a, b) => a - b);
          return [k, xs.length ? +median(xs).toFixed(1) : null];
        }),
      ),
      charts_per_change: +median(results.map((r) => r.charts).sort((a, b) => a - b)).toFixed(1),
      charts_drawn_per_change: +median(results.map((r) => r.drawn).sort((a, b) => a - b)).toFixed(1),
      viewport: `${viewport.width}x${viewport.height}`,
      cpus: os.cpus().length,
      loadavg_1m: +os.loadavg()[0].toFixed(2),
      goal_ms: 100,
      load_average: { before: loadBefore, after: loadAverage() },
      readme,
    }),
  );
} finally {
  await browser.close();
  server.stop();
}
