// Fairness benchmark (issue 12), on 1M rows with 3 attributes (race, sex, age_cat) and their
// intersection, against pandas computing the same group table on a DataFrame already in memory
// (fairness_pandas.py --serve, loaded once). Two footings, both printed as README rows:
//  (a) the whole `fairness --json` command (process start to exit: Node start-up, opening the
//      workspace, reading five columns, the compute, JSON out) over pandas' in-memory compute;
//  (b) Plumbline's in-process compute on columns already in memory (fairness-compute.mjs --serve,
//      the `fairnessAnalysis.compute` the CLI calls) over the same pandas compute — like for like.
// Goal for the table: ≤ 0.2 of pandas. Bootstrap: the whole command with 1,000 resamples, goal ≤ 5 s.
// The machine is shared, so each round runs every measurement back to back and each ratio is taken
// within its round; figures are medians over BENCH_ROUNDS (default 5) rounds with their spread, in
// wall time (the README rows) and CPU time (user + system; less sensitive to other processes).
// BENCH_BIG=1 adds the peak RSS of the command at 10M rows against 1M (memory-rows.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { modelLogData } from './model-log-data.mjs';
import { relDiff, root, workspace } from './cli-timing.mjs';
import { loadAverage, pythonAnchor, summary } from './interleave.mjs';
import { bigRun, memoryRow } from './memory-rows.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const csv = modelLogData(root, rows);
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', csv, '--name', 'log']);
const loadBefore = loadAverage();
const cli = path.join(root, 'bin', 'plumbline.js');
const base = ['--db', ws.db, 'fairness', '--dataset', 'log', '--attribute', 'race', '--attribute', 'sex', '--attribute', 'age_cat', '--intersect', '--label', 'label', '--score', 'score', '--threshold', '0.5', '--json'];
const bootArgs = [...base, '--bootstrap', '1000', '--seed', '1'];
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall and CPU seconds (user + system, from /usr/bin/time), peak RSS of one whole CLI command, and its stdout. */
function command(args) {
  const t0 = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'CPU %U %S %M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`plumbline ${args.join(' ')} failed: ${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  return { seconds, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, rssMb: m ? Number(m[3]) / 1024 : NaN, out: r.stdout };
}

/** Plumbline's compute kept loaded (columns in memory): `await compute(resamples)` per run. */
function computeServer() {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'bench', 'fairness-compute.mjs'), ws.db, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const ready = next().then((l) => {
    if (l !== 'ready') throw new Error(`fairness-compute did not start: ${l}`);
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w(JSON.stringify({ error: `fairness-compute exited ${code}` }));
  });
  return {
    ready,
    async compute(resamples) {
      const answer = next();
      child.stdin.write(`run ${resamples}\n`);
      const r = JSON.parse(await answer);
      if (r.error) throw new Error(r.error);
      return r;
    },
    stop: () => child.kill(),
  };
}

const pandas = pythonAnchor(path.join(root, 'scripts', 'bench', 'fairness_pandas.py'), [csv, '0.5']);
const plumbline = computeServer();
await Promise.all([pandas.ready, plumbline.ready]);
command(base); // warm the page cache once

const runs = [];
let table;
for (let i = 0; i < rounds; i++) {
  const t = command(base);
  table = JSON.parse(t.out);
  const pd = await pandas.compute();
  const inTable = await plumbline.compute(0);
  const inBoot = await plumbline.compute(1000);
  const b = command(bootArgs);
  const v = command(['--version']);
  runs.push({ table: t, boot: b, version: v, pd, inTable, inBoot });
}
pandas.stop();
plumbline.stop();

let maxRel = 0;
const inFpr = runs[0].inTable.fpr;
for (const g of table.groups) {
  const key = `${g.attribute}=${g.group}`;
  const want = runs[0].pd.fpr[key];
  if (want !== undefined) maxRel = Math.max(maxRel, relDiff(g.fpr, want));
  if (inFpr[key] !== g.fpr) throw new Error(`in-process and CLI fpr differ for ${key}`);
}

