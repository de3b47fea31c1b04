/**
 * Watches kept in the workspace: startWatch keeps the watch (audited with who), listWatches lists
 * it with its status, an engine that resumes watches (the app's and browser mode's worker) runs
 * it when it opens the workspace while one that does not (the CLI) leaves the folder alone;
 * stopWatch removes it (audited); deleting the dataset deletes it; `plumbline watch --name`
 * keeps one and runs a kept one, `--list` and `--remove` manage them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import { directTransport } from '../../../core/transport/direct';
import { createClient, type PlumblineClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli-in-process';
import { csv, fixture } from './fixtures';

const dir = tmpDir();
const inbox = path.join(dir, 'inbox');
let db = '';
let ws: Workspace;
let client: PlumblineClient;
const engines: PlumblineClient[] = [];

beforeAll(async () => {
  const f = await fixture(dir);
  ({ ws, client, db } = f);
  fs.mkdirSync(inbox);
});
afterAll(async () => {
  for (const c of engines) for (const d of ['cur', 'shifted']) await c.stopWatch({ dataset: d }).catch(() => undefined);
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const old = (file: string) => fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
const audit = (action: string) => ws.db.prepare(`SELECT subject, details FROM audit_log WHERE action = ? ORDER BY id`).all(action) as { subject: string; details: string }[];
const me = os.userInfo().username;

describe('kept watches', () => {
  it('startWatch keeps the watch, named after its dataset unless named, and the audit log says who added it', async () => {
    const status = await client.startWatch({ dataset: 'cur', folder: inbox, settleSeconds: 30, intervalSeconds: 0.05, name: 'incoming <cur>' });
    expect(status.name).toBe('incoming <cur>');
    const kept = await client.listWatches({});
    expect(kept).toEqual([expect.objectContaining({ name: 'incoming <cur>', dataset: 'cur', folder: inbox, mode: 'append', settleSeconds: 30, intervalSeconds: 0.05, createdBy: me })]);
    expect(kept[0].status).toMatchObject({ name: 'incoming <cur>', dataset: 'cur' });
    expect(audit('add-watch').map((a) => [a.subject, JSON.parse(a.details).by])).toEqual([['incoming <cur>', me]]);
    // Starting it again with other settings replaces it: still one watch for the dataset.
    await client.startWatch({ dataset: 'cur', folder: inbox, settleSeconds: 30, intervalSeconds: 0.05, name: 'incoming <cur>' });
    expect((await client.listWatches({})).length).toBe(1);
    expect(JSON.parse(audit('update-watch')[0].details)).toMatchObject({ by: me, before: { name: 'incoming <cur>' }, after: { name: 'incoming <cur>' } });
    await client.stopWatch({ dataset: 'cur' });
    expect(await client.listWatches({})).toEqual([]);
    expect(audit('remove-watch').map((a) => [a.subject, JSON.parse(a.details).by, JSON.parse(a.details).before.folder])).toEqual([['incoming <cur>', me, inbox]]);
    expect(await client.stopWatch({ dataset: 'cur' })).toEqual({ stopped: null });
  });

  it('an engine that resumes watches runs the kept ones when it opens the workspace; one that does not leaves the folder alone', async () => {
    await client.saveWatch({ watch: { name: 'w', dataset: 'cur', folder: inbox, mode: 'append', settleSeconds: 0, intervalSeconds: 0.05 } });
    const file = writeFile(inbox, 'a.csv', csv(1, 10));
    old(file);
    // The CLI's engine: the kept watch is listed, not running.
    const cli = createClient(directTransport(createEngine(ws)));
    expect((await cli.listWatches({}))[0]).toMatchObject({ name: 'w', status: null });
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.existsSync(file)).toBe(true);
    expect(ws.dataset('cur').rows).toBe(100);

    const app = createClient(directTransport(createEngine(ws, { resumeWatches: true })));
    engines.push(app);
    await vi.waitFor(async () => expect((await app.watchStatus({ dataset: 'cur' }))?.takenCount).toBe(1), { timeout: 10_000 });
    expect(ws.dataset('cur').rows).toBe(110);
    expect((await app.listWatches({}))[0].status).toMatchObject({ name: 'w', takenCount: 1 });
    await app.stopWatch({ dataset: 'cur' });
    expect(await app.listWatches({})).toEqual([]);
  });

  it('resumes a watch whose folder is gone as a watch that says so', async () => {
    const gone = path.join(dir, 'gone');
    fs.mkdirSync(gone);
    await client.saveWatch({ watch: { name: 'g', dataset: 'shifted', folder: gone, mode: 'append', settleSeconds: 0, intervalSeconds: 0.05 } });
    fs.rmSync(gone, { recursive: true });
    const app = createClient(directTransport(createEngine(ws, { resumeWatches: true })));
    engines.push(app);
    await vi.waitFor(async () => expect((await app.watchStatus({ dataset: 'shifted' }))?.folderError).toMatch(/ENOENT|no such/i), { timeout: 10_000 });
    await app.stopWatch({ dataset: 'shifted' });
  });

  it('refuses a name another dataset\'s watch has, a folder that is not there, and goes when its dataset is deleted', async () => {
    await client.saveWatch({ watch: { name: 'x', dataset: 'cur', folder: inbox, mode: 'append', settleSeconds: 2, intervalSeconds: 1 } });
    await expect(client.saveWatch({ watch: { name: 'x', dataset: 'shifted', folder: inbox, mode: 'append', settleSeconds: 2, intervalSeconds: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(client.saveWatch({ watch: { name: 'y', dataset: 'shifted', folder: path.join(dir, 'nope'), mode: 'append', settleSeconds: 2, intervalSeconds: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.saveWatch({ watch: { name: 'y', dataset: 'shifted', folder: inbox, mode: 'join', settleSeconds: 2, intervalSeconds: 1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await client.importFile({ path: writeFile(dir, 'tmp.csv', csv(0, 10)), name: 'temporary' });
    await client.saveWatch({ watch: { name: 't', dataset: 'temporary', folder: inbox, mode: 'join', on: 'x', settleSeconds: 2, intervalSeconds: 1 } });
    expect((await client.listWatches({})).map((w) => w.name)).toEqual(['t', 'x']);
    await client.deleteDataset({ dataset: 'temporary' });
    expect((await client.listWatches({})).map((w) => w.name)).toEqual(['x']);
    await client.stopWatch({ dataset: 'cur' });
  });
});

describe('plumbline watch --name / --list / --remove', () => {
  it('keeps a watch given with DIR and --name, runs it by name, lists and removes it', async () => {
    ws.close();
    try {
      const labels = path.join(dir, 'labels');
      fs.mkdirSync(labels);
      const first = writeFile(labels, 'a.csv', csv(1, 5));
      old(first);
      const kept = await runCli(db, 'watch', labels, '--append', 'cur', '--name', 'nightly', '--settle', '0', '--once');
      expect(kept.code, kept.err).toBe(0);
      expect(kept.err).toMatch(/Kept as watch "nightly"/);
      expect(kept.out).toMatch(/^Appended 5 rows from .*a\.csv/);

      const listed = await runCli(db, 'watch', '--list', '--json');
      expect(JSON.parse(listed.out).watches).toEqual([expect.objectContaining({ name: 'nightly', dataset: 'cur', folder: labels, mode: 'append', settleSeconds: 0 })]);

      const second = writeFile(labels, 'b.csv', csv(1, 7));
      old(second);
      const byName = await runCli(db, 'watch', '--name', 'nightly', '--once');
      expect(byName.code, byName.err).toBe(0);
      expect(byName.out).toMatch(/^Appended 7 rows from .*b\.csv/);

      expect((await runCli(db, 'watch', '--name', 'nope', '--once')).err).toMatch(/No watch named "nope"\. Watches: "nightly"\./);
      expect((await runCli(db, 'watch', '--once')).err).toMatch(/Give the folder to watch/);
      expect((await runCli(db, 'watch', '--remove', 'nightly')).out).toBe('Removed watch "nightly".\n');
      expect((await runCli(db, 'watch', '--list')).out).toBe('This workspace keeps no watches.\n');
    } finally {
      ws = new Workspace(db);
    }
    const actions = ws.db.prepare(`SELECT action FROM audit_log WHERE subject = 'nightly' ORDER BY id`).all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['add-watch', 'remove-watch']);
  });
});
