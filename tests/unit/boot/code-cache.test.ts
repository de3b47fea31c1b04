/**
 * The code cache loader (core/boot/code-cache.ts) on small bundles written here: the cache is used
 * when it fits, and a corrupt, foreign, stale or unwritable cache never fails the load.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { besideCachePath, cacheReports, loadBundle, primeCodeCache, removeBesideCaches, requireWithCodeCache, userCachePath } from '../../../core/boot/code-cache';
import { tmpDir } from '../../helpers/tmp';

let dir: string;
let userDir: string;
let n = 0;

beforeEach(() => {
  dir = tmpDir('code-cache');
  userDir = path.join(dir, 'user-cache');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A bundle with a unique path (Node's module cache keeps a path loaded once per process). */
function bundle(body = ''): string {
  const file = path.join(dir, `b${n++}`, 'bundle.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Enough functions that V8's cache is not trivial; the exports say the code really ran.
  const fns = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  fs.writeFileSync(file, `${fns}\nexports.sum = [${Array.from({ length: 50 }, (_, i) => `f${i}(2)`).join(', ')}].reduce((a, b) => a + b, 0);\nexports.dir = __dirname;\n${body}`);
  return file;
}

/** Loads `file` as a fresh module (forgetting an earlier load of it) and returns its exports and the cache report. */
function load(file: string) {
  delete (Module as unknown as { _cache: Record<string, unknown> })._cache[file];
  const exports = loadBundle(file, { write: 'loaded', userDir }) as { sum: number; dir: string; more?: number; vendor(): number };
  return { exports, report: cacheReports()[cacheReports().length - 1]! };
}

const EXPECTED_SUM = Array.from({ length: 50 }, (_, i) => 2 * i + i).reduce((a, b) => a + b, 0);

describe('code cache', () => {
  it('writes a cache beside the bundle on the first load and uses it on the next', () => {
    const file = bundle();
    const first = load(file);
    expect(first.exports.sum).toBe(EXPECTED_SUM);
    expect(first.exports.dir).toBe(path.dirname(file));
    expect(first.report.used).toBeNull();
    expect(first.report.wrote).toBe(besideCachePath(file));
    const second = load(file);
    expect(second.exports.sum).toBe(EXPECTED_SUM);
    expect(second.report).toMatchObject({ used: besideCachePath(file), rejected: false, wrote: null });
  });

  it("upgrades the build's primed cache to a full one once", () => {
    const file = bundle();
    expect(primeCodeCache(file)).toBe(besideCachePath(file));
    const first = load(file);
    expect(first.report).toMatchObject({ used: besideCachePath(file), wrote: besideCachePath(file) });
    expect(load(file).report).toMatchObject({ used: besideCachePath(file), wrote: null });
  });

  it('ignores and rewrites a corrupt cache (V8 would abort on it)', () => {
    const file = bundle();
    load(file);
    const cache = besideCachePath(file);
    const bytes = fs.readFileSync(cache);
    for (let i = bytes.length - 200; i < bytes.length - 100; i++) bytes[i]! ^= 0x5a;
    fs.writeFileSync(cache, bytes);
    const again = load(file);
    expect(again.exports.sum).toBe(EXPECTED_SUM);
    expect(again.report).toMatchObject({ used: null, wrote: cache });
    expect(load(file).report.used).toBe(cache);
  });

  it('ignores a truncated or empty cache file', () => {
    const file = bundle();
    load(file);
    const cache = besideCachePath(file);
    fs.writeFileSync(cache, fs.readFileSync(cache).subarray(0, 100));
    expect(load(file).report.used).toBeNull();
    fs.writeFileSync(cache, '');
    expect(load(file).exports.sum).toBe(EXPECTED_SUM);
  });

  it("ignores a cache made for the bundle's earlier build (another size or mtime)", () => {
    const file = bundle();
    load(file);
    fs.appendFileSync(file, '\nexports.more = 1;\n');
    const after = load(file);
    expect(after.exports.more).toBe(1);
    expect(after.report.used).toBeNull();
  });

  it('a cache V8 rejects (made from other source) is rewritten, not fatal', () => {
    const file = bundle();
    const other = bundle('exports.other = 1;');
    load(other);
    // The other bundle's cache, relabelled with this bundle's size and mtime so only V8 can tell.
    const stat = fs.statSync(file);
    const bytes = fs.readFileSync(besideCachePath(other));
    const nl = bytes.indexOf(10);
    const [magic, version, , , kind, sum] = bytes.toString('latin1', 0, nl).split(' ');
    fs.writeFileSync(besideCachePath(file), Buffer.concat([Buffer.from(`${magic} ${version} ${stat.size} ${stat.mtimeMs} ${kind} ${sum}\n`), bytes.subarray(nl + 1)]));
    const r = load(file);
    expect(r.exports.sum).toBe(EXPECTED_SUM);
    expect(r.report).toMatchObject({ used: null, rejected: true, wrote: besideCachePath(file) });
  });

  it("writes to the per-user folder when the bundle's folder is not writable, and reads it from there", () => {
    const file = bundle();
    // Root ignores file modes, so "not writable" is a directory standing where the cache file would go.
    fs.mkdirSync(besideCachePath(file));
    fs.writeFileSync(path.join(besideCachePath(file), 'keep'), '');
    const first = load(file);
    expect(first.exports.sum).toBe(EXPECTED_SUM);
    expect(first.report.wrote).toBe(userCachePath(file, userDir));
    expect(load(file).report).toMatchObject({ used: userCachePath(file, userDir), wrote: null });
  });

  it('prefers a full per-user cache over a primed one beside the bundle, so it is not rewritten every run', () => {
    const file = bundle();
    fs.mkdirSync(userDir, { recursive: true });
    primeCodeCache(file);
    // A full cache in the user folder, as a run with a read-only bundle folder leaves it.
    load(file);
    fs.renameSync(besideCachePath(file), userCachePath(file, userDir));
    primeCodeCache(file);
    expect(load(file).report).toMatchObject({ used: userCachePath(file, userDir), wrote: null });
  });

  it('PLUMBLINE_CODE_CACHE=off loads the bundle with plain require and writes nothing', () => {
    const file = bundle();
    process.env.PLUMBLINE_CODE_CACHE = 'off';
    try {
      expect(load(file).exports.sum).toBe(EXPECTED_SUM);
    } finally {
      delete process.env.PLUMBLINE_CODE_CACHE;
    }
    expect(fs.existsSync(besideCachePath(file))).toBe(false);
  });

  it('a bundle that throws leaves nothing in the module cache, and relative .js requires share the loader', () => {
    const file = bundle();
    fs.writeFileSync(path.join(path.dirname(file), 'vendor.js'), 'exports.v = 42;');
    fs.appendFileSync(file, "exports.vendor = () => require('./vendor.js').v;\n");
    const r = load(file);
    expect(r.exports.vendor()).toBe(42);
    expect(cacheReports().some((x) => x.file === path.join(path.dirname(file), 'vendor.js'))).toBe(true);
    const bad = bundle("throw new Error('boom');");
    expect(() => load(bad)).toThrow('boom');
    expect((Module as unknown as { _cache: Record<string, unknown> })._cache[bad]).toBeUndefined();
  });

  it("many bundles written at exit share one 'exit' listener (the split CLI loads a dozen; an eleventh listener warns on stderr)", () => {
    const before = process.listenerCount('exit');
    const files = Array.from({ length: 12 }, () => bundle());
    for (const f of files) expect((loadBundle(f, { write: 'exit', userDir }) as { sum: number }).sum).toBe(EXPECTED_SUM);
    expect(process.listenerCount('exit')).toBe(before + 1);
    // Run our listener alone (emitting 'exit' would run the test runner's too).
    const ours = process.listeners('exit').at(-1)!;
    process.removeListener('exit', ours);
    ours.call(process, 0);
    for (const f of files) expect(fs.existsSync(besideCachePath(f))).toBe(true);
  });

  it('removeBesideCaches clears the caches of one bundle only', () => {
    const file = bundle();
    load(file);
    const keep = path.join(path.dirname(file), 'other.js.x.v8cache');
    fs.writeFileSync(keep, '');
    removeBesideCaches(file);
    expect(fs.existsSync(besideCachePath(file))).toBe(false);
    expect(fs.existsSync(keep)).toBe(true);
  });
});

/**
 * A package in a node_modules folder of its own: index.js requires its lib/ file and a second
 * package (whose files are not its own, so not compiled through the cache).
 */
function nodePackage(): { require: NodeJS.Require; files: string[]; other: string } {
  const base = path.join(dir, `p${n++}`);
  const pkg = path.join(base, 'node_modules', 'fake-pkg');
  const other = path.join(base, 'node_modules', 'other-pkg', 'index.js');
  fs.mkdirSync(path.join(pkg, 'lib'), { recursive: true });
  fs.mkdirSync(path.dirname(other), { recursive: true });
  fs.writeFileSync(other, 'exports.other = 7;');
  const fns = Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  fs.writeFileSync(path.join(pkg, 'lib', 'core.js'), `${fns}\nexports.sum = [${Array.from({ length: 50 }, (_, i) => `f${i}(2)`).join(', ')}].reduce((a, b) => a + b, 0);`);
  fs.writeFileSync(path.join(pkg, 'index.js'), "module.exports = { ...require('./lib/core'), other: require('other-pkg').other, file: __filename };");
  return { require: Module.createRequire(path.join(base, 'main.js')), files: [path.join(pkg, 'index.js'), path.join(pkg, 'lib', 'core.js')], other };
}

/** Requires the package afresh (its files and the other package forgotten by Node's module cache). */
function loadPackage(p: ReturnType<typeof nodePackage>) {
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  for (const f of [...p.files, p.other]) delete cache[f];
  const from = cacheReports().length;
  const exports = requireWithCodeCache('fake-pkg', { write: 'loaded', userDir }, p.require) as { sum: number; other: number; file: string };
  return { exports, reports: cacheReports().slice(from) };
}

describe('code cache for a package in node_modules (playwright-core)', () => {
  it('compiles only the package\'s own files through per-user caches, written on the first load and used on the next', () => {
    const p = nodePackage();
    const compile = (Module.prototype as unknown as { _compile: unknown })._compile;
    const first = loadPackage(p);
    expect(first.exports).toMatchObject({ sum: EXPECTED_SUM, other: 7, file: p.files[0] });
    expect(first.reports.map((r) => r.file).sort()).toEqual([...p.files].sort());
    for (const r of first.reports) expect(r).toMatchObject({ used: null, wrote: userCachePath(r.file, userDir) });
    // Nothing is written into node_modules, and Node's compile is back once the require returned.
    for (const f of p.files) expect(fs.existsSync(besideCachePath(f))).toBe(false);
    expect((Module.prototype as unknown as { _compile: unknown })._compile).toBe(compile);
    const second = loadPackage(p);
    expect(second.exports.sum).toBe(EXPECTED_SUM);
    for (const r of second.reports) expect(r).toMatchObject({ used: userCachePath(r.file, userDir), rejected: false, wrote: null });
  });

  it('ignores and rewrites a corrupt per-user cache', () => {
    const p = nodePackage();
    loadPackage(p);
    const cache = userCachePath(p.files[1]!, userDir);
    const bytes = fs.readFileSync(cache);
    for (let i = bytes.length - 200; i < bytes.length - 100; i++) bytes[i]! ^= 0x5a;
    fs.writeFileSync(cache, bytes);
    const again = loadPackage(p);
    expect(again.exports.sum).toBe(EXPECTED_SUM);
    expect(again.reports.find((r) => r.file === p.files[1])).toMatchObject({ used: null, wrote: cache });
  });

  it('a package already loaded is returned as it is, and a file of the package that throws restores Node\'s compile', () => {
    const p = nodePackage();
    const first = loadPackage(p).exports;
    expect(requireWithCodeCache('fake-pkg', { write: 'loaded', userDir }, p.require)).toBe(first);
    const compile = (Module.prototype as unknown as { _compile: unknown })._compile;
    fs.appendFileSync(p.files[1]!, "\nthrow new Error('boom');\n");
    expect(() => loadPackage(p)).toThrow('boom');
    expect((Module.prototype as unknown as { _compile: unknown })._compile).toBe(compile);
  });
});
