/**
 * Loads a built CommonJS bundle (dist/cli/main.js, the engine and pool worker bundles) with a V8
 * code cache, so a start-up skips parsing megabytes of JavaScript. Node 20 has no
 * `module.enableCompileCache`, so this does what it does: compile through `vm.Script` with
 * `cachedData`, and write the cache V8 produces after the bundle ran.
 *
 * Where caches live: beside the bundle (`main.js.<v8>-<arch>.v8cache`, primed by the build), or,
 * when the bundle's folder is not writable (an installed or packaged app), in a per-user cache
 * folder. A cache is never trusted blindly: V8 aborts the process on a corrupt payload instead of
 * rejecting it, so each file carries a header with the bundle's size and mtime and a CRC-32 of its
 * payload (zlib's: loading node:crypto for a SHA costs twice as much start-up); a cache that fails
 * any check, or that V8 rejects (another V8, other flags), is ignored and rewritten. Nothing here
 * can fail a command: every cache read and write error is swallowed.
 */
// Plain requires, not `import x from`: esbuild's CommonJS interop would copy every property of
// each built-in (zlib's hundred constants too) into a namespace object, on every start-up.
const fs = require('node:fs') as typeof import('node:fs');
const Module = require('node:module') as typeof import('node:module');
const os = require('node:os') as typeof import('node:os');
const path = require('node:path') as typeof import('node:path');
const vm = require('node:vm') as typeof import('node:vm');
const zlib = require('node:zlib') as typeof import('node:zlib');
type Module = import('node:module');
type Stats = import('node:fs').Stats;

/** When a run writes the cache: after the bundle's top level ran (workers) or at process exit (the CLI, so the command's functions are in it too). */
export type CacheWrite = 'loaded' | 'exit';

export interface LoadOptions {
  readonly write?: CacheWrite;
  /** Overrides PLUMBLINE_CODE_CACHE_DIR / the per-user cache folder (tests). */
  readonly userDir?: string;
}

/** What happened to the cache on one load: for tests and `PLUMBLINE_CODE_CACHE=debug`. */
export interface CacheReport {
  readonly file: string;
  /** The cache file used, or null when none was valid. */
  used: string | null;
  rejected: boolean;
  /** Where a new cache was written, or null. */
  wrote: string | null;
}

const MAGIC = 'plumbline-v8cache 1';
/** 'primed': compiled without running (the build); 'full': written after a run, with the functions it compiled. */
type Kind = 'primed' | 'full';

interface Header {
  readonly size: number;
  readonly mtimeMs: number;
  readonly kind: Kind;
  readonly checksum: string;
}

/** Per V8 and architecture: two Node versions (or Electron and Node) keep a cache each. */
function cacheKey(): string {
  const electron = process.versions.electron ? `-electron${process.versions.electron}` : '';
  return `${process.versions.v8}-${process.arch}${electron}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function besideCachePath(file: string): string {
  return `${file}.${cacheKey()}.v8cache`;
}

/** The per-user cache folder: $PLUMBLINE_CODE_CACHE_DIR, else the platform's cache directory. */
export function userCacheDir(): string {
  if (process.env.PLUMBLINE_CODE_CACHE_DIR) return process.env.PLUMBLINE_CODE_CACHE_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'plumbline', 'code-cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'plumbline', 'code-cache');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'plumbline', 'code-cache');
}

/** FNV-1a of a short string: names the per-user cache of one bundle path, no crypto needed. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** CRC-32 of a cache payload; node:zlib has it from Node 20.15 and 22.2 (older: node:crypto's SHA-1). */
function checksum(data: Buffer): string {
  const z = zlib as typeof zlib & { crc32?: (d: Buffer) => number };
  if (typeof z.crc32 === 'function') return `crc32:${z.crc32(data).toString(16)}`;
  return `sha1:${(require('node:crypto') as typeof import('node:crypto')).createHash('sha1').update(data).digest('hex')}`;
}

export function userCachePath(file: string, dir = userCacheDir()): string {
  const id = fnv1a(path.resolve(file));
  return path.join(dir, `${path.basename(file)}-${id}.${cacheKey()}.v8cache`);
}

function encode(stat: Stats, kind: Kind, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${MAGIC} ${stat.size} ${stat.mtimeMs} ${kind} ${checksum(data)}\n`, 'latin1'), data]);
}

/** The payload of a cache file that belongs to this bundle and is intact, else null. */
function decode(bytes: Buffer, stat: Stats): { header: Header; data: Buffer } | null {
  const nl = bytes.indexOf(10);
  if (nl < 0 || nl > 200) return null;
  const [m1, m2, size, mtimeMs, kind, sum] = bytes.toString('latin1', 0, nl).split(' ');
  if (`${m1} ${m2}` !== MAGIC || Number(size) !== stat.size || Number(mtimeMs) !== stat.mtimeMs) return null;
  if (kind !== 'primed' && kind !== 'full') return null;
  const data = bytes.subarray(nl + 1);
  if (checksum(data) !== sum) return null;
  return { header: { size: stat.size, mtimeMs: stat.mtimeMs, kind, checksum: sum }, data };
}

