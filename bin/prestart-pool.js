'use strict';
// Starts the column pool's threads before the CLI's code loads, for the commands that split work
// over them (drift), so that each thread loads its code (~0.15 s of CPU) while this thread loads the
// CLI instead of afterwards. The pool adopts them (core/engine/pool/prestarted.ts, same global slot);
// their number follows columnPool() in core/engine/pool/column-pool.ts: PLUMBLINE_WORKERS lanes, the
// engine's thread included, else the machine's available parallelism; none when the workspace file
// is too small to hold a run the pool would take. Unref'd: a run too small for the pool exits
// without waiting for them.
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');

/** Commands whose runs use the column pool. */
const POOL_COMMANDS = new Set(['drift']);
const PRESTARTED = Symbol.for('plumbline.columnPool.prestarted');

/** The subcommand word, as core/cli/main.ts's commandWord finds it. */
function commandWord(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') i++;
    else if (a === '--') return argv[i + 1];
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** The workspace file named by --db or PLUMBLINE_DB; undefined for the default one. */
function workspaceFile(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db') return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice(5);
  }
  return process.env.PLUMBLINE_DB || undefined;
}

/**
 * Whether the workspace is too small to hold a run the pool takes: runs under POOL_MIN_CELLS values
 * (PLUMBLINE_POOL_MIN_CELLS) stay on one thread, and a stored value takes at least a byte, so a
 * smaller file cannot hold one. There a thread started early only costs CPU and memory (measured on
 * a 2,000-row drift: +0.14 s CPU, +11 MB RSS).
 */
function tooSmall(argv) {
  const file = workspaceFile(argv);
  const minCells = Number(process.env.PLUMBLINE_POOL_MIN_CELLS ?? 5_000_000);
  try {
    return file !== undefined && Number.isFinite(minCells) && fs.statSync(file).size < minCells;
  } catch {
    return false; // no such file yet: the command will say so
  }
}

function prestartPool(dist, argv) {
  if (!POOL_COMMANDS.has(commandWord(argv)) || argv.includes('--help') || argv.includes('-h') || tooSmall(argv)) return;
  const script = path.join(dist, 'engine', 'pool-worker.js');
  const asked = process.env.PLUMBLINE_WORKERS;
  const lanes = asked !== undefined && asked !== '' ? Number(asked) : os.availableParallelism();
  if (!Number.isInteger(lanes) || lanes < 2 || !fs.existsSync(script)) return;
  const { Worker } = require('node:worker_threads');
  const list = (globalThis[PRESTARTED] ??= []);
  for (let i = 0; i < lanes - 1; i++) {
    const worker = new Worker(script);
    const thread = { worker, script, online: false, failed: null, release: () => {} };
    const onMessage = (m) => {
      if (m && m.ready === true) thread.online = true;
    };
    const onError = (e) => {
      thread.failed = e;
    };
    const onExit = (code) => {
      thread.failed ??= new Error(`exit code ${code}`);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    thread.release = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    worker.unref();
    list.push(thread);
  }
}

module.exports = { prestartPool };
