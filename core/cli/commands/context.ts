import type { Command } from 'commander';
import { config as zodConfig } from 'zod';
import { createEngine } from '../../engine/engine';
import { createClient, type PlumblineClient } from '../../transport/transport';
import { directTransport } from '../../transport/direct';
import { resolveWorkspacePath } from '../../workspace/paths';
import { Workspace } from '../../workspace/workspace';

/** Opens the workspace named by --db / PLUMBLINE_DB / default and hands out a typed client. */
export async function withClient<T>(cmd: Command, run: (client: PlumblineClient, ws: Workspace) => Promise<T>): Promise<T> {
  // A command checks each schema once: zod's JIT (an object schema compiled with new Function on
  // its first parse) costs more than it saves — the performance options' first parse took 4-13 ms
  // with it, 2 ms without (same checks, same messages). The app's long-lived engine keeps it.
  zodConfig({ jitless: true });
  const ws = new Workspace(resolveWorkspacePath(globalOpts(cmd).db));
  try {
    return await run(createClient(directTransport(createEngine(ws))), ws);
  } finally {
    ws.close();
  }
}

export function globalOpts(cmd: Command): { db?: string } {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root.opts<{ db?: string }>();
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Ctrl-C cancels a long operation cleanly (the import rolls back) instead of killing mid-write. */
export function cancelOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
