import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TypedColumn } from '../../../core/data/column';
import { importFile } from '../../../core/import/import-file';
import { Workspace } from '../../../core/workspace/workspace';
import { newClient } from '../../helpers/engine';
import { rng } from '../../helpers/rng';

// Joins across several chunks (65,536 rows each), checked against a join computed here with a Map.
const N = 150_000;
const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function shuffled(n: number, r: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const uuid = (i: number) => `${(Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0')}-${(Math.imul(i + 7, 40503) >>> 0).toString(16)}-${i.toString(36)}`;

function cells(col: TypedColumn): (string | number | null)[] {
  if (col.kind === 'numeric') return Array.from(col.values, (v) => (Number.isNaN(v) ? null : v));
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dictionary[c]));
}

function column(dataset: string, name: string): (string | number | null)[] {
  const ds = ws.dataset(dataset);
  const info = ws.columns(ds.id).find((c) => c.name === name)!;
  return cells(ws.readColumn(ds, info));
}

/** Everything stored for a dataset, hashed: chunks, catalog rows, imports. */
function fingerprint(dataset: string): string {
  const id = ws.dataset(dataset).id;
  const h = createHash('sha256');
  for (const q of [
    'SELECT column_idx, chunk_idx, row_count, encoding, data FROM chunks WHERE dataset_id = ? ORDER BY column_idx, chunk_idx',
    'SELECT * FROM columns WHERE dataset_id = ? ORDER BY idx',
    'SELECT id FROM imports WHERE dataset_id = ?',
    'SELECT * FROM datasets WHERE id = ?',
  ]) {
    for (const row of ws.db.prepare(q).raw().all(id) as unknown[][]) h.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v))));
  }
  return h.digest('hex');
}

