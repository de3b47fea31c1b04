import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'plumbline.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI exactly as a user would (`npx plumbline …` resolves to bin/plumbline.js). */
export function plumbline(args: readonly string[], opts: { db: string; input?: string; env?: NodeJS.ProcessEnv } ): CliResult {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/cli/main.js is missing: run "npm run build" before the integration tests (npm test does).');
  }
  const r = spawnSync(process.execPath, [BIN, '--db', opts.db, ...args], {
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, ...opts.env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function json<T = unknown>(r: CliResult): T {
  if (r.status !== 0) throw new Error(`plumbline exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
