// The renderer: a React app built by Vite. Electron loads it from the custom app:// protocol and
// browser mode serves it at '/', so every asset URL is relative (base './'). The .mts name makes this
// file an ES module to Node too, so Vite loads it without its config-loader warning on every build.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));
// Built next to it, then swapped in with two renames: a running `plumbline serve` (or another
// developer's test run) never sees dist/renderer missing or half-written.
const stagingDir = `${outDir}.staging-${process.pid}`;

function swapInWhenComplete(): Plugin {
  let failed = false;
  return {
    name: 'plumbline:swap-in-renderer',
    apply: 'build',
    buildEnd(error) {
      failed = !!error;
    },
    renderError() {
      failed = true;
    },
    closeBundle() {
      if (failed || !fs.existsSync(stagingDir)) {
        fs.rmSync(stagingDir, { recursive: true, force: true });
        return;
      }
      const old = `${outDir}.old-${process.pid}`;
      if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
      fs.renameSync(stagingDir, outDir);
      fs.rmSync(old, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), swapInWhenComplete()],
  build: {
    outDir: stagingDir,
    emptyOutDir: true,
    // Plotly alone is ~3.5 MB; it loads from disk, not a network.
    chunkSizeWarningLimit: 5000,
    // No inline <script> or data: URLs: the CSP is default-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Rolldown's per-build timing dump ([PLUGIN_TIMINGS]) is for profiling, not for every `npm start`.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { port: 5173, strictPort: false },
});