describe('join across chunks', () => {
  const r = rng(11);
  // Dataset order is random; rows 5 and 6 repeat rows 3 and 4's keys (only the first row gets values).
  const order = shuffled(N, r);
  const keys = order.map(uuid);
  keys[5] = keys[3];
  keys[6] = keys[4];
  // `outcome` is known for a fifth of the rows already: those values must survive the join.
  const oldOutcome = keys.map((_, i) => (i % 5 === 0 ? i % 3 : null));

  it('attaches late labels by text key, old values win, counted exactly', async () => {
    const data = ['request_id,score,outcome', ...keys.map((k, i) => `${k},${(i / N).toFixed(5)},${oldOutcome[i] ?? ''}`)];
    await client.importFile({ path: write('preds.csv', data), name: 'preds' });

    // Labels for the last 20,000 rows only (all past the first two chunks), shuffled, plus orphans
    // and repeated keys with other values.
    const lines = ['request_id,label,delay,outcome'];
    const rows: [string, string, string, string][] = [];
    for (const i of shuffled(N, r)) if (i >= N - 20_000) rows.push([keys[i], String(i % 2), (i / 7).toFixed(2), String(i % 4)]);
    for (let j = 0; j < 3_000; j++) rows.splice(Math.floor(r() * rows.length), 0, [`orphan-${j}`, '1', '0.5', '1']);
    for (let j = 0; j < 2_000; j++) {
      const at = 1 + Math.floor(r() * (rows.length - 1));
      rows.splice(at, 0, [rows[Math.floor(r() * at)][0], '7', '9.25', '3']);
    }
    rows.splice(10, 0, [keys[3], '1', '1.5', '2']);
    lines.push(...rows.map((x) => x.join(',')));

    const firstRow = new Map<string, number>();
    keys.forEach((k, i) => firstRow.has(k) || firstRow.set(k, i));
    const seen = new Set<string>();
    const expected = { label: new Array<number | null>(N).fill(null), delay: new Array<number | null>(N).fill(null), outcome: [...oldOutcome] };
    let matched = 0;
    let duplicateKeys = 0;
    let orphans = 0;
    for (const [k, label, delay, outcome] of rows) {
      const row = firstRow.get(k);
      if (row === undefined) orphans++;
      else if (seen.has(k)) duplicateKeys++;
      else {
        seen.add(k);
        matched++;
        expected.label[row] = Number(label);
        expected.delay[row] = Number(delay);
        expected.outcome[row] ??= Number(outcome);
      }
    }

    const res = await client.importFile({ path: write('labels.csv', lines), join: { dataset: 'preds', on: 'request_id' } });
    const labelled = expected.label.filter((v) => v !== null).length;
    expect(res.join).toEqual({ matched, duplicateKeys, orphans, coverage: labelled / N });
    expect(orphans).toBeGreaterThanOrEqual(3_000); // some repeats repeat an orphan
    expect(duplicateKeys).toBeGreaterThan(1_500);
    const types = Object.fromEntries(res.columns.map((c) => [c.name, [c.type, c.nullCount, c.widenedCount]]));
    expect(types).toMatchObject({ label: ['integer', N - labelled, 0], delay: ['real', N - labelled, 0], outcome: ['integer', expected.outcome.filter((v) => v === null).length, 0] });
    expect(column('preds', 'label')).toEqual(expected.label);
    expect(column('preds', 'delay')).toEqual(expected.delay);
    expect(column('preds', 'outcome')).toEqual(expected.outcome);
    expect(column('preds', 'label')[5]).toBeNull(); // the dataset's second row with keys[3]
  });

  it('matches integer keys in canonical form ("+7" and " 7" are 7), and numbers that turn text are re-encoded', async () => {
    const ids = shuffled(N, r).map((i) => i * 3);
    await client.importFile({ path: write('ints.csv', ['id,x', ...ids.map((id, i) => `${id},${i}`)]), name: 'ints' });
    const lines = ['id,y'];
    const expected = new Array<string | null>(N).fill(null);
    const rowOf = new Map(ids.map((id, i) => [id, i]));
    for (const i of shuffled(N, r)) {
      if (i % 10 !== 0) continue;
      const id = ids[i];
      const y = i > 140_000 && i % 1000 === 0 ? `tag${i}` : String(i);
      lines.push(`${i % 20 === 0 ? `+${id}` : ` ${id}`},${y}`);
      expected[rowOf.get(id)!] = y;
    }
    const res = await client.importFile({ path: write('y.csv', lines), join: { dataset: 'ints', on: 'id' } });
    expect(res.join).toMatchObject({ matched: N / 10, duplicateKeys: 0, orphans: 0 });
    expect(res.columns.find((c) => c.name === 'y')).toMatchObject({ type: 'text', nullCount: N - N / 10 });
    expect(column('ints', 'y')).toEqual(expected);
  });

  it('a cancelled join leaves the dataset byte-identical, wherever it stops', async () => {
    const lines = ['request_id,extra', ...keys.slice(-30_000).map((k, i) => `${k},${i}`)];
    const file = write('extra.csv', lines);
    const before = fingerprint('preds');
    // A signal that fires at its n-th look; a run on a copy counts the looks a whole join takes.
    let looks = 0;
    const firesAt = (n: number) => ({ get aborted() {
      return ++looks >= n;
    } }) as AbortSignal;
    const join = (on: Workspace, signal: AbortSignal) => importFile(on, { path: file, join: { dataset: 'preds', on: 'request_id' } }, { signal, progress: () => undefined });
    const copy = path.join(dir, 'copy.db');
    ws.db.exec(`VACUUM INTO '${copy}'`);
    const scratch = new Workspace(copy);
    await join(scratch, firesAt(Infinity));
    scratch.close();
    const total = looks;
    expect(total).toBeGreaterThan(3);
    for (const n of [1, 2, Math.floor(total / 2), total - 1, total]) {
      looks = 0;
      await expect(join(ws, firesAt(n))).rejects.toThrow(/cancelled/i);
      ws.forgetCaches();
      expect(fingerprint('preds')).toBe(before);
    }
  });
});
