// Report benchmark (issue 5): a ~20-page PDF report of the demo data, from command to file —
// `plumbline report … --out report.pdf` timed from process start to exit (analysis, HTML, Chromium
// launch and print, pdf-lib metadata and attachment, write, audit). Goal ≤ 3 s. Median of 3 warm runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, '.bench');
fs.mkdirSync(dir, { recursive: true });
const db = path.join(dir, 'report.db');
const out = path.join(dir, 'report.pdf');
const cli = path.join(root, 'bin', 'plumbline.js');
const run = (args) => execFileSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

if (!fs.existsSync(db)) {
  run(['import', path.join(root, 'assets', 'demo', 'reference.csv'), '--name', 'reference']);
  run(['import', path.join(root, 'assets', 'demo', 'current.csv'), '--name', 'current']);
}
const args = ['report', '--reference', 'reference', '--current', 'current', '--chunk', '3000', '--out', out, '--json'];
run(args); // warm the page cache and Chromium's files

const times = [];
let last;
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  last = JSON.parse(run(args));
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    name: 'report',
    pages: last.pages,
    bytes: last.bytes,
    command_s: +times[1].toFixed(3),
    min_s: +times[0].toFixed(3),
    in_engine_s: last.seconds,
    goal_s: 3,
  }),
);
