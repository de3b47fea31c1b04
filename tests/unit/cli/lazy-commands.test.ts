/**
 * The CLI registers only the command module a command line needs (core/cli/main.ts): the word that
 * names the command is found past --db's value, and --help, help or an unknown word still list or
 * suggest every command.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandWord } from '../../../core/cli/main';
import { ANALYSES } from '../../../core/analyses/registry';
import { runCli } from '../../helpers/cli-in-process';
import { tmpDir } from '../../helpers/tmp';
import fs from 'node:fs';

const dir = tmpDir('lazy-commands-');
const db = path.join(dir, 'w.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('commandWord', () => {
  it("skips options and --db's value", () => {
    expect(commandWord(['--db', 'performance', 'drift', '--json'])).toBe('drift');
    expect(commandWord(['--db=x.db', 'import', 'f.csv'])).toBe('import');
    expect(commandWord(['--version'])).toBeUndefined();
    expect(commandWord([])).toBeUndefined();
    expect(commandWord(['--', 'show'])).toBe('show');
  });
});

describe('lazy registration', () => {
  it('--help lists every command, the analyses among them', async () => {
    const r = await runCli(db, '--help');
    expect(r.code).toBe(0);
    for (const name of ['datasets', 'show', 'delete', 'import', 'report', 'monitor', 'check', 'watch', 'serve', ...ANALYSES.map((a) => a.id)]) {
      expect(r.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });

  it('--version prints the version', async () => {
    const r = await runCli(db, '--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown word is refused with the nearest command suggested', async () => {
    const r = await runCli(db, 'perfomance');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown command 'perfomance'/);
    expect(r.err).toMatch(/Did you mean performance\?/);
  });

  it("a command's own help works with only its module loaded", async () => {
    const r = await runCli(db, 'performance', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--dataset <dataset>/);
    const i = await runCli(db, 'import', '--help');
    expect(i.out).toMatch(/Usage: plumbline import/);
  });
});
