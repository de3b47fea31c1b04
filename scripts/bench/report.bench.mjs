// Report benchmark (issues 5 and 10): the demo report (~17 pages, 15 Plotly charts) to PDF.
// 1. Cold: the whole `plumbline report … --out report.pdf --json` command, process start to exit
//    (analysis, HTML, Chromium launch, Plotly loaded and charts drawn, print, pdf-lib, write, audit).
//    Goal ≤ 3 s. Anchor, interleaved pair by pair: scripts/bench/report-floor.mjs — a process that
//    launches the same Chromium and prints the same report's HTML without its charts (the floor).
// 2. Warm: a second export in a long-lived process — the browser-mode server's engine worker
//    (dist/engine/worker.js, its Chromium and chart page kept warm). Goal ≤ 1.5 s. Anchor: a warm
//    page printing the chart-less HTML, interleaved.
// BENCH_PAIRS pairs each (default 5). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadAverage, summary, timed } from './interleave.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, '.bench');
fs.mkdirSync(dir, { recursive: true });
const db = path.join(dir, 'report.db');
const out = path.join(dir, 'report.pdf');
const cli = path.join(root, 'bin', 'plumbline.js');
const pairs = Number(process.env.BENCH_PAIRS ?? 5);
const run = (args) => execFileSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const loadBefore = loadAverage();

if (!fs.existsSync(db)) {
  run(['import', path.join(root, 'assets', 'demo', 'reference.csv'), '--name', 'reference']);
  run(['import', path.join(root, 'assets', 'demo', 'current.csv'), '--name', 'current']);
}
const args = ['report', '--reference', 'reference', '--current', 'current', '--chunk', '3000', '--out', out, '--json'];
run(args); // warm the page cache and Chromium's files

// The anchor's document: this report's own HTML, its charts taken out.
const htmlOut = path.join(dir, 'report.html');
run(['report', '--reference', 'reference', '--current', 'current', '--chunk', '3000', '--out', htmlOut, '--json']);
const full = fs.readFileSync(htmlOut, 'utf8');
const bare = full.replace(/<figure class="chart[^"]*">[\s\S]*?<\/figure>/g, '');
const chartsTaken = (full.match(/<figure class="chart/g) ?? []).length;
if (chartsTaken === 0 || bare.includes('<svg class="main-svg"')) throw new Error(`the anchor's HTML still holds charts (${chartsTaken} taken out)`);
const bareFile = path.join(dir, 'report-bare.html');
fs.writeFileSync(bareFile, bare);
const floorPdf = path.join(dir, 'report-floor.pdf');
const floorScript = path.join(root, 'scripts', 'bench', 'report-floor.mjs');

// 1. Cold, interleaved with the floor.
const cold = [];
let last;
for (let i = 0; i < pairs; i++) {
  const mine = timed(process.execPath, [cli, '--db', db, ...args]);
  last = JSON.parse(mine.stdout);
  const floor = timed(process.execPath, [floorScript, bareFile, floorPdf]);
  cold.push({ mine, floor });
}

// 2. Warm: the browser-mode engine worker, two exports to warm it, then timed exports, each
//    paired with a print by the warm floor process.
const worker = new Worker(path.join(root, 'dist', 'engine', 'worker.js'), { workerData: { dbPath: db, assetsDir: path.join(root, 'assets') } });
const waiting = new Map();
worker.on('message', (m) => {
  if (m.type === 'result') waiting.get(m.id)?.(m);
});
await new Promise((resolve, reject) => {
  worker.once('message', (m) => (m.type === 'ready' ? resolve() : reject(new Error(m.message))));
  worker.once('error', reject);
});
let callId = 0;
const exportWarm = (file) =>
  new Promise((resolve, reject) => {
    const id = `bench-${callId++}`;
    const t0 = process.hrtime.bigint();
    waiting.set(id, (m) => {
      waiting.delete(id);
      if (!m.ok) return reject(new Error(m.error.message));
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, value: m.value });
    });
    const options = { overTime: { chunk: { by: 'count', size: 3000 }, thresholds: 'fixed' } };
    worker.postMessage({ type: 'call', id, method: 'exportReport', args: { reference: 'reference', current: 'current', options, out: file } });
  });
const warmOut = path.join(dir, 'report-warm.pdf');
await exportWarm(warmOut);
await exportWarm(warmOut);
const floor = spawn(process.execPath, [floorScript, bareFile, floorPdf, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
const floorLines = readline.createInterface({ input: floor.stdout });
const nextLine = () => new Promise((resolve) => floorLines.once('line', resolve));
if ((await nextLine()) !== 'ready') throw new Error('the warm floor did not start');
const warm = [];
let warmLast;
for (let i = 0; i < pairs; i++) {
  const mine = await exportWarm(warmOut);
  warmLast = mine.value;
  const answer = nextLine();
  floor.stdin.write('run\n');
  warm.push({ mine, floor: JSON.parse(await answer) });
}
floor.stdin.end();
// As startEngineWorker's terminate(): the worker closes its warm Chromium first (no profile left in /tmp).
await new Promise((resolve) => {
  worker.on('message', (m) => m.type === 'shut-down' && resolve());
  worker.postMessage({ type: 'shutdown' });
});
await worker.terminate();
if (warmLast.pages !== last.pages) throw new Error(`the warm export has ${warmLast.pages} pages, the command's ${last.pages}`);

const fmt = (x) => `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
const coldS = summary(cold.map((r) => r.mine.seconds));
const coldFloor = summary(cold.map((r) => r.floor.seconds));
const coldRatio = summary(cold.map((r) => r.mine.seconds / r.floor.seconds));
const warmS = summary(warm.map((r) => r.mine.seconds));
const warmFloor = summary(warm.map((r) => r.floor.seconds));
const warmRatio = summary(warm.map((r) => r.mine.seconds / r.floor.seconds));
const rss = Math.max(...cold.map((r) => r.mine.rssMb));
const readme = [
  {
    what: `demo report to PDF (${last.pages} pages, ${chartsTaken} Plotly charts), whole \`report … --out report.pdf\` command, cold`,
    plumbline: `${fmt(coldS)}, peak RSS ${Math.round(rss)} MB (Node; Chromium apart)`,
    anchor: `Chromium launched to print the same HTML without charts (playwright-core, the printer's flags): ${fmt(coldFloor)}`,
    ratio: coldRatio,
    goal: '≤ 3 s',
    reached: coldS.median <= 3,
  },
  {
    what: 'the same report exported again in a long-lived process (browser-mode engine worker: Chromium and Plotly warm)',
    plumbline: fmt(warmS),
    anchor: `a warm Chromium page printing the chart-less HTML: ${fmt(warmFloor)}`,
    ratio: warmRatio,
    goal: '≤ 1.5 s',
    reached: warmS.median <= 1.5,
  },
];
console.log(
  JSON.stringify({
    name: 'report',
    pages: last.pages,
    bytes: last.bytes,
    charts: chartsTaken,
    pairs,
    command_s: coldS,
    floor_s: coldFloor,
    command_over_floor: coldRatio,
    in_engine_s: summary(cold.map((r) => JSON.parse(r.mine.stdout).seconds)),
    warm_export_s: warmS,
    warm_floor_s: warmFloor,
    warm_over_floor: warmRatio,
    goal_s: 3,
    goal_warm_s: 1.5,
    load_average: { before: loadBefore, after: loadAverage() },
    readme,
  }),
);
