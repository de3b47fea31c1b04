// End-to-end tests. Browser mode: the built app served by `plumbline serve`, driven in a system
// Chromium (no downloaded browsers). Electron: `_electron` smoke test in its own project.
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

export const CHROMIUM = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = !fs.existsSync(CHROMIUM);

if (CHROMIUM_MISSING) {
  if (process.env.CI) throw new Error(`E2E: no Chromium at ${CHROMIUM}; install it or set PLUMBLINE_CHROMIUM (required on CI).`);
  console.log(`E2E skipped: no Chromium at ${CHROMIUM} (set PLUMBLINE_CHROMIUM to run them).`);
}

export default defineConfig({
  testDir: 'tests/e2e',
  // Separate output folders let concurrent runs (e.g. two checkouts' agents) avoid deleting each other's traces.
  outputDir: process.env.PLUMBLINE_E2E_OUT ?? 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  globalSetup: './tests/e2e/browser/global-setup.ts',
  projects: [
    {
      name: 'browser',
      testDir: 'tests/e2e/browser',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--headless=new',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    // Runs where Electron's binary exists; announces its skip elsewhere (the spec checks).
    { name: 'electron', testDir: 'tests/e2e/electron' },
  ],
});
