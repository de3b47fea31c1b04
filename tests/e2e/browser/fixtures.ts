/**
 * Browser-mode fixtures: a fresh `plumbline serve` per test on a temporary workspace, its URL
 * (with the token) parsed from stdout, and a record of every request the page makes.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_MISSING } from '../../../playwright.config';

export const ROOT = path.resolve(__dirname, '../../..');
export const SCREENS_DIR = path.join(ROOT, 'test-results', 'screens');

export interface Server {
  readonly url: string;
  readonly origin: string;
  readonly dir: string;
  readonly db: string;
}

interface Fixtures {
  server: Server;
  requests: string[];
  /** Writes a file into the test's temporary folder and returns its path. */
  writeFile: (name: string, content: string | Buffer) => string;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-e2e-'));
    const db = path.join(dir, 'workspace.db');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/plumbline.js'), 'serve', '--no-open', '--port', '0', '--db', db], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none' },
    });
    try {
      const url = await serverUrl(child);
      await use({ url, origin: new URL(url).origin, dir, db });
    } finally {
      await stop(child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  requests: async ({ page }, use) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await use(urls);
    // Nothing the page asked for may leave the machine: loopback only, or in-page data/blob URLs.
    for (const u of urls) {
      const { protocol, hostname } = new URL(u);
      if (protocol === 'data:' || protocol === 'blob:') continue;
      expect(hostname, `request to ${u}`).toBe('127.0.0.1');
    }
  },
  writeFile: async ({ server }, use) => {
    await use((name, content) => {
      const p = path.join(server.dir, name);
      fs.writeFileSync(p, content);
      return p;
    });
  },
  shot: async ({ page }, use) => {
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: false });
    });
  },
});

test.skip(CHROMIUM_MISSING, `no Chromium at ${CHROMIUM}`);

export { expect };

function serverUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`plumbline serve printed no URL in 20 s.\nstdout: ${out}\nstderr: ${err}`)), 20_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /Plumbline is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`plumbline serve exited with ${code}.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Opens the app with the token, as a user following the printed link would: on Datasets in an
 * empty workspace, on the Overview once it has data.
 */
export async function openApp(page: Page, server: Server): Promise<void> {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: /^(Datasets|Overview)$/ })).toBeVisible();
}

/**
 * Fails each test of the spec that calls it on a console error (CSP violations, render errors), an
 * uncaught page error or a dialog nobody expected. Returns the list, which a test may clear after
 * an error it caused on purpose.
 */
export function failOnPageErrors(): string[] {
  const errors: string[] = [];
  test.beforeEach(async ({ page }) => {
    errors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });
  test.afterEach(() => expect(errors).toEqual([]));
  return errors;
}
