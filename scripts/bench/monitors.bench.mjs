// Monitors benchmark (issue 14): `plumbline check` with 20 monitors on a drift pair (1M rows each by
// default; BENCH_ROWS=10000000 for the 10M), each whole command with its peak RSS (GNU time),
// against its anchor in the same run: the same
// analyses run one by one with the CLI (one `plumbline drift --json` per monitor, as a pipeline
// without monitors would). The monitors share one analysis + datasets + options, so check runs the
// drift once. Interleaved pairs (check, then the anchor); the median ratio is reported with its
// spread and the load average, since the machine is shared.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { driftData, NUMERIC, CATEGORICAL } from './drift-data.mjs';
import { loadAverage, summary, timed } from './interleave.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const loadBefore = loadAverage();
const { ref, cur } = driftData(root, rows);
const db = path.join(root, '.bench', `monitors-${rows}.db`);
const cli = path.join(root, 'bin', 'plumbline.js');
const run = (args) => execFileSync(process.execPath, [cli, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

// 20 monitors: the dataset's share drifted, and a drift score for 19 columns.
const metrics = ['share_drifted', ...NUMERIC.map((c) => `drift_score:${c}`), ...CATEGORICAL.map((c) => `drift_score:${c}`)].slice(0, 20);
if (!fs.existsSync(db)) {
  run(['import', ref, '--name', 'ref']);
  run(['import', cur, '--name', 'cur']);
  metrics.forEach((metric, i) => run(['monitor', 'add', '--name', `m${i}`, '--analysis', 'drift', '--dataset', 'cur', '--reference', 'ref', '--metric', metric, '--condition', '> 0.5', '--severity', i % 2 ? 'warning' : 'critical']));
}

// Whole commands, each with its peak RSS: `check --json` (exit 1 or 2 when a monitor fires is
// expected; 3 is an error), and the anchor's 20 `drift --json` commands one after another.
const check = () => {
  const r = timed(process.execPath, [cli, '--db', db, 'check', '--json'], {}, [0, 1, 2]);
  return { ...r, out: JSON.parse(r.stdout) };
};
const anchor = () => {
  const each = metrics.map(() => timed(process.execPath, [cli, '--db', db, 'drift', '--reference', 'ref', '--current', 'cur', '--json']));
  return { seconds: each.reduce((t, r) => t + r.seconds, 0), rssMb: Math.max(...each.map((r) => r.rssMb)), out: JSON.parse(each[0].stdout) };
};

check(); // warm: the sorted-column cache and the page cache
const runs = [];
// BENCH_MAX_MINUTES: start no new pair after that long (10M rows under a shared machine's load
// can take most of an hour per anchor), so the summary below is always written.
const deadline = Date.now() + Number(process.env.BENCH_MAX_MINUTES ?? Infinity) * 60_000;
for (let i = 0; i < pairs && (i === 0 || Date.now() < deadline); i++) {
  const c = check();
  const a = anchor();
  runs.push({ check: c, anchor: a });
  console.error(`pair ${i + 1}: check ${c.seconds.toFixed(2)} s (${Math.round(c.rssMb)} MB), anchor ${a.seconds.toFixed(2)} s (${Math.round(a.rssMb)} MB), load ${loadAverage().join(' ')}`);
}
const last = runs[runs.length - 1];
// The same figures both ways, or the timing compares different work.
const score = (r, m) => (m === 'share_drifted' ? r.share_drifted : r.columns.find((c) => c.column === m.slice('drift_score:'.length)).statistic);
const maxDiff = Math.max(...last.check.out.evaluations.map((e) => Math.abs(e.value - score(last.anchor.out, e.metric))));
if (!(maxDiff < 1e-12)) throw new Error(`check and drift disagree by ${maxDiff}`);

const checkS = summary(runs.map((r) => r.check.seconds));
const anchorS = summary(runs.map((r) => r.anchor.seconds));
const ratio = summary(runs.map((r) => r.check.seconds / r.anchor.seconds));
const checkRss = Math.round(Math.max(...runs.map((r) => r.check.rssMb)));
const anchorRss = Math.round(Math.max(...runs.map((r) => r.anchor.rssMb)));
const fmt = (x) => `${x.median} s (${x.spread[0]}–${x.spread[1]})`;
// "In seconds" (issue 14): seconds, not the minutes of the analyses one by one — a whole check of
// 20 monitors within 30 s at up to 10M rows, and at most a tenth of the 20 analyses it replaces.
const goalSeconds = 30;
const goalRatio = 0.1;
const loadAfter = loadAverage();
const readme = [
  {
    what: `\`check --json\`, ${metrics.length} drift monitors on ${rows.toLocaleString('en')} vs ${rows.toLocaleString('en')} rows × 25 columns (the analysis runs ${last.check.out.runs} time(s)), whole command`,
    plumbline: fmt(checkS),
    peak: `${checkRss} MB`,
    anchor: `the same ${metrics.length} figures as ${metrics.length} \`drift --json\` commands one by one: ${fmt(anchorS)}, peak RSS ${anchorRss} MB`,
    ratio,
    goal: `≤ ${goalSeconds} s and ≤ ${goalRatio} of the analyses one by one`,
    reached: checkS.median <= goalSeconds && ratio.median <= goalRatio,
  },
];
console.log(
  JSON.stringify({
    name: rows === 1_000_000 ? 'monitors' : `monitors-${rows}`,
    rows_each: rows,
    monitors: metrics.length,
    analysis_runs: last.check.out.runs,
    pairs: runs.length,
    check_s: checkS,
    anchor_20_drift_s: anchorS,
    ratio,
    check_peak_rss_mb: checkRss,
    anchor_peak_rss_mb: anchorRss,
    load_average: { before: loadBefore, after: loadAfter },
    readme,
  }),
);
