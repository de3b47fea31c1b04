import path from 'node:path';
import { createEngine } from '../../core/engine/engine';
import { warmChromiumPrinter } from '../../core/report/pdf';
import { directTransport } from '../../core/transport/direct';
import { createClient, type PlumblineClient } from '../../core/transport/transport';
import { Workspace } from '../../core/workspace/workspace';
import { tmpDir } from './tmp';

/**
 * A client over a new workspace file in a temporary folder. Reports (previews too) draw their charts
 * in Chromium: one browser, kept warm between the calls of a test file, as the server keeps one.
 */
export function newClient(): { client: PlumblineClient; ws: Workspace; dir: string } {
  const dir = tmpDir();
  const ws = new Workspace(path.join(dir, 'ws.db'));
  const printer = warmChromiumPrinter(5_000);
  return { client: createClient(directTransport(createEngine(ws, { printer: () => printer }))), ws, dir };
}
