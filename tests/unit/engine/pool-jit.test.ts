import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpDir, writeFile } from '../../helpers/tmp';

// The CLI entry starts drift's pool threads with V8's optimising compiler on the thread itself
// (bin/prestart-pool.js, compileOnTheLanes). Run in a child process: the flag is process-wide.
const dir = tmpDir();
const dist = path.join(dir, 'dist');
fs.mkdirSync(path.join(dist, 'engine'), { recursive: true });
// A pool thread that reports whether a function asked to be optimised concurrently came back
// optimised at once (compiled on this thread) instead of queued for a background compile (which
// the child's --concurrent-recompilation-delay holds back, so the answer cannot race).
writeFile(
  path.join(dist, 'engine'),
  'pool-worker.js',
  `function f(x) { let s = 0; for (let i = 0; i < x; i++) s += i * 0.5; return s; }
   %PrepareFunctionForOptimization(f);
   f(10); f(10);
   %OptimizeFunctionOnNextCall(f, "concurrent");
   f(0);
   require('node:worker_threads').parentPort.postMessage({ optimisedAtOnce: (%GetOptimizationStatus(f) & 16) !== 0 });`,
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = path.resolve(__dirname, '../../../bin/prestart-pool.js');
const probe = `
  require(${JSON.stringify(entry)}).prestartPool(${JSON.stringify(dist)}, process.argv.slice(1));
  const started = globalThis[Symbol.for('plumbline.columnPool.prestarted')] ?? [];
  if (started.length === 0) { console.log('none'); process.exit(0); }
  started[0].worker.ref();
  started[0].worker.once('message', (m) => { console.log(String(m.optimisedAtOnce)); process.exit(0); });
`;

function threadCompiles(argv: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--concurrent-recompilation-delay=500', '-e', probe, ...argv], { env: { ...process.env, PLUMBLINE_CONCURRENT_JIT: '', ...env }, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

describe('pool threads compile hot code on themselves', () => {
  const drift = ['drift', '--reference', 'a', '--current', 'b'];

  it('a thread the entry starts for drift optimises a function at once', () => {
    expect(threadCompiles(drift, { PLUMBLINE_WORKERS: '2' })).toBe('true');
  });

  it("PLUMBLINE_CONCURRENT_JIT=1 keeps V8's background compile", () => {
    expect(threadCompiles(drift, { PLUMBLINE_WORKERS: '2', PLUMBLINE_CONCURRENT_JIT: '1' })).toBe('false');
  });

  it('no thread, no flag: a command that starts none changes nothing', () => {
    expect(threadCompiles(drift, { PLUMBLINE_WORKERS: '1' })).toBe('none');
    expect(threadCompiles(['import', 'x.csv'], { PLUMBLINE_WORKERS: '2' })).toBe('none');
  });
});
