// Unit tests: renderer code runs in jsdom, everything else in node. End-to-end tests (tests/e2e)
// belong to Playwright and are never collected here.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Vitest's 5 s default assumes an idle machine. On this project's shared 2-core machines the load
// average reaches 10-14 (measured 2026-12-06 while other engineers built and tested): spawning the
// CLI alone then took 5.2 s. Heavy tests were made smaller first (parquet-pages, round-trip
// property); this allowance is for the load, not for slow tests.
const LOADED_MACHINE_TIMEOUT = 20_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          testTimeout: LOADED_MACHINE_TIMEOUT,
          hookTimeout: 2 * LOADED_MACHINE_TIMEOUT,
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**', 'node_modules/**'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          testTimeout: LOADED_MACHINE_TIMEOUT,
          hookTimeout: 2 * LOADED_MACHINE_TIMEOUT,
          environment: 'jsdom',
          setupFiles: ['tests/helpers/renderer-setup.ts'],
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
