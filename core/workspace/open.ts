import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { PlumblineError } from '../api/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { dropDeadImports } from './pending-datasets';

export type Db = Database.Database;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Path of a better-sqlite3 addon built for another ABI (Electron); see electron/native.ts. */
  readonly nativeBinding?: string;
}

/**
 * The addon file better-sqlite3's default loader (the `bindings` package) would load: the first of
 * its first three places that exists under the package's folder — where an install puts it — else
 * null (then better-sqlite3 searches as before). Loading it by path skips `bindings`, which finds
 * its caller's folder through a stack trace, compiles two small packages and tries up to a dozen
 * paths: 4–5 ms of the first open in every command (a fresh process opening the bench's workspace,
 * 6 rounds at load ~5: 8.9–14.2 ms with it, 3.6–11.7 ms without).
 */
let installed: string | null | undefined;
export function installedBinding(): string | null {
  if (installed !== undefined) return installed;
  try {
    const root = path.dirname(path.dirname(require.resolve('better-sqlite3'))); // …/better-sqlite3/lib/index.js
    installed = [['build'], ['build', 'Debug'], ['build', 'Release']].map((dir) => path.join(root, ...dir, 'better_sqlite3.node')).find((f) => fs.existsSync(f)) ?? null;
  } catch {
    installed = null;
  }
  return installed;
}

/**
 * Opens (creating if needed) a workspace file and brings its schema up to date.
 * WAL lets the UI read while an import writes on its own connection.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const nativeBinding = opts.nativeBinding ?? (process.env.PLUMBLINE_SQLITE_BINDING || installedBinding());
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    throw new PlumblineError('BAD_REQUEST', `Cannot open workspace ${file}: ${(e as Error).message}`);
  }
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  if (!opts.readonly) {
    // Column chunks are 0.25–0.5 MB BLOBs: 64 KB pages make reading one a short walk instead of a
    // chain of 128 overflow pages. Only possible before the first table exists (and before WAL).
    const isNew = (db.pragma('user_version', { simple: true }) as number) === 0 && !db.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get();
    if (isNew) db.pragma('page_size = 65536');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, file);
    // An import killed after committing a piece left its dataset pending (pending-datasets.ts).
    dropDeadImports(db);
  } else {
    // A read-only connection cannot migrate, and the catalog's queries name every column the
    // current schema has: an older workspace must be opened for writing once first.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw new PlumblineError(
        'BAD_REQUEST',
        version > SCHEMA_VERSION
          ? `Workspace ${file} was written by a newer Plumbline (schema ${version}, this one knows ${SCHEMA_VERSION}). Update Plumbline to open it.`
          : `Workspace ${file} has schema ${version}, older than this Plumbline's ${SCHEMA_VERSION}, and was opened read-only. Open it once for writing (any command without read-only access) to bring it up to date.`,
      );
    }
  }
  return db;
}

function migrate(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new PlumblineError(
      'BAD_REQUEST',
      `Workspace ${file} was written by a newer Plumbline (schema ${current}, this one knows ${SCHEMA_VERSION}). Update Plumbline to open it.`,
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
