import path from 'node:path';
import { createEngine } from '../../core/engine/engine';
import { directTransport } from '../../core/transport/direct';
import { createClient } from '../../core/transport/transport';
import { Workspace } from '../../core/workspace/workspace';
import { writeFile } from './tmp';

/**
 * A reference/current pair with every kind of drift column: real values with missing ones, a
 * numeric column of four values (analysed as categorical), text categories with missing ones and
 * a new category, an id and a timestamp (skipped by default, the timestamp chunks over time).
 */
export async function driftPairWorkspace(dir: string, rows = 3000): Promise<Workspace> {
  const ws = new Workspace(path.join(dir, 'pair.db'));
  const client = createClient(directTransport(createEngine(ws)));
  const day = Date.UTC(2026, 0, 1);
  for (const [name, shift] of [['ref', 0], ['cur', 1]] as const) {
    const lines = ['id,ts,x,k,c,"we""ird"'];
    for (let i = 0; i < rows; i++) {
      const x = i % 17 === 0 ? '' : String(((i * 7919) % 1000) / 10 + shift * ((i % 5) * 3));
      const k = (i * 31 + shift * (i % 3)) % 4;
      const c = i % 23 === 0 ? '' : ['a', 'b', 'c', shift && i % 7 === 0 ? 'new' : 'd'][(i * 13) % 4];
      const ts = new Date(day + Math.floor((i / rows) * 10) * 86_400_000).toISOString();
      lines.push(`${name}${i},${ts},${x},${k},${c},${(i * 3 + shift * 5) % 11}`);
    }
    await client.importFile({ path: writeFile(dir, `${name}.csv`, lines.join('\n')), name });
  }
  return ws;
}
