import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../core/workspace/workspace';
import { json, plumbline, ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

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
  const ws = new Workspace(db);
  try {
    const datasets = ws.listDatasets().map((d) => ({ name: d.name, rows: d.rows, columns: d.columns }));
    const chunks = ws.db.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM chunks').get();
    const imports = ws.db.prepare('SELECT COUNT(*) AS n FROM imports').get();
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    return { datasets, chunks, imports };
  } finally {
    ws.close();
  }
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
});
