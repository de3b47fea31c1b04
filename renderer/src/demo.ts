/**
 * The demo datasets live next to the engine (an app resource, or the server's install directory),
 * at paths the renderer cannot know, so the engine loads them.
 */
import type { CallOptions, PlumblineClient } from '../../core/transport/transport';

export function loadDemo(client: PlumblineClient, opts: CallOptions): Promise<{ datasets: string[] }> {
  return client.loadDemo({}, opts);
}
