// Issue 15, "memory stays flat with rows for every analysis": the peak RSS of an analysis's whole
// command on the model log at 10,000,000 rows beside the same command at 1,000,000 rows, as a
// README row. Asked for with BENCH_BIG=1 only: the 10M log is ~0.9 GB of CSV and ~1.3 GB of
// workspace under .bench/ (made on first use, a minute or two), too long for the default run.
// Pairs (1M then 10M, BENCH_BIG_PAIRS, default 3) are interleaved; the ratio is 10M RSS / 1M RSS
// within each pair. A streamed analysis reads a few reused chunk-sized buffers, so its ratio is
// near 1; what still grows is SQLite's page cache (better-sqlite3 builds with a 16 MB cache_size,
// filled by the first 16 MB of chunks read — by 1M rows only partly).
import path from 'node:path';
import { root, workspace } from './cli-timing.mjs';
import { summary, timed } from './interleave.mjs';
import { modelLogData } from './model-log-data.mjs';

export const BIG_ROWS = 10_000_000;
const SMALL_ROWS = 1_000_000;

/** Whether this run measures the 10M-row memory rows. */
export const bigRun = () => process.env.BENCH_BIG === '1';

function modelLogWorkspace(rows) {
  const ws = workspace(`model-log-${rows}`);
  if (!ws.exists()) ws.run(['import', modelLogData(root, rows), '--name', 'log']);
  return ws.db;
}

/**
 * The README row: `name` the analysis, `args` its command after `--db <file>` (dataset "log"),
 * `growth` what still grows with rows by design (null: nothing, the goal is flat).
 */
export function memoryRow(name, args, growth = null) {
  const cli = path.join(root, 'bin', 'plumbline.js');
  const small = modelLogWorkspace(SMALL_ROWS);
  const big = modelLogWorkspace(BIG_ROWS);
  const run = (db) => timed(process.execPath, [cli, '--db', db, ...args]);
  run(big); // the file cache, once
  const pairs = [];
  for (let i = 0, n = Number(process.env.BENCH_BIG_PAIRS ?? 3); i < n; i++) {
    const a = run(small);
    const b = run(big);
    pairs.push({ small: a.rssMb, big: b.rssMb, smallS: a.seconds, bigS: b.seconds });
  }
  const mb = (xs) => summary(xs, 0);
  const s = (xs) => summary(xs, 2);
  const fmt = (x, unit) => `${x.median} ${unit} (${x.spread[0]}–${x.spread[1]})`;
  const ratio = summary(pairs.map((p) => p.big / p.small));
  const flatGoal = 1.3;
  return {
    what: `${name}: peak RSS of the whole command at ${BIG_ROWS.toLocaleString('en')} rows against ${SMALL_ROWS.toLocaleString('en')} (memory flat with rows${growth ? `; grows by design: ${growth}` : ''})`,
    plumbline: `10M rows: ${fmt(mb(pairs.map((p) => p.big)), 'MB')}, ${fmt(s(pairs.map((p) => p.bigS)), 's')}`,
    anchor: `1M rows: ${fmt(mb(pairs.map((p) => p.small)), 'MB')}, ${fmt(s(pairs.map((p) => p.smallS)), 's')}`,
    ratio,
    goal: `≤ ${flatGoal} (flat)`,
    reached: ratio.median <= flatGoal,
  };
}