const s = (xs, d = 3) => summary(xs, d);
const fmt = (x, unit = 's') => `${x.median} ${unit} (${x.spread[0]}–${x.spread[1]})`;
const wall = (f) => s(runs.map(f));
const pdWall = wall((r) => r.pd.seconds);
const pdCpu = wall((r) => r.pd.cpu_seconds);
const cmd = wall((r) => r.table.seconds);
const cmdCpu = wall((r) => r.table.cpu);
const cmdRss = Math.max(...runs.map((r) => r.table.rssMb));
const ratioCmd = wall((r) => r.table.seconds / r.pd.seconds);
const ratioCmdCpu = wall((r) => r.table.cpu / r.pd.cpu_seconds);
const inT = s(runs.map((r) => r.inTable.seconds), 4);
const inTCpu = s(runs.map((r) => r.inTable.cpu_seconds), 4);
const ratioIn = wall((r) => r.inTable.seconds / r.pd.seconds);
const ratioInCpu = wall((r) => r.inTable.cpu_seconds / r.pd.cpu_seconds);
const boot = wall((r) => r.boot.seconds);
const bootCpu = wall((r) => r.boot.cpu);
const bootOverTable = wall((r) => r.boot.seconds / r.table.seconds);
const inB = wall((r) => r.inBoot.seconds);
const inBCpu = wall((r) => r.inBoot.cpu_seconds);
const ver = wall((r) => r.version.seconds);
const verCpu = wall((r) => r.version.cpu);
const ratioVer = wall((r) => r.version.seconds / r.pd.seconds);
const what = `fairness, ${rows.toLocaleString('en')} rows, 3 attributes + their intersection (${table.groups.length} groups)`;
const anchor = `pandas group table, data in memory: ${fmt(pdWall)}, CPU ${fmt(pdCpu)}`;
const readme = [
  {
    what: `${what}: (a) the whole \`fairness --json\` command (start-up, reading 5 columns, compute); CPU-time ratio ${ratioCmdCpu.median} (${ratioCmdCpu.spread[0]}–${ratioCmdCpu.spread[1]})`,
    plumbline: `${fmt(cmd)}, CPU ${fmt(cmdCpu)}, peak RSS ${Math.round(cmdRss)} MB`,
    anchor,
    ratio: ratioCmd,
    goal: '≤ 0.2',
    reached: ratioCmd.median <= 0.2,
  },
  {
    what: `${what}: (b) the compute alone, columns in memory (same footing as pandas); CPU-time ratio ${ratioInCpu.median} (${ratioInCpu.spread[0]}–${ratioInCpu.spread[1]})`,
    plumbline: `${fmt(inT)}, CPU ${fmt(inTCpu)}`,
    anchor,
    ratio: ratioIn,
    goal: '≤ 0.2',
    reached: ratioIn.median <= 0.2,
  },
  {
    what: 'the CLI start-up alone (`plumbline --version`), for (a): the part of the command that is not fairness',
    plumbline: `${fmt(ver)}, CPU ${fmt(verCpu)}`,
    anchor: 'the same pandas compute',
    ratio: ratioVer,
    goal: '—',
    reached: null,
  },
  {
    what: `${what}, with 1,000 bootstrap resamples: the whole command (in process, columns in memory: ${fmt(inB)}, CPU ${fmt(inBCpu)})`,
    plumbline: `${fmt(boot)}, CPU ${fmt(bootCpu)}`,
    anchor: `the command without bootstrap: ${fmt(cmd)}`,
    ratio: bootOverTable,
    goal: '≤ 5 s',
    reached: boot.median <= 5,
  },
];
if (bigRun()) readme.push(memoryRow('fairness, 3 attributes + their intersection', base.slice(2)));
const loadAfter = loadAverage();
console.log(
  JSON.stringify({
    name: 'fairness',
    rows,
    rounds,
    groups: table.groups.length,
    command_s: cmd,
    command_cpu_s: cmdCpu,
    command_peak_rss_mb: Math.round(cmdRss),
    in_process_s: inT,
    in_process_cpu_s: inTCpu,
    pandas_compute_s: pdWall,
    pandas_compute_cpu_s: pdCpu,
    ratio_command: ratioCmd,
    ratio_command_cpu: ratioCmdCpu,
    ratio_in_process: ratioIn,
    ratio_in_process_cpu: ratioInCpu,
    cli_startup_s: ver,
    cli_startup_cpu_s: verCpu,
    goal_ratio: 0.2,
    bootstrap_1000_command_s: boot,
    bootstrap_1000_command_cpu_s: bootCpu,
    bootstrap_1000_in_process_s: inB,
    bootstrap_1000_in_process_cpu_s: inBCpu,
    goal_bootstrap_s: 5,
    max_rel_diff_fpr_vs_pandas: maxRel,
    load_average: { before: loadBefore, after: loadAfter },
    readme,
  }),
);