function readCache(candidate: string, stat: Stats): { header: Header; data: Buffer } | null {
  try {
    return decode(fs.readFileSync(candidate), stat);
  } catch {
    return null;
  }
}

/** Writes atomically (a temporary file renamed), so a reader never sees half a cache. Returns success. */
function writeCache(target: string, bytes: Buffer): boolean {
  const tmp = `${target}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean
    }
    return false;
  }
}

/**
 * For caches of other engines (Chromium's V8, core/report/chromium-code-cache.ts): the payload of
 * `cacheFile` if its header names `source`'s size and mtime and its checksum holds, else null.
 */
export function readCheckedCache(cacheFile: string, source: Stats): Buffer | null {
  return readCache(cacheFile, source)?.data ?? null;
}

/** Writes `data` as the cache of `source` to `cacheFile` (header, atomic rename). Returns success. */
export function writeCheckedCache(cacheFile: string, source: Stats, data: Buffer): boolean {
  return writeCache(cacheFile, encode(source, 'full', data));
}

function disabled(): boolean {
  const v = process.env.PLUMBLINE_CODE_CACHE;
  return v === '0' || v === 'off';
}

/**
 * The `require` a bundle gets: relative requires of other .js files (a lazily loaded vendor bundle)
 * go through the cache too; everything else is Node's.
 */
function makeRequire(mod: Module, opts: LoadOptions): NodeJS.Require {
  return requireOf(mod, (id) => {
    if ((id.startsWith('./') || id.startsWith('../')) && id.endsWith('.js')) return loadBundle(path.resolve(path.dirname(mod.filename), id), opts, mod);
    return mod.require(id);
  });
}

/** A module's `require` (resolve, main, cache, extensions as Node gives them), loading through `load`. */
function requireOf(mod: Module, load: (id: string) => unknown): NodeJS.Require {
  const req = load as NodeJS.Require;
  const M = Module as unknown as { _resolveFilename(r: string, m: Module, isMain: boolean, o?: unknown): string; _cache: NodeJS.Require['cache']; _extensions: NodeJS.Require['extensions'] };
  req.resolve = ((r: string, o?: unknown) => M._resolveFilename(r, mod, false, o)) as NodeJS.RequireResolve;
  req.main = require.main;
  req.cache = M._cache;
  req.extensions = M._extensions;
  return req;
}

/**
 * Work for process exit, behind one 'exit' listener: the CLI is many files (scripts/build.mjs), each
 * writing its cache at exit, and an eleventh listener would print Node's leak warning on stderr.
 */
const atExit: (() => void)[] = [];
function onExit(f: () => void): void {
  if (atExit.length === 0) process.once('exit', () => atExit.splice(0).forEach((g) => g()));
  atExit.push(f);
}

const reports: CacheReport[] = [];
/** What each load in this process did with its cache (tests, debugging). */
export function cacheReports(): readonly CacheReport[] {
  return reports;
}

/** A load's report, kept for `cacheReports` and printed at exit with PLUMBLINE_CODE_CACHE=debug. */
function newReport(file: string): CacheReport {
  const report: CacheReport = { file, used: null, rejected: false, wrote: null };
  reports.push(report);
  if (process.env.PLUMBLINE_CODE_CACHE === 'debug') onExit(() => process.stderr.write(`code cache: ${JSON.stringify(report)}\n`));
  return report;
}

/** Writes the full cache `script` produced for `stat`, at exit or now: to the first of `targets` that takes it. */
function writeWhen(when: CacheWrite | undefined, report: CacheReport, script: import('node:vm').Script, stat: Stats, targets: readonly string[]): void {
  const write = () => {
    try {
      const bytes = encode(stat, 'full', script.createCachedData());
      report.wrote = targets.find((t) => writeCache(t, bytes)) ?? null;
    } catch {
      // a cache is an optimisation: never fail the command for it
    }
  };
  if (when === 'exit') onExit(write);
  else write();
}

/**
 * `require(file)` with a code cache: the bundle's exports. Loads once per process (Node's module
 * cache), like `require`.
 */
export function loadBundle(file: string, opts: LoadOptions = {}, parent: Module | undefined = undefined): unknown {
  const M = Module as unknown as { _cache: Record<string, Module | undefined>; _nodeModulePaths(dir: string): string[]; wrap(src: string): string };
  const cached = M._cache[file];
  if (cached) return cached.exports;
  if (disabled()) return require(file);
  const stat = fs.statSync(file);
  const source = fs.readFileSync(file, 'utf8');
  const beside = besideCachePath(file);
  const user = userCachePath(file, opts.userDir);
  // A full cache beats a primed one; the build's primed cache beside the bundle is the fallback.
  const found = readCache(beside, stat);
  const better = found?.header.kind === 'full' ? null : readCache(user, stat);
  const pick = better && (!found || better.header.kind === 'full') ? { ...better, path: user } : found ? { ...found, path: beside } : null;
  const report = newReport(file);
  const script = new vm.Script(M.wrap(source), { filename: file, ...(pick ? { cachedData: pick.data } : {}) });
  report.used = pick && !script.cachedDataRejected ? pick.path : null;
  report.rejected = Boolean(pick && script.cachedDataRejected);

  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(path.dirname(file));
  M._cache[file] = mod;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(mod.exports, mod.exports, makeRequire(mod, opts), mod, file, path.dirname(file));
  } catch (e) {
    delete M._cache[file];
    throw e;
  }
  mod.loaded = true;

  // Beside the bundle when its folder is writable, else the per-user folder.
  if (!report.used || pick?.header.kind !== 'full') writeWhen(opts.write, report, script, stat, [beside, user]);
  return mod.exports;
}

/**
 * `require(id)` of a package in node_modules (playwright-core: 7 MB of JavaScript, half a second to
 * compile at each cold export) with a code cache for each of the package's files. node_modules is
 * not ours to write in, so caches live in the per-user folder only, with the same header checks as
 * a bundle's; written at process exit (`write: 'exit'`, so the functions the command ran are in
 * them) or once the package loaded. Only while this require runs are the package's own files
 * compiled here (a scoped `Module.prototype._compile`); any other file, and a file whose cache
 * cannot be read or is rejected, is compiled as Node would.
 */
export function requireWithCodeCache(id: string, opts: LoadOptions = {}, from: NodeJS.Require = require): unknown {
  const resolved = from.resolve(id);
  const cached = (Module as unknown as { _cache: Record<string, Module | undefined> })._cache[resolved];
  if (cached || disabled()) return from(id);
  // The package's folder: everything under node_modules/<id>/ (its real path, node_modules may be a link).
  const real = fs.realpathSync(resolved);
  const marker = `${path.sep}node_modules${path.sep}${id.split('/').join(path.sep)}${path.sep}`;
  const at = real.lastIndexOf(marker);
  if (at < 0) return from(id);
  const root = real.slice(0, at + marker.length);
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string, ...rest: unknown[]): unknown };
  const compile = proto._compile;
  const dir = opts.userDir;
  proto._compile = function (this: Module, content: string, filename: string, ...rest: unknown[]) {
    if (!filename.startsWith(root)) return compile.call(this, content, filename, ...rest);
    return runCached(this, content, filename, dir, opts.write);
  };
  try {
    return from(id);
  } finally {
    proto._compile = compile;
  }
}

/** Compiles one CommonJS file of a package with its per-user cache, runs it as Node would, and schedules the cache's write. */
function runCached(mod: Module, source: string, file: string, userDir: string | undefined, when: CacheWrite | undefined): unknown {
  const M = Module as unknown as { wrap(src: string): string };
  const stat = fs.statSync(file);
  const user = userCachePath(file, userDir);
  const found = readCache(user, stat);
  const report = newReport(file);
  const dynamicImport = (vm.constants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(M.wrap(source), {
    filename: file,
    ...(found ? { cachedData: found.data } : {}),
    // A package may import() an ES module (Node's default loader, as its own compile would allow).
    ...(dynamicImport ? { importModuleDynamically: dynamicImport as never } : {}),
  });
  report.used = found && !script.cachedDataRejected ? user : null;
  report.rejected = Boolean(found && script.cachedDataRejected);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
  const result = wrapper.call(mod.exports, mod.exports, requireOf(mod, (r) => mod.require(r)), mod, file, path.dirname(file));
  if (!report.used) writeWhen(when, report, script, stat, [user]);
  return result;
}

/**
 * The build's cache: the bundle compiled (not run) beside it, valid for the node that runs the
 * build. Skips parsing on the first run; that run replaces it with a full cache.
 */
export function primeCodeCache(file: string): string | null {
  const stat = fs.statSync(file);
  const M = Module as unknown as { wrap(src: string): string };
  const script = new vm.Script(M.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
  const target = besideCachePath(file);
  return writeCache(target, encode(stat, 'primed', script.createCachedData())) ? target : null;
}

/** Removes every cache beside `file` (the build does before priming: old bundles' caches are useless). */
export function removeBesideCaches(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const f of fs.readdirSync(dir)) if (f.startsWith(prefix) && (f.endsWith('.v8cache') || f.endsWith('.tmp'))) fs.rmSync(path.join(dir, f), { force: true });
}
