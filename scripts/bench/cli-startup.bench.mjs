// CLI start-up benchmark: `plumbline --version` and a small `performance --json` (2,000 rows, so
// the command is almost all fixed cost: start to first row read) against `node -e 0` (Node's own
// start-up, the floor), interleaved in rounds so all three see the same load. Also each command's
// CPU time (user + system of the child), which holds better than wall time on a loaded machine.
// `PLUMBLINE_CODE_CACHE=off` runs the same bundle without the V8 code cache, for comparison.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { modelLogData } from './model-log-data.mjs';
import { root, workspace } from './cli-timing.mjs';
import { loadAverage, median, summary } from './interleave.mjs';

const loadBefore = loadAverage();
const rows = 2000;
const ws = workspace(`model-log-${rows}`);
if (!ws.exists()) ws.run(['import', modelLogData(root, rows), '--name', 'log']);
const cli = path.join(root, 'bin', 'plumbline.js');
const perf = ['--db', ws.db, 'performance', '--dataset', 'log', '--label', 'label', '--score', 'score', '--json'];
const commands = {
  node: { args: ['-e', '0'] },
  version: { args: [cli, '--version'] },
  performance: { args: [cli, ...perf] },
  versionNoCache: { args: [cli, '--version'], env: { PLUMBLINE_CODE_CACHE: 'off' } },
};

/** CPU milliseconds of this process's finished children (Linux /proc; clock ticks of 10 ms). */
const childCpuMs = () => {
  const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) * 10;
};
function run(c) {
  const cpu0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { env: { ...process.env, ...c.env }, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-300)}`);
  return { ms, cpu: childCpuMs() - cpu0 };
}

const rounds = Number(process.env.BENCH_SAMPLES ?? 15);
for (const c of Object.values(commands)) run(c); // warm-up: file cache, and the code cache's first full write
const t = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < rounds; i++) for (const [k, c] of Object.entries(commands)) t[k].push(run(c));

const ms = (k) => t[k].map((x) => x.ms);
const cpu = (k) => t[k].map((x) => x.cpu);
const over = (k) => t[k].map((x, i) => x.ms - t.node[i].ms);
const ratio = (k) => t[k].map((x, i) => x.ms / t.node[i].ms);
const fmt = (s) => `${Math.round(s.median)} ms (${Math.round(s.spread[0])}–${Math.round(s.spread[1])})`;
const versionOver = summary(over('version'), 0);
const readme = [
  {
    what: '`plumbline --version`, whole process',
    plumbline: `${fmt(summary(ms('version'), 0))}; ${versionOver.median} ms over node -e 0; CPU ${median(cpu('version'))} ms`,
    anchor: `\`node -e 0\`: ${fmt(summary(ms('node'), 0))}; CPU ${median(cpu('node'))} ms`,
    ratio: summary(ratio('version')),
    goal: 'within 60 ms of node -e 0',
    reached: versionOver.median <= 60,
  },
  {
    what: '`plumbline performance --json` on 2,000 rows (almost all fixed cost), whole process',
    plumbline: `${fmt(summary(ms('performance'), 0))}; ${summary(over('performance'), 0).median} ms over node -e 0; CPU ${median(cpu('performance'))} ms`,
    anchor: `\`node -e 0\`: ${fmt(summary(ms('node'), 0))}`,
    ratio: summary(ratio('performance')),
    goal: '— (fixed cost halved: against the build before the code cache, in the commit log)',
    reached: null,
  },
];
console.log(
  JSON.stringify({
    name: 'cli-startup',
    rounds,
    node_ms: summary(ms('node'), 0),
    version_ms: summary(ms('version'), 0),
    version_over_node_ms: versionOver,
    version_no_code_cache_ms: summary(ms('versionNoCache'), 0),
    performance_ms: summary(ms('performance'), 0),
    cpu_ms: Object.fromEntries(Object.keys(commands).map((k) => [k, median(cpu(k))])),
    load_average: { before: loadBefore, after: loadAverage() },
    readme,
  }),
);
