// SHA-256 over every stored chunk (key, row count, encoding, bytes) and the columns table of a
// workspace, in key order: two imports of one file stored the same exactly when these are equal
// (one thread against two, a branch's build against main's). Usage:
// node scripts/bench/workspace-hash.mjs <workspace.db>
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'));
const Database = require('better-sqlite3');

export function workspaceHash(file) {
  const db = new Database(file, { readonly: true });
  try {
    const chunks = createHash('sha256');
    for (const c of db.prepare('SELECT column_idx, chunk_idx, row_count, encoding, data FROM chunks ORDER BY dataset_id, column_idx, chunk_idx').iterate()) {
      chunks.update(`${c.column_idx}/${c.chunk_idx}/${c.row_count}/${c.encoding}/${c.data.length}:`);
      chunks.update(c.data);
    }
    const columns = createHash('sha256');
    for (const c of db.prepare('SELECT idx, name, type, role, null_count, widened_count, dictionary FROM columns ORDER BY dataset_id, idx').iterate()) columns.update(JSON.stringify(c));
    return { chunks: chunks.digest('hex'), columns: columns.digest('hex') };
  } finally {
    db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const f of process.argv.slice(2)) console.log(JSON.stringify({ file: f, ...workspaceHash(f) }));
