/**
 * A V8 code cache for Plotly in the report's Chromium page. Loading plotly-cartesian.min.js cost
 * 0.8–1.4 s of a cold export, ~60% of it compiling (CPU profile: the bundle's module wrapper and
 * UMD factory), and the first chart batch paid ~0.45 s more of lazy compiles. Chromium has no code
 * cache for file:// scripts, but DevTools can hand one to V8: `Page.produceCompilationCache` (eager:
 * every function compiled, so the first batch finds them too) gives it on the first export, and
 * `Page.addCompilationCache` feeds it back on the next ones. Chromium applies either only to a
 * script that is not streamed, hence `--disable-features=ScriptStreaming` in the printer's flags
 * (pdf.ts); without it a cache is produced and silently never used.
 *
 * The cache lives in the per-user cache folder (core/boot/code-cache.ts's), one file per Chromium
 * version and bundle path, with the same header as our own caches (the bundle's size and mtime, a
 * CRC-32 of the payload): V8 aborts on a corrupt payload instead of rejecting it. Nothing here can
 * fail an export: a cache that cannot be read, produced or written only means a slower load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fnv1a, readCheckedCache, userCacheDir, writeCheckedCache } from '../boot/code-cache';

/** The DevTools session of the page (playwright-core's CDPSession, or a test's stand-in). */
export interface CdpSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, listener: (params: Record<string, unknown>) => void): unknown;
  off(event: string, listener: (params: Record<string, unknown>) => void): unknown;
}

/** What one load did with its cache: for tests and PLUMBLINE_TRACE. */
export interface ChromiumCacheReport {
  readonly file: string;
  /** The cache fed to V8, or null. */
  used: string | null;
  /** When none was: where the cache produced by this load was written (null: not produced in time, or not writable). */
  written?: Promise<string | null>;
}

/** How long a produced cache is waited for after the load (it came 0.3-0.5 s after it, loaded machine). */
const PRODUCE_WAIT_MS = 30_000;

/** The cache file of `script` for one Chromium version, in `dir`. */
export function chromiumCachePath(script: string, chromiumVersion: string, dir = userCacheDir()): string {
  const key = `chromium${chromiumVersion}-${process.arch}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(dir, `${path.basename(script)}-${fnv1a(path.resolve(script))}.${key}.v8cache`);
}

/**
 * Runs `load` (which makes the page load the file:// script `script`) with the script's code
 * cache: fed to V8 when a valid one exists, else produced by this load and written when it comes.
 */
export async function loadWithCodeCache(cdp: CdpSession, script: string, chromiumVersion: string, load: () => Promise<void>, dir = userCacheDir()): Promise<ChromiumCacheReport> {
  const report: ChromiumCacheReport = { file: script, used: null };
  const url = pathToFileURL(script).href;
  const cacheFile = chromiumCachePath(script, chromiumVersion, dir);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(script);
    const cached = readCheckedCache(cacheFile, stat);
    await cdp.send('Page.enable');
    if (cached) {
      await cdp.send('Page.addCompilationCache', { url, data: cached.toString('base64') });
      report.used = cacheFile;
    }
  } catch {
    // no cache this time
  }
  if (!stat || report.used) {
    await load();
    return report;
  }
  // Chromium sends the cache after the script ran (serialising it takes a while): the load does not
  // wait for it, the file is written when it comes (the page draws meanwhile), or never.
  const source = stat;
  report.written = new Promise<string | null>((resolve) => {
    const done = (file: string | null) => {
      clearTimeout(timer);
      cdp.off('Page.compilationCacheProduced', onProduced);
      resolve(file);
    };
    const onProduced = (e: Record<string, unknown>) => {
      if (e.url !== url || typeof e.data !== 'string') return;
      const data = Buffer.from(e.data, 'base64');
      done(data.length > 0 && writeCheckedCache(cacheFile, source, data) ? cacheFile : null);
    };
    const timer = setTimeout(() => done(null), PRODUCE_WAIT_MS);
    timer.unref?.();
    cdp.on('Page.compilationCacheProduced', onProduced);
  });
  await cdp.send('Page.produceCompilationCache', { scripts: [{ url, eager: true }] }).catch(() => undefined);
  await load();
  return report;
}
