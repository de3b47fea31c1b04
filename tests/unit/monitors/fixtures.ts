import path from 'node:path';
import { createEngine } from '../../../core/engine/engine';
import { directTransport } from '../../../core/transport/direct';
import { createClient, type PlumblineClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { writeFile } from '../../helpers/tmp';

/**
 * 100 rows: x = 0…99 (+ shift) in an interleaved order (a column that only increases would be taken
 * for a row counter, an id, and left out of drift), c alternating a/b.
 */
export function csv(shift: number, rows = 100): string {
  const lines = ['x,c'];
  for (let i = 0; i < rows; i++) lines.push(`${(i % 2 === 0 ? i / 2 : rows - 1 - (i - 1) / 2) + shift},${i % 2 ? 'a' : 'b'}`);
  return `${lines.join('\n')}\n`;
}

export interface Fixture {
  readonly ws: Workspace;
  readonly client: PlumblineClient;
  readonly db: string;
  file(name: string, content: string): string;
}

/** A workspace with `ref` and `cur` (no drift) and `shifted` (x drifted, c not: share 0.5). */
export async function fixture(dir: string): Promise<Fixture> {
  const db = path.join(dir, 'ws.db');
  const ws = new Workspace(db);
  const client = createClient(directTransport(createEngine(ws)));
  const file = (name: string, content: string) => writeFile(dir, name, content);
  await client.importFile({ path: file('ref.csv', csv(0)), name: 'ref' });
  await client.importFile({ path: file('cur.csv', csv(1)), name: 'cur' });
  await client.importFile({ path: file('shifted.csv', csv(60)), name: 'shifted' });
  return { ws, client, db, file };
}
