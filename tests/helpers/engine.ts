import path from 'node:path';
import { createEngine } from '../../core/engine/engine';
import { directTransport } from '../../core/transport/direct';
import { createClient, type PlumblineClient } from '../../core/transport/transport';
import { Workspace } from '../../core/workspace/workspace';
import { tmpDir } from './tmp';

/** A client over a new workspace file in a temporary folder. */
export function newClient(): { client: PlumblineClient; ws: Workspace; dir: string } {
  const dir = tmpDir();
  const ws = new Workspace(path.join(dir, 'ws.db'));
  return { client: createClient(directTransport(createEngine(ws))), ws, dir };
}
