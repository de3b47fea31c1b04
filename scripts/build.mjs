// Builds every Node target (Electron main + preload, the engine worker, the CLI) with esbuild, and
// the renderer with Vite. tsc only type-checks (npm run typecheck): esbuild is ~100x faster and
// bundles ESM-only dependencies (hyparquet) into CommonJS, which Electron's sandboxed preload needs.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
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

if (only !== 'renderer') {
  await build({
    ...common,
    entryPoints: {
      'electron/main': 'electron/main.ts',
      'engine/worker': 'core/transport/worker-entry.ts',
      // The column pool's threads (core/engine/pool/): found beside the engine worker.
      'engine/pool-worker': 'core/engine/pool/pool-worker.ts',
      'cli/main': 'core/cli/main.ts',
    },
    outdir: 'dist',
  });
  // The preload runs in a sandbox: one self-contained CommonJS file that may only require 'electron'.
  await build({ ...common, entryPoints: { 'electron/preload': 'electron/preload.ts' }, outdir: 'dist' });
}
if (only !== 'node') {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
