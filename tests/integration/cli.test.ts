import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, plumbline } from '../helpers/cli';
import { tmpDir, writeFile } from '../helpers/tmp';

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Every hard case at once: quoted delimiters, doubled quotes, embedded CRLF and LF newlines,
// unicode (combining marks, emoji, RTL), empty cells, markup, and a hostile column name.
const CSV =
  'id,text,amount,"col ""quoted"", with comma",when\r\n' +
  '1,"a, b",1.25,"<script>alert(1)</script>",2026-03-01T12:00:00Z\r\n' +
  '2,"multi\r\nline\nvalue",,"",\r\n' +
  '3,"emoji 👩🏽‍💻 e\u0301 שלום","-3e-2","say ""yes""",2026-03-02T00:00:00Z\r\n';

describe('plumbline CLI', () => {
  it('prints help and a version', () => {
    const help = plumbline(['--help'], { db });
    expect(help.status).toBe(0);
    for (const cmd of ['datasets', 'import', 'show', 'delete', 'serve']) expect(help.stdout).toContain(cmd);
    expect(plumbline(['--version'], { db }).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('imports a hostile CSV and `show --json` gives every value back unchanged', () => {
    const file = writeFile(dir, 'hostile.csv', CSV);
    const imported = json<{ dataset: string; rows: number; columns: { name: string; type: string; role: string }[]; sha256: string; seconds: number; rejected: number }>(
      plumbline(['import', file, '--name', 'h', '--json'], { db }),
    );
    expect(imported).toMatchObject({ dataset: 'h', rows: 3, rejected: 0 });
    expect(imported.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof imported.seconds).toBe('number');
    expect(imported.columns.map((c) => c.name)).toEqual(['id', 'text', 'amount', 'col "quoted", with comma', 'when']);
    const shown = json<{ preview: Record<string, unknown>[]; columns: { name: string; type: string }[] }>(plumbline(['show', 'h', '--rows', '10', '--json'], { db }));
    expect(shown.preview).toEqual([
      { id: 1, text: 'a, b', amount: 1.25, 'col "quoted", with comma': '<script>alert(1)</script>', when: '2026-03-01T12:00:00Z' },
      { id: 2, text: 'multi\r\nline\nvalue', amount: null, 'col "quoted", with comma': null, when: null },
      { id: 3, text: 'emoji 👩🏽‍💻 e\u0301 שלום', amount: -0.03, 'col "quoted", with comma': 'say "yes"', when: '2026-03-02T00:00:00Z' },
    ]);
  });

  it('lists and deletes datasets, with --json printing exactly one document', () => {
    const list = plumbline(['datasets', '--json'], { db });
    expect(json<{ datasets: { name: string }[] }>(list).datasets.map((d) => d.name)).toEqual(['h']);
    expect(json(plumbline(['delete', 'h', '--json'], { db }))).toEqual({ deleted: 'h' });
    expect(json<{ datasets: unknown[] }>(plumbline(['datasets', '--json'], { db })).datasets).toEqual([]);
  });

  it('reports errors as one line on stderr, no stack trace, non-zero exit', () => {
    for (const args of [['show', 'nope'], ['import', path.join(dir, 'missing.csv')], ['show', 'x', '--rows', '-2'], ['bogus']]) {
      const r = plumbline(args, { db });
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().length).toBeGreaterThan(0);
    }
    expect(plumbline(['show', 'nope'], { db }).stderr.trim()).toBe('plumbline: No dataset named "nope". This workspace has no datasets yet: import a file first.');
  });

  it('honours PLUMBLINE_DB when --db is not given', () => {
    const other = path.join(dir, 'env.db');
    writeFile(dir, 'small.csv', 'a\n1\n');
    const r = plumbline(['import', path.join(dir, 'small.csv'), '--json'], { db: other });
    expect(r.status).toBe(0);
    expect(fs.existsSync(other)).toBe(true);
  });
});
