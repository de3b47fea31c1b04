import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, plumbline, ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';
import { workspaceSnapshot } from '../../helpers/workspace-snapshot';

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A CSV big enough that its import runs for seconds: 3M rows × 8 columns (~190 MB of f64 chunks). */
function bigCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'id,a,b,c,d,e,f,g\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${i},${i * 0.5},${i % 97},${(i * 7) % 1000},${i / 3},${i % 2},${-i},${i * 1.25}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

function snapshot(): unknown {
  return workspaceSnapshot(db);
}

describe('kill -9 during an import', () => {
  it('leaves the workspace exactly as it was', async () => {
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, 'id,v\n1,2\n3,4\n');
    json(plumbline(['import', small, '--name', 'before', '--json'], { db }));
    const before = snapshot();

    const big = path.join(dir, 'big.csv');
    bigCsv(big, 3_000_000);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'plumbline.js'), '--db', db, 'import', big, '--name', 'killed'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Writing has started once the import transaction spills pages into the WAL.
    const wal = `${db}-wal`;
    const deadline = Date.now() + 60_000;
    let walBytes = 0;
    while (Date.now() < deadline && child.exitCode === null) {
      walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
      if (walBytes > 8 << 20) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(child.exitCode, 'the import finished before it could be killed').toBeNull();
    expect(walBytes).toBeGreaterThan(8 << 20);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(snapshot()).toEqual(before);
    // And the workspace still works.
    expect(json<{ rows: number }>(plumbline(['import', small, '--name', 'after', '--json'], { db })).rows).toBe(2);
  }, 120_000);

  it('after pieces were committed: the next writer deletes the dead import\'s pending dataset', async () => {
    const before = snapshot();
    const big = path.join(dir, 'big.csv');
    if (!fs.existsSync(big)) bigCsv(big, 3_000_000);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'plumbline.js'), '--db', db, 'import', big, '--name', 'pieces'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // A piece is committed once another connection sees the dataset's pending row and its chunks.
    const committed = () => {
      const c = new Database(db, { readonly: true });
      try {
        const row = c.prepare("SELECT d.pending, (SELECT COUNT(*) FROM chunks WHERE dataset_id = d.id) AS chunks FROM datasets d WHERE name = 'pieces'").get() as { pending: string | null; chunks: number } | undefined;
        return row?.pending && row.chunks >= 2 * 8 ? row : undefined;
      } finally {
        c.close();
      }
    };
    const deadline = Date.now() + 60_000;
    let seen: { pending: string | null; chunks: number } | undefined;
    while (Date.now() < deadline && child.exitCode === null && !(seen = committed())) await new Promise((r) => setTimeout(r, 20));
    expect(child.exitCode, 'the import finished before a piece was seen').toBeNull();
    expect(JSON.parse(seen!.pending!)).toMatchObject({ pid: child.pid });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The pending row is still in the file until a writer opens it…
    expect(committed()).toBeDefined();
    // …and then it is gone, chunks and all: the workspace is exactly as before.
    expect(snapshot()).toEqual(before);
    expect(json<{ rows: number }>(plumbline(['import', path.join(dir, 'small.csv'), '--name', 'pieces', '--json'], { db })).rows).toBe(2);
  }, 120_000);
});
