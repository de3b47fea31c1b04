// Shared by the in-browser benchmarks (explorer.bench.mjs, threshold.bench.mjs): a workspace
// imported once under .bench/, `plumbline serve` on it with its tokened URL, and Debian's Chromium
// driven by playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'bin', 'plumbline.js');

export function requireBuild() {
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('Build first: node scripts/build.mjs');
}

/**
 * The workspace `db`, importing each [csv, name] the first time (into a temporary file renamed
 * at the end, so an interrupted import leaves no half workspace behind).
 */
export function importOnce(db, imports, log) {
  if (fs.existsSync(db)) return db;
  log(`importing ${imports.map(([, name]) => name).join(', ')}…`);
  const tmp = `${db}.tmp`;
  for (const s of ['', '-wal', '-shm']) fs.rmSync(tmp + s, { force: true });
  for (const [csv, name] of imports) execFileSync(process.execPath, [cli, '--db', tmp, 'import', csv, '--name', name], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const s of ['', '-wal', '-shm']) if (fs.existsSync(tmp + s)) fs.renameSync(tmp + s, db + s);
  return db;
}

/** `plumbline serve` on `db` (any free port): its URL with the token, and `stop()`. */
export async function servePlumbline(db) {
  const server = spawn(process.execPath, [cli, 'serve', '--no-open', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BROWSER: 'none' } });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL from plumbline serve: ${out}`)), 30_000);
    server.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /Plumbline is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.once('exit', (code) => reject(new Error(`plumbline serve exited with ${code}: ${out}`)));
  });
  return { url, stop: () => server.kill('SIGTERM') };
}

/** Headless Chromium (PLUMBLINE_CHROMIUM, else /usr/bin/chromium) without GPU, sandbox or background traffic. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Where the benches put their screenshots. */
export function screensDir() {
  const dir = path.join(root, 'test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
