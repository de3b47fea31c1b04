// `npm run bench`: runs every scripts/bench/*.bench.mjs in turn (each prints one JSON line as its
// last line of output), prints a summary and regenerates the README's bench table from the
// summaries that carry `readme` rows (scripts/bench/readme-table.mjs). Build first: the benches
// run the built CLI. `npm run bench -- drift` runs only the benches whose file names start so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage } from './interleave.mjs';
import { resultsFile, storeResults, writeReadme } from './readme-table.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const results = [];
let failed = false;
const loadBefore = loadAverage();
for (const file of benches) {
  process.stderr.write(`bench ${file} …\n`);
  const r = spawnSync(process.execPath, [path.join(here, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0) {
    failed = true;
    results.push({ name: file, error: `exit ${r.status}` });
    continue;
  }
  try {
    results.push(JSON.parse(last));
  } catch {
    failed = true;
    results.push({ name: file, error: `no JSON summary: ${last.slice(0, 200)}` });
  }
}
process.stdout.write('\nsummary\n');
for (const res of results) {
  const { name, ...rest } = res;
  process.stdout.write(`  ${name}: ${Object.entries(rest).map(([k, v]) => `${k}=${v}`).join('  ')}\n`);
}
process.stdout.write(`${JSON.stringify(results)}\n`);
const root = path.resolve(here, '..', '..');
const stored = storeResults(resultsFile(root), results.filter((r) => !r.error), { before: loadBefore, after: loadAverage() });
writeReadme(path.join(root, 'README.md'), stored);
process.stdout.write('README.md bench table regenerated from scripts/bench/results.json\n');
process.exitCode = failed ? 1 : 0;
