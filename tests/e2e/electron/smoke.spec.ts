// Electron smoke test: launches the built app (dist/electron/main.js) on a fresh workspace and
// checks the window, its security and the API. Skipped, with one line saying why, where the
// Electron binary is not installed (it cannot be downloaded offline).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const SKIP_REASON = 'Electron binary not installed here; skipping Electron smoke test';

/** Same rule as scripts/start.mjs: node_modules/electron/path.txt and the file it names must exist. */
function electronBinary(): string | null {
  if (!fs.existsSync(path.join(root, 'node_modules', 'electron', 'path.txt'))) return null;
  try {
    const binary: unknown = createRequire(path.join(root, 'package.json'))('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The page's global object, typed just enough (this project type-checks tests without the DOM library). */
type PageGlobal = {
  plumbline: { call(method: string, callId: string, args: unknown): Promise<unknown> } & Record<string, unknown>;
  require?: unknown;
  process?: unknown;
  location: { href: string };
  open(url: string): unknown;
};

const binary = electronBinary();
// Printed once, by the runner process that collects the tests (workers have TEST_WORKER_INDEX).
if (!binary && process.env.TEST_WORKER_INDEX === undefined) console.log(SKIP_REASON);

test.describe('Electron app', () => {
  test.skip(!binary, SKIP_REASON);

  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  test.beforeAll(async () => {
    for (const built of ['dist/electron/main.js', 'dist/electron/preload.js', 'dist/engine/worker.js', 'dist/renderer/index.html']) {
      if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} is missing: run "node scripts/build.mjs" first.`);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-electron-e2e-'));
    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath: binary!,
      args: [path.join(root, 'dist/electron/main.js'), '--db', path.join(dir, 'workspace.db')],
      cwd: root,
      env,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('opens the app frame from app://plumbline/', async () => {
    expect(page.url()).toMatch(/^app:\/\/plumbline\//);
    await expect(page).toHaveTitle(/Plumbline/);
    await expect(page.locator('#main')).toBeVisible();
  });

  test('exposes exactly the bridge and no Node', async () => {
    const shape = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobal;
      return { bridge: Object.keys(g.plumbline).sort(), require: typeof g.require, process: typeof g.process };
    });
    expect(shape).toEqual({
      bridge: ['call', 'cancel', 'onMenuOpenFile', 'onProgress', 'openFileDialog', 'pathForFile'],
      require: 'undefined',
      process: 'undefined',
    });
  });

  test('the API answers listDatasets on the fresh workspace', async () => {
    const reply = await page.evaluate(() => (globalThis as unknown as PageGlobal).plumbline.call('listDatasets', 'e2e-list', {}));
    expect(reply).toEqual({ ok: true, value: [] });
  });

  test('blocks outgoing network requests and refuses to navigate away', async () => {
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobal).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
  });

  test('denies new windows', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as PageGlobal).open('app://plumbline/index.html'));
    expect(opened).toBeNull();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
