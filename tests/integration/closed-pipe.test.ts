/**
 * `plumbline … | head`: a reader that closes the pipe first gets no stack trace from Plumbline, and
 * the command ends with its own exit status (core/cli/closed-pipe.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('closed-pipe-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with its stdout's reading end closed before the process starts writing. */
function withClosedStdout(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'plumbline.js'), '--db', path.join(dir, 'ws.db'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

describe('output into a closed pipe', () => {
  it('--version: no EPIPE trace, exit 0', async () => {
    expect(await withClosedStdout(['--version'])).toEqual({ status: 0, stderr: '' });
  });

  it('a command that opens the workspace and prints JSON: no trace, exit 0', async () => {
    expect(await withClosedStdout(['datasets', '--json'])).toEqual({ status: 0, stderr: '' });
  });

  it('a failing command keeps its own status and message', async () => {
    const r = await withClosedStdout(['show', 'no-such-dataset', '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no-such-dataset/);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});
