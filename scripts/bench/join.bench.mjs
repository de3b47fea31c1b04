// Join benchmark: `import labels.csv --join preds --on request_id` against a dataset with a text
// request_id (BENCH_ROWS rows, default 2M; labels file of as many lines, shuffled, 10% orphans, 1%
// repeated keys). Wall time and peak RSS (/usr/bin/time) of the join command as users run it
// (the joined numeric columns' sort into the column cache included), in BENCH_RUNS rounds (default 3; each joins into a fresh copy of the imported
// workspace), the ratio to the anchor taken within each round: median and spread.
// Anchor, same data, same run: sqlite3 itself doing the same work on a copy of a database where
// its own .import loaded the predictions — .import the labels, keep each key's first line, and
// write the joined columns for every prediction row in row order.
// PLUMBLINE_CLI runs another build (e.g. an older commit's bin/plumbline.js) on the same data.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinData } from './join-data.mjs';
import { loadAverage, summary } from './interleave.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 2_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cli = process.env.PLUMBLINE_CLI ?? path.join(root, 'bin', 'plumbline.js');
const { predictions, labels } = joinData(root, rows);
const work = path.join(root, '.bench', 'join-run');
fs.mkdirSync(work, { recursive: true });

function remove(db) {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
}

/** Wall time and peak RSS of one command (plumbline unless `cmd` is given). */
function timed(args, cmd = [process.execPath, cli]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', ...cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd[cmd.length - 1]} ${args.join(' ')} failed: ${r.stderr}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { seconds, rssMb: rss, stdout: r.stdout };
}

const base = path.join(work, 'base.db');
remove(base);
const imported = timed(['--db', base, 'import', predictions, '--name', 'preds', '--json']);
const sqliteBase = path.join(work, 'sqlite-base.db');
remove(sqliteBase);
timed([sqliteBase, '-cmd', '.mode csv', `.import ${predictions} p`], ['sqlite3']);
const SQL_JOIN = `CREATE TABLE joined AS SELECT p.rowid AS row, f.label, f.outcome FROM p LEFT JOIN
  (SELECT request_id, label, outcome, MIN(rowid) FROM l GROUP BY request_id) f USING (request_id) ORDER BY p.rowid;`;
const runDb = path.join(work, 'run.db');
const sqliteRun = path.join(work, 'sqlite-run.db');
const loadBefore = loadAverage();
const results = [];
const anchors = [];
let join;
for (let i = 0; i < runs; i++) {
  // Interleaved, so drift in machine load hits both alike.
  remove(runDb);
  fs.copyFileSync(base, runDb);
  if (fs.existsSync(`${base}-wal`)) fs.copyFileSync(`${base}-wal`, `${runDb}-wal`);
  const r = timed(['--db', runDb, 'import', labels, '--join', 'preds', '--on', 'request_id', '--json']);
  join = JSON.parse(r.stdout).join;
  results.push(r);
  remove(sqliteRun);
  fs.copyFileSync(sqliteBase, sqliteRun);
  anchors.push(timed([sqliteRun, '-cmd', '.mode csv', `.import ${labels} l`, SQL_JOIN], ['sqlite3']));
}
for (const db of [runDb, base, sqliteRun, sqliteBase]) remove(db);
const fmt = (x) => `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
const joinS = summary(results.map((x) => x.seconds), 2);
const anchorS = summary(anchors.map((x) => x.seconds), 2);
const ratio = summary(results.map((x, i) => x.seconds / anchors[i].seconds));
const peak = Math.round(Math.max(...results.map((x) => x.rssMb)));
const readme = [
  {
    what: `join of late labels: \`import labels.csv --join preds --on request_id\` (${(fs.statSync(labels).size / 1048576).toFixed(0)} MB, ${rows.toLocaleString('en')} lines, 10% orphans, 1% repeated keys) onto ${rows.toLocaleString('en')} predictions, whole command (sort of the joined numeric columns included)`,
    plumbline: fmt(joinS),
    peak: `${peak} MB`,
    anchor: `sqlite3: \`.import\` the labels, first line per key, joined columns for every prediction in row order: ${fmt(anchorS)}`,
    ratio,
    goal: '≤ 1.0',
    reached: ratio.median <= 1.0,
  },
];
console.log(
  JSON.stringify({
    name: 'join',
    rows,
    labels_mb: +(fs.statSync(labels).size / 1048576).toFixed(1),
    join_s: joinS,
    sqlite3_join_s: anchorS,
    ratio,
    goal_ratio: 1.0,
    join_peak_rss_mb: peak,
    import_s: +imported.seconds.toFixed(3),
    import_peak_rss_mb: Math.round(imported.rssMb),
    matched: join.matched,
    duplicate_keys: join.duplicateKeys,
    orphans: join.orphans,
    coverage: +join.coverage.toFixed(4),
    runs,
    load_average: { before: loadBefore, after: loadAverage() },
    readme,
  }),
);
