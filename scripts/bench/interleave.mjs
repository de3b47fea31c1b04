// Interleaved measurement for benches on a shared machine: an anchor that stays loaded between
// runs (a Python process answering one compute per request), wall times of whole commands with
// their peak RSS, and the median and spread of per-pair ratios.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

// Every bench's processes run without NODE_EXTRA_CA_CERTS (this import runs before a bench spawns
// anything; run.mjs imports it too). The sandbox these benches were written on sets it to the system
// bundle, and Node 20 then parses those certificates in C++ before any script runs: ~85 ms of CPU in
// every Node process (`node -e 0` user 114 → 31 ms), Plumbline's and the Node anchors' alike. Plumbline
// makes no TLS connection, and a user's machine rarely sets it; the README's bench notes say so.
delete process.env.NODE_EXTRA_CA_CERTS;

/** A Python anchor started with `--serve`: `await anchor.ready`, then `await anchor.compute()` per run. */
export function pythonAnchor(script, args) {
  return servedCompute('/usr/bin/python3', [script, ...args, '--serve']);
}

/**
 * Any process that loads its data once, prints "ready", then answers each "run" line on stdin
 * with one JSON line (the Python anchors with `--serve`; Plumbline's own compute-only timers).
 */
export function servedCompute(cmd, args) {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const ready = next().then((l) => {
    if (l !== 'ready') throw new Error(`anchor did not start: ${l}`);
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w(JSON.stringify({ error: `anchor exited ${code}` }));
  });
  return {
    ready,
    async compute() {
      const answer = next();
      child.stdin.write('run\n');
      const r = JSON.parse(await answer);
      if (r.error) throw new Error(r.error);
      return r;
    },
    stop: () => child.kill(),
  };
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs a command to completion: wall seconds, peak RSS in MB (when /usr/bin/time exists), stdout
 * and stderr.
 * An exit status outside `okStatus` throws (`plumbline check` exits 1 or 2 when a monitor fires).
 */
export function timed(cmd, args, env = {}, okStatus = [0]) {
  const argv = TIME ? [TIME, ['-f', '%M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!okStatus.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const rssKb = TIME ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, rssMb: rssKb / 1024, stdout: r.stdout, stderr: r.stderr };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median and [min, max] of a list, rounded. */
export function summary(xs, digits = 3) {
  const r = (x) => +x.toFixed(digits);
  return { median: r(median(xs)), spread: [r(Math.min(...xs)), r(Math.max(...xs))] };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${os.availableParallelism()}`,
    memory_gb: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export const loadAverage = () => os.loadavg().map((x) => +x.toFixed(2));

export function copyWorkspace(from, to) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  fs.copyFileSync(from, to);
  return path.resolve(to);
}
