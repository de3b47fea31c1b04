// Shared by the analysis benchmarks: a workspace of the model log under .bench/, the built CLI run
// against it, and the median wall time of a whole command (process start to exit).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'bin', 'plumbline.js');

/** A CLI bound to one workspace file under .bench/. */
export function workspace(name) {
  const db = path.join(root, '.bench', `${name}.db`);
  const run = (args) => execFileSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  // A workspace kept from an older build is brought up to date by a command that opens it for
  // writing: the benches' in-process readers open it read-only, which cannot migrate.
  const exists = () => {
    if (!fs.existsSync(db)) return false;
    run(['datasets']);
    return true;
  };
  return { db, exists, run };
}

/** Median wall time of `times` runs of `fn` (after one warm-up run), and the last result. */
export function medianTime(fn, times = 3) {
  fn();
  const ts = [];
  let result;
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  ts.sort((a, b) => a - b);
  return { seconds: ts[Math.floor(ts.length / 2)], spread: [ts[0], ts[ts.length - 1]], result };
}

/** Runs a Python anchor script with Debian's interpreter (scipy/sklearn/pandas) and parses its JSON. */
export function python(script, args) {
  const py = spawnSync('/usr/bin/python3', [path.join(root, 'scripts', 'bench', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (py.status !== 0) throw new Error(`${script} failed: ${py.stderr}`);
  return JSON.parse(py.stdout);
}

export function relDiff(a, b) {
  return Math.abs(a - b) / Math.max(1e-12, Math.abs(b));
}
