/**
 * The demo datasets live next to the engine (an app resource, or the server's install directory),
 * at paths the renderer cannot know, so the engine loads them.
 */
import type { CallOptions, PlumblineClient } from '../../core/transport/transport';

type LoadDemo = (args: Record<string, never>, opts?: CallOptions) => Promise<{ datasets: string[] }>;

function loadDemoMethod(client: PlumblineClient): LoadDemo | undefined {
  // loadDemo lands with the lead's engine change; until then the method is absent and the UI hides the button.
  const m = (client as unknown as { loadDemo?: LoadDemo }).loadDemo;
  return typeof m === 'function' ? m : undefined;
}

export function hasDemo(client: PlumblineClient): boolean {
  return loadDemoMethod(client) !== undefined;
}

export async function loadDemo(client: PlumblineClient, opts: CallOptions): Promise<{ datasets: string[] }> {
  const m = loadDemoMethod(client);
  if (!m) throw new Error('This version of Plumbline has no demo data.');
  return m.call(client, {}, opts);
}
