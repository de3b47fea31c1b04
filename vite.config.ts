// The renderer: a React app built by Vite. Electron loads it from the custom app:// protocol and
// browser mode serves it at '/', so every asset URL is relative (base './').
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // One file per chunk is fine for a local app; plotly alone is ~3.5 MB and loads from disk.
    chunkSizeWarningLimit: 5000,
    // No inline <script> or data: URLs: the CSP is default-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, strictPort: false },
});
