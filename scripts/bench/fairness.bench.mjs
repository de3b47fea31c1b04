// Fairness benchmark (issue 12): the whole `fairness --json` command on 1M rows with 3 attributes
// and their intersection against pandas computing the same group table in memory (goal: ≤ 0.2 of
// pandas' time), and the same command with 1,000 bootstrap resamples (goal: ≤ 5 s).
// The machine is shared, so each round runs the command, the bootstrap command, the CLI's bare
// start-up (`--version`) and the pandas anchor back to back, and a ratio is taken within a round:
// the figures are medians over BENCH_ROUNDS (default 5) rounds with their spread, in wall time and
// — less sensitive to other processes — in CPU time (user + system of the whole process, from
// /usr/bin/time; pandas' own process_time of the compute).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelLogData } from './model-log-data.mjs';
import { python, relDiff, root, workspace } from './cli-timing.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const cli = path.join(root, 'bin', 'plumbline.js');
const base = ['fairness', '--dataset', 'log', '--attribute', 'race', '--attribute', 'sex', '--attribute', 'age_cat', '--intersect', '--label', 'label', '--score', 'score', '--threshold', '0.5', '--json'];
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall and CPU seconds of one whole CLI command, and its stdout. */
function timed(args) {
  const t0 = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'CPU %U %S', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`plumbline ${args.join(' ')} failed: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, out: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
const db = ['--db', ws.db];

timed([...db, ...base]); // warm the page cache and the column cache once
const r = { table: [], tableCpu: [], boot: [], bootCpu: [], startup: [], startupCpu: [], pandas: [], pandasCpu: [], ratio: [], ratioCpu: [] };
let table;
let pd;
const load = [];
for (let i = 0; i < rounds; i++) {
  load.push(os.loadavg()[0]);
  const t = timed([...db, ...base]);
  table = JSON.parse(t.out);
  const b = timed([...db, ...base, '--bootstrap', '1000', '--seed', '1']);
  const s = timed(['--version']);
  pd = python('fairness_pandas.py', [csv, '0.5', '1']);
  r.table.push(t.wall);
  r.tableCpu.push(t.cpu);
  r.boot.push(b.wall);
  r.bootCpu.push(b.cpu);
  r.startup.push(s.wall);
  r.startupCpu.push(s.cpu);
  r.pandas.push(pd.seconds);
  r.pandasCpu.push(pd.cpu_seconds);
  r.ratio.push(t.wall / pd.seconds);
  r.ratioCpu.push(t.cpu / pd.cpu_seconds);
}
let maxRel = 0;
for (const g of table.groups) {
  const want = pd.fpr[`${g.attribute}=${g.group}`];
  if (want !== undefined) maxRel = Math.max(maxRel, relDiff(g.fpr, want));
}
const fixed = (x) => +x.toFixed(3);
console.log(
  JSON.stringify({
    name: 'fairness',
    rows,
    rounds,
    load_1min: `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`,
    groups: table.groups.length,
    plumbline_command_s: fixed(median(r.table)),
    spread_s: spread(r.table),
    plumbline_command_cpu_s: fixed(median(r.tableCpu)),
    cli_startup_s: fixed(median(r.startup)),
    cli_startup_cpu_s: fixed(median(r.startupCpu)),
    pandas_compute_s: fixed(median(r.pandas)),
    pandas_compute_cpu_s: fixed(median(r.pandasCpu)),
    ratio: fixed(median(r.ratio)),
    ratio_spread: spread(r.ratio),
    ratio_cpu: fixed(median(r.ratioCpu)),
    ratio_cpu_spread: spread(r.ratioCpu),
    goal_ratio: 0.2,
    bootstrap_1000_command_s: fixed(median(r.boot)),
    bootstrap_spread_s: spread(r.boot),
    bootstrap_1000_command_cpu_s: fixed(median(r.bootCpu)),
    goal_bootstrap_s: 5,
    max_rel_diff_fpr_vs_pandas: maxRel,
  }),
);
