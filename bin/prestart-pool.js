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
// ab: a thread reads its chunks ahead (core/engine/pool/read-ahead.ts); not fairness, whose pass
// ends about when the thread is up (measured: core/analyses/README.md).
const POOL_COMMANDS = new Set(['drift', 'ab']);
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

/**
 * An `ab` run by unit keeps each unit's first exposure, so it reads whole columns in row order and
 * never streams: nothing for a thread to read ahead (it would cost ~0.1 s of CPU for nothing).
 */
function readsWholeColumns(argv) {
  return commandWord(argv) === 'ab' && argv.some((a) => a === '--unit' || a.startsWith('--unit='));
}

function prestartPool(dist, argv) {
  if (!POOL_COMMANDS.has(commandWord(argv)) || argv.includes('--help') || argv.includes('-h') || tooSmall(argv) || readsWholeColumns(argv)) return;
  const script = path.join(dist, 'engine', 'pool-worker.js');
  const asked = process.env.PLUMBLINE_WORKERS;
  const explicit = asked !== undefined && asked !== '';
  const lanes = explicit ? Number(asked) : os.availableParallelism();
  if (!Number.isInteger(lanes) || lanes < 2 || !fs.existsSync(script)) return;
  // On a machine busy elsewhere the pool runs the whole run on the engine's lane (column-pool.ts,
  // coreFree), so an early thread would only cost its start-up (drift8: ~13 % of the wall time at
  // load ~3 on 2 cores). Lanes asked for by PLUMBLINE_WORKERS start as asked; without /proc, as before.
  // The pool counts this reading as the first of the three it takes before its first run
  // (coreFreeAfterEntry in core/import/free-core.ts): threads started here unasked must mean it found a core free.
  if (!explicit && !coreFree(true)) return;
  compileOnTheLanes();
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

/**
 * V8 compiles a hot function with TurboFan on a background thread while the function keeps running
 * in baseline code. With the pool's threads started, a drift run keeps every core busy with its
 * lanes, so that compiling thread waits for a core while each lane's first numeric column runs slow
 * (profiled on 1M × 25, two lanes: a lane's first column's tests took 77-157 ms, later ones 20-45
 * ms). Compiled on the lane itself, a function is fast as soon as its compile ends. Set before the
 * threads start (an isolate reads the flag as it starts) and before the CLI's bundle loads.
 * PLUMBLINE_CONCURRENT_JIT=1 keeps V8's default (for A/B measurements).
 */
function compileOnTheLanes() {
  if (process.env.PLUMBLINE_CONCURRENT_JIT === '1') return;
  require('node:v8').setFlagsFromString('--no-concurrent-recompilation');
}

const PARQUET_PRESTARTED = Symbol.for('plumbline.parquetDecoder.prestarted');
/** Below this size a Parquet file cannot hold the 200k rows the import's thread waits for (MIN_ROWS). */
const PARQUET_MIN_BYTES = 1 << 20;

/** The Parquet file an `import` names, when it is one large enough for the decoding thread (any size with `anySize`). */
function parquetToImport(argv, anySize) {
  if (commandWord(argv) !== 'import' || argv.includes('--help') || argv.includes('-h')) return undefined;
  const at = argv.indexOf('import');
  for (const a of argv.slice(at + 1)) {
    if (!/\.parquet$/i.test(a)) continue;
    try {
      return anySize || fs.statSync(a).size >= PARQUET_MIN_BYTES ? a : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Whether another thread of this process would have a core now, as core/import/free-core.ts
 * decides it (threads runnable now, /proc/loadavg's 4th field, less this one): one reading here,
 * the import takes its own median of three and ends the thread if it says no. Without /proc:
 * `unknown` (no for the Parquet thread, whose import then decides by the load average; yes for the
 * pool's, as before the check).
 */
function coreFree(unknown = false) {
  try {
    const running = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'latin1'));
    return running !== null && Number(running[1]) - 1 <= os.availableParallelism() - 2;
  } catch {
    return unknown;
  }
}

/**
 * Starts the Parquet decoding thread of `import <file.parquet>` (core/import/formats/
 * parquet-pipeline.ts) now, when the import would start one, so that its code loads while this
 * thread loads the CLI's. It waits for its input as its first message; the import adopts it
 * (parquet-prestarted.ts, same global slot) or ends it. Unref'd: a failed start-up never waits for it.
 */
function prestartParquetDecoder(dist, argv) {
  // As the import: '0' turns the thread off, a path names its script whatever the file's size or the machine's load.
  const chosen = process.env.PLUMBLINE_PARQUET_WORKER;
  const file = chosen === '0' ? undefined : parquetToImport(argv, !!chosen);
  if (!file || (!chosen && !coreFree())) return;
  const script = chosen || path.join(dist, 'engine', 'parquet-worker.js');
  if (!fs.existsSync(script)) return;
  const { Worker } = require('node:worker_threads');
  // The file it will likely read: it prepares for its pages while it waits (parquet-worker.ts).
  const worker = new Worker(script, { workerData: { prestartedFor: path.resolve(file) } });
  const thread = { worker, script, failed: null, release: () => {} };
  const onError = (e) => {
    thread.failed = e;
  };
  const onExit = (code) => {
    thread.failed ??= new Error(`exit code ${code}`);
  };
  worker.on('error', onError).on('exit', onExit);
  thread.release = () => worker.off('error', onError).off('exit', onExit);
  worker.unref();
  globalThis[PARQUET_PRESTARTED] = thread;
}

module.exports = { prestartPool, prestartParquetDecoder };
