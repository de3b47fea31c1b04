import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { parquetSchema, type FileMetaData } from 'hyparquet';
import { cancelled } from '../../api/errors';
import { coreFreeNow, type CpuNow } from '../free-core';
import { dropPrestartedDecoder, takePrestartedDecoder } from './parquet-prestarted';
import { columnOrder, textDictionary, wireBuffers, windowColumn, type FromWorker, type WorkerInput } from './parquet-wire';
import type { ColumnarSink, ReadContext, TextDictionary } from './sink';

/**
 * A Parquet import on two threads: the decoding thread (parquet-worker.ts) reads and decodes
 * column k's pages while this one adds column k-1's values to its builder and writes its chunks to
 * SQLite. Both take a row group's columns in the same order (columnOrder: numbers and text
 * alternating), and each column's values arrive exactly as the one-thread cursors give them, so
 * every builder sees the same values in the same order: types, roles and stored chunks are the
 * same (builders and chunks are per column, so the order of columns does not matter to them).
 */
export async function readByWorker(
  script: string,
  file: string,
  metadata: FileMetaData,
  columns: number,
  columnar: ColumnarSink,
  rc: ReadContext,
  progress: (rowsSeen: number) => void,
): Promise<number> {
  const flow = new Int32Array(new SharedArrayBuffer(4));
  const { port1: returns, port2 } = new MessageChannel();
  const input: WorkerInput = { file, windowRows: WINDOW_ROWS, flow, returns: port2, aheadBytes: AHEAD_BYTES };
  const early = takePrestartedDecoder(script);
  if (early) early.postMessage({ input }, [port2]);
  const worker = early ?? new Worker(script, { workerData: input, transferList: [port2] });
  const groups = metadata.row_groups.map((g) => Number(g.num_rows));
  const order = columnOrder(parquetSchema(metadata).children.map((c) => c.element.type));
  const dictionaries = new Array<TextDictionary | undefined>(columns);
  let settled = false;
  let onAbort = () => {};
  try {
    return await new Promise<number>((resolve, reject) => {
      let g = 0;
      /** Position in `order` of the column whose windows come next. */
      let at = 0;
      let done = 0;
      let rowsRead = 0;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      /** Past the column (and the row group) whose rows have all arrived, and past empty groups. */
      const advance = () => {
        while (g < groups.length && done === groups[g]) {
          progress(rowsRead + Math.round((groups[g] * (at + 1)) / columns));
          done = 0;
          if (++at < columns) {
            if (groups[g] > 0) return;
            continue;
          }
          columnar.aligned(groups[g]);
          rowsRead += groups[g];
          at = 0;
          g++;
        }
      };
      onAbort = () => fail(cancelled());
      rc.ctx.signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (m: FromWorker) => {
        if (settled) return;
        try {
          if (rc.ctx.signal.aborted) throw cancelled();
          if (m.type === 'error') throw new Error(m.message);
          if (m.type === 'end') {
            if (g < groups.length) throw new Error('The Parquet decoding thread stopped before the end of the file');
            settled = true;
            resolve(rowsRead);
            return;
          }
          const i = order[at];
          if (m.group !== g || m.column !== i || done + m.rows > groups[g]) throw new Error(`Parquet decoding thread out of step: row group ${m.group}, column ${m.column}`);
          const values = m.values;
          if (values.kind === 'text' && values.dictionary) dictionaries[i] = textDictionary(values.dictionary);
          columnar.add(i, windowColumn(values, dictionaries[i]), m.rows);
          const used = wireBuffers(values);
          returns.postMessage(used, used);
          Atomics.add(flow, 0, 1);
          Atomics.notify(flow, 0);
          done += m.rows;
          advance();
        } catch (e) {
          fail(e);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`The Parquet decoding thread stopped (exit code ${code})`)));
      advance();
    });
  } finally {
    settled = true;
    rc.ctx.signal.removeEventListener('abort', onAbort);
    returns.close();
    worker.removeAllListeners('message');
    // Done or failed: the thread has nothing left to give (an unref'd thread never holds the process).
    worker.unref();
    void worker.terminate();
  }
}

/** Rows of one column per message: few messages, and a window's buffers stay small (128 KB of numbers). */
const WINDOW_ROWS = 16_384;
/**
 * Bytes of windows the decoding thread may be ahead of this one (~30 windows of numbers): with
 * columns alternating (columnOrder), a thread done with its heavy column goes on to the next
 * while the other finishes. At 16 windows in file order each thread waited 1-2 s of a 6-9 s
 * import (load 8).
 */
const AHEAD_BYTES = 4 * 1024 * 1024;
/** Below this many rows, the thread's start-up (~30 ms) is not worth it. */
const MIN_ROWS = 200_000;

/**
 * The decoding thread's script, when this import should use one. `PLUMBLINE_PARQUET_WORKER`: '0'
 * turns it off; a path names the script, used whatever the file's size or the machine's load
 * (tests). Otherwise the built script beside the engine (dist/engine/, as the column pool's), for
 * files of MIN_ROWS rows or more when a core is free now (free-core.ts): the two threads spend
 * more CPU in all than one, which only pays when the second thread does not take it from other
 * work. `now` reads the machine's state (tests give their own).
 */
export async function parquetWorkerScript(rows: number, now?: () => CpuNow): Promise<string | undefined> {
  const script = await chooseScript(rows, now);
  // A thread the CLI's entry started for this import, not wanted after all, goes now.
  if (!script) dropPrestartedDecoder();
  return script;
}

async function chooseScript(rows: number, now?: () => CpuNow): Promise<string | undefined> {
  const chosen = process.env.PLUMBLINE_PARQUET_WORKER;
  if (chosen === '0') return undefined;
  if (chosen) return chosen;
  // An ES module bundle (scripts/bench/parquet-readers.mjs) has no __dirname: no built script to find.
  if (rows < MIN_ROWS || typeof __dirname === 'undefined') return undefined;
  if (!(await coreFreeNow(now))) return undefined;
  const built = path.join(__dirname, '..', 'engine', 'parquet-worker.js');
  return fs.existsSync(built) ? built : undefined;
}
