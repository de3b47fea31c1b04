/**
 * Plotly's code cache in the report's Chromium (core/report/chromium-code-cache.ts), with a stand-in
 * DevTools session: a valid cache is handed to V8, none is asked for and written when Chromium sends
 * it, and a corrupt, stale or foreign file is never handed over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumCachePath, loadWithCodeCache, type CdpSession } from '../../../core/report/chromium-code-cache';
import { tmpDir } from '../../helpers/tmp';

let dir: string;
let script: string;
beforeEach(() => {
  dir = tmpDir('chromium-cache');
  script = path.join(dir, 'plotly.min.js');
  fs.writeFileSync(script, 'var Plotly = {};'.repeat(200));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A DevTools session that records what it is sent and, when asked to produce, sends `produce` after the load. */
function fakeSession(produce: Buffer | null = Buffer.from('v8 cache payload')) {
  const sent: { method: string; params?: Record<string, unknown> }[] = [];
  const listeners = new Map<string, Set<(e: Record<string, unknown>) => void>>();
  const session: CdpSession & { sent: typeof sent; emit(event: string, e: Record<string, unknown>): void; listening(): number } = {
    sent,
    async send(method, params) {
      sent.push({ method, params });
      return {};
    },
    on(event, f) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(f);
    },
    off(event, f) {
      listeners.get(event)?.delete(f);
    },
    emit(event, e) {
      for (const f of [...(listeners.get(event) ?? [])]) f(e);
    },
    listening: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
  const load = async () => {
    if (produce && sent.some((s) => s.method === 'Page.produceCompilationCache')) {
      // Another script's cache first: ignored.
      setTimeout(() => session.emit('Page.compilationCacheProduced', { url: 'file:///other.js', data: Buffer.from('other').toString('base64') }), 1);
      setTimeout(() => session.emit('Page.compilationCacheProduced', { url: pathToFileURL(script).href, data: produce.toString('base64') }), 5);
    }
  };
  return { session, load };
}

describe("Plotly's code cache in Chromium", () => {
  it('asks for an eager cache on the first load, writes it when it comes, and hands it to V8 on the next', async () => {
    const first = fakeSession();
    const r1 = await loadWithCodeCache(first.session, script, '156.0.1', first.load, dir);
    expect(r1.used).toBeNull();
    expect(first.session.sent.find((s) => s.method === 'Page.produceCompilationCache')?.params).toEqual({ scripts: [{ url: pathToFileURL(script).href, eager: true }] });
    expect(await r1.written).toBe(chromiumCachePath(script, '156.0.1', dir));
    expect(first.session.listening()).toBe(0);

    const second = fakeSession();
    const r2 = await loadWithCodeCache(second.session, script, '156.0.1', second.load, dir);
    expect(r2.used).toBe(chromiumCachePath(script, '156.0.1', dir));
    const added = second.session.sent.find((s) => s.method === 'Page.addCompilationCache');
    expect(added?.params).toEqual({ url: pathToFileURL(script).href, data: Buffer.from('v8 cache payload').toString('base64') });
    expect(second.session.sent.some((s) => s.method === 'Page.produceCompilationCache')).toBe(false);
  });

  it('keeps one cache per Chromium version', async () => {
    const a = fakeSession();
    await (await loadWithCodeCache(a.session, script, '156.0.1', a.load, dir)).written;
    const b = fakeSession();
    expect((await loadWithCodeCache(b.session, script, '157.0.0', b.load, dir)).used).toBeNull();
  });

  it('never hands V8 a corrupt cache, nor one made for an earlier version of the script', async () => {
    const a = fakeSession();
    const file = (await (await loadWithCodeCache(a.session, script, '156.0.1', a.load, dir)).written)!;
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 3]! ^= 0x5a;
    fs.writeFileSync(file, bytes);
    const b = fakeSession();
    const rb = await loadWithCodeCache(b.session, script, '156.0.1', b.load, dir);
    expect(rb.used).toBeNull();
    expect(b.session.sent.some((s) => s.method === 'Page.addCompilationCache')).toBe(false);
    expect(await rb.written).toBe(file);
    fs.appendFileSync(script, '\nvar more = 1;');
    const c = fakeSession();
    expect((await loadWithCodeCache(c.session, script, '156.0.1', c.load, dir)).used).toBeNull();
  });

  it('a load that fails still fails, and nothing is written when no cache comes', async () => {
    const a = fakeSession(null);
    await expect(loadWithCodeCache(a.session, script, '156.0.1', () => Promise.reject(new Error('load failed')), dir)).rejects.toThrow('load failed');
    expect(fs.existsSync(chromiumCachePath(script, '156.0.1', dir))).toBe(false);
  });
});
