/**
 * The CLI's `main` run in this process against a workspace, with stdout and stderr captured: for
 * unit tests of exit codes and output that do not need the built CLI (tests/helpers/cli.ts runs that).
 */
import { vi } from 'vitest';
import { main } from '../../core/cli/main';

export interface InProcessResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(db: string, ...args: string[]): Promise<InProcessResult> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  process.exitCode = undefined;
  try {
    const code = await main(['--db', db, ...args]);
    return { code, out, err };
  } finally {
    process.exitCode = undefined;
    o.mockRestore();
    e.mockRestore();
  }
}
