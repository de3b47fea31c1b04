// Builds every Node target (Electron main + preload, the engine worker, the CLI) with esbuild, and
// the renderer with Vite. tsc only type-checks (npm run typecheck): esbuild is ~100x faster and
// bundles ESM-only dependencies (hyparquet) into CommonJS, which Electron's sandboxed preload needs.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv[2]; // 'node' | 'renderer' | undefined (both)
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // Native or heavyweight packages stay outside the bundle and are required at run time.
  external: ['electron', 'better-sqlite3', 'playwright-core', 'plotly.js-cartesian-dist-min'],
  define: { __PLUMBLINE_VERSION__: JSON.stringify(pkg.version) },
};

/**
 * Big libraries only a few commands need, built once into dist/vendor/ and required from there at
 * run time (every Node bundle sits one folder under dist/), so the CLI, the engine worker and their
 * code caches do not read and carry them: pdf-lib with its fonts and pako is a third of the CLI's
 * bundle and is needed only to rewrite or verify a report PDF. Our code already requires it lazily.
 */
const VENDOR = { 'pdf-lib': 'vendor/pdf-lib' };
const vendorPlugin = {
  name: 'vendor',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(VENDOR).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: `../${VENDOR[args.path]}.js`, external: true }));
  },
};

/**
 * zod re-exports every one of its ~50 message locales (`z.locales`, `z.core.locales`): 358 KB of
 * the CLI's 2.4 MB, read and compiled by every command that validates anything. We use only
 * English, its default (zod's classic schemas import en.js themselves), so the index keeps `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * commander requires node:child_process at load, for git-style executable subcommands we do not
 * have; loading it (with dgram, the socket list, spawn_sync…) cost 2-8 ms of every command. Its
 * one use, spawn, now loads it when called.
 */
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };\n",
      loader: 'js',
    }));
  },
};

if (only !== 'renderer') {
  const req = createRequire(import.meta.url);
  await build({ ...common, entryPoints: Object.fromEntries(Object.entries(VENDOR).map(([pkgName, out]) => [out, req.resolve(pkgName)])), outdir: 'dist' });
  await build({
    ...common,
    plugins: [vendorPlugin, zodEnglishOnly, commanderLazyChildProcess],
    entryPoints: {
      'electron/main': 'electron/main.ts',
      // The engine worker and the column pool's threads (core/engine/pool/, found beside it): each
      // entry is a small file that loads its bundle through the V8 code cache (core/boot/).
      'engine/worker.bundle': 'core/transport/worker-entry.ts',
      'engine/pool-worker.bundle': 'core/engine/pool/pool-worker.ts',
      'engine/worker': 'core/boot/engine-worker.ts',
      'engine/pool-worker': 'core/boot/pool-worker.ts',
      // A Parquet import's decoding thread (core/import/formats/parquet-pipeline.ts finds it here).
      'engine/parquet-worker': 'core/import/formats/parquet-worker.ts',
      // bin/plumbline.js loads dist/cli/main.js through this.
      'boot/code-cache': 'core/boot/code-cache.ts',
    },
    outdir: 'dist',
  });
  await buildCli();
  // The preload runs in a sandbox: one self-contained CommonJS file that may only require 'electron'.
  await build({ ...common, entryPoints: { 'electron/preload': 'electron/preload.ts' }, outdir: 'dist' });
  primeCodeCaches();
}
/**
 * The CLI as many small CommonJS files in dist/cli/: main.js (commander and the command table) and
 * one file per lazily imported module and per piece of code they share, so a command reads, and
 * deserialises the code cache of, only what it runs: `--version` loads no analysis, no zod, no
 * SQLite. esbuild splits code only in ESM output, and the code cache loader (core/boot/) compiles
 * CommonJS (vm.Script; Node 20 has no code cache for ES modules), so the split ESM files are
 * rewritten to CommonJS one by one: `import` becomes `require`, `import()` a deferred `require`
 * (which the loader sends through the cache too). The source maps are chained through both steps.
 */
async function buildCli() {
  const esmDir = path.join(root, 'dist', '.cli-esm');
  const outDir = path.join(root, 'dist', 'cli');
  for (const d of [esmDir, outDir]) fs.rmSync(d, { recursive: true, force: true });
  await build({
    ...common,
    plugins: [vendorPlugin, zodEnglishOnly, commanderLazyChildProcess],
    format: 'esm',
    splitting: true,
    entryPoints: { main: 'core/cli/main.ts' },
    chunkNames: '[name]-[hash]',
    outdir: esmDir,
  });
  const files = fs.readdirSync(esmDir).filter((f) => f.endsWith('.js'));
  // Per file, no bundling: esbuild refuses `external` without `bundle`, and `define` was applied.
  const { external: _external, define: _define, ...perFile } = common;
  await build({
    ...perFile,
    bundle: false,
    entryPoints: files.map((f) => path.join(esmDir, f)),
    supported: { 'dynamic-import': false },
    outdir: outDir,
  });
  fs.rmSync(esmDir, { recursive: true, force: true });
}

/** Every JavaScript file the CLI loads (dist/cli/*.js). */
function cliFiles() {
  const dir = path.join(root, 'dist', 'cli');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join('dist', 'cli', f));
}

/**
 * esbuild escapes non-ASCII in strings, but not in the comments it keeps nor in tagged templates
 * (the report's h`…` HTML, with its – ’ ≤), and one such character makes Node decode the whole
 * bundle as UTF-8 into a two-byte string: twice the memory and twice the read time of an ASCII file
 * (2.4 MB: 40 vs 21 ms CPU on a loaded machine). Escaping them as \uXXXX keeps comments readable
 * and every cooked template string the same (our tags, h and guide, read cooked strings; the
 * bundles' String.raw templates are ASCII). Columns in the source map shift on those few lines.
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) fs.writeFileSync(file, ascii);
}

/**
 * V8 code caches beside the bundles the CLI and the workers load, valid for the node running the
 * build (another node rejects them and writes its own, see core/boot/code-cache.ts). In a child
 * process, so the build's own V8 flags and heap do not shape the cache.
 */
function primeCodeCaches() {
  const bundles = [...cliFiles(), 'dist/engine/worker.bundle.js', 'dist/engine/pool-worker.bundle.js', ...Object.values(VENDOR).map((v) => `dist/${v}.js`)].map((f) => path.join(root, f));
  for (const f of bundles) asciiOnly(f);
  const script = `const c = require(${JSON.stringify(path.join(root, 'dist/boot/code-cache.js'))});
for (const f of ${JSON.stringify(bundles)}) { c.removeBesideCaches(f); c.primeCodeCache(f); }`;
  execFileSync(process.execPath, ['-e', script], { stdio: 'inherit' });
}

if (only !== 'node') {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
