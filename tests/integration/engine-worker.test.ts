import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childPids } from '../../core/report/chromium-process';
import { startEngineWorker } from '../../core/transport/engine-worker';
import { ROOT } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import type { WireEvent } from '../../core/transport/transport';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const workerScript = path.join(ROOT, 'dist', 'engine', 'worker.js');

describe('engine worker thread (built bundle)', () => {
  it('answers calls off the calling thread and reports a bad workspace as a fatal start error', async () => {
    const w = startEngineWorker({ dbPath: path.join(dir, 'ws.db'), workerScript });
    await w.ready;
    const got = new Promise<WireEvent>((resolve) => w.onEvent((e) => e.type === 'result' && resolve(e)));
    w.send({ type: 'call', id: 'a', method: 'listDatasets', args: {} });
    expect(await got).toEqual({ type: 'result', id: 'a', ok: true, value: [] });
    await w.terminate();

    fs.writeFileSync(path.join(dir, 'not-a-db.db'), 'this is not sqlite');
    const bad = startEngineWorker({ dbPath: path.join(dir, 'not-a-db.db'), workerScript });
    await expect(bad.ready).rejects.toThrow(/not a database|file is not/i);
  });

  it('answers calls still in flight when the worker dies', async () => {
    const w = startEngineWorker({ dbPath: path.join(dir, 'ws2.db'), workerScript });
    await w.ready;
    const events: WireEvent[] = [];
    w.onEvent((e) => events.push(e));
    const lines = ['a'];
    for (let i = 0; i < 200_000; i++) lines.push(String(i));
    fs.writeFileSync(path.join(dir, 'big.csv'), lines.join('\n'));
    w.send({ type: 'call', id: 'long', method: 'importFile', args: { path: path.join(dir, 'big.csv') } });
    await w.terminate();
    await new Promise((r) => setTimeout(r, 50));
    const result = events.find((e) => e.type === 'result' && e.id === 'long');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(() => w.send({ type: 'call', id: 'after', method: 'listDatasets', args: {} })).toThrow(/stopped/);
  });

  it('imports a file committed in more than one piece (its checkpointing thread started from the engine thread)', async () => {
    const db = path.join(dir, 'ws3.db');
    const w = startEngineWorker({ dbPath: db, workerScript });
    await w.ready;
    // 700,000 rows × 4 non-integer columns: 22 MB of f64 chunks, past one 16 MB piece.
    const rows = 700_000;
    const fd = fs.openSync(path.join(dir, 'pieces.csv'), 'w');
    fs.writeSync(fd, 'a,b,c,d\n');
    for (let start = 0; start < rows; start += 50_000) {
      let buf = '';
      for (let i = start; i < start + 50_000; i++) buf += `${i / 4},${i / 8},${-i / 16},${i + 0.5}\n`;
      fs.writeSync(fd, buf);
    }
    fs.closeSync(fd);
    const call = (id: string, method: string, args: unknown) =>
      new Promise<WireEvent>((resolve) => {
        w.onEvent((e) => e.type === 'result' && e.id === id && resolve(e));
        w.send({ type: 'call', id, method, args } as never);
      });
    expect(await call('i', 'importFile', { path: path.join(dir, 'pieces.csv') })).toMatchObject({ ok: true, value: { rows } });
    expect(await call('l', 'listDatasets', {})).toMatchObject({ ok: true, value: [{ name: 'pieces', rows }] });
    await w.terminate();
  }, 60_000);
});

const hasChromium = fs.existsSync(process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium');

describe.skipIf(!hasChromium || !fs.existsSync('/proc/self/task'))('engine worker: stopping it closes its warm Chromium', () => {
  it('terminate() leaves no browser process, profile or temporary folder behind while this process lives on', async () => {
    const kids = childPids();
    const w = startEngineWorker({ dbPath: path.join(dir, 'report.db'), workerScript, assetsDir: path.join(ROOT, 'assets') });
    await w.ready;
    const call = (id: string, method: string, args: unknown) =>
      new Promise<WireEvent>((resolve) => {
        w.onEvent((e) => e.type === 'result' && e.id === id && resolve(e));
        w.send({ type: 'call', id, method, args } as never);
      });
    for (const name of ['reference', 'current']) {
      expect(await call(name, 'importFile', { path: path.join(ROOT, 'assets', 'demo', `${name}.csv`), name })).toMatchObject({ ok: true });
    }
    const out = path.join(dir, 'report.pdf');
    expect(await call('r', 'exportReport', { reference: 'reference', current: 'current', out })).toMatchObject({ ok: true });
    expect(fs.statSync(out).size).toBeGreaterThan(10_000);
    // The browser browser mode keeps warm: this process's one new child, its profile and the
    // folder of its single-instance socket (in the printer's own temporary folder).
    const fresh = [...childPids()].filter((p) => !kids.has(p));
    expect(fresh).toHaveLength(1);
    const profile = fs.readFileSync(`/proc/${fresh[0]}/cmdline`, 'utf8').split('\0').find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    const browserTmp = path.dirname(path.dirname(fs.readlinkSync(path.join(profile, 'SingletonSocket'))));
    expect(path.basename(browserTmp)).toMatch(/^plumbline-chromium-/);
    await w.terminate();
    const alive = (pid: number) => {
      try {
        return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
      } catch {
        return false;
      }
    };
    expect(alive(fresh[0]!)).toBe(false);
    expect(fs.existsSync(profile)).toBe(false);
    expect(fs.existsSync(browserTmp)).toBe(false);
  }, 120_000);
});
