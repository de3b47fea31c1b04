/**
 * The built CLI loads only what a command runs (scripts/build.mjs splits it into files, each with
 * its own code cache): `--version` reads commander and the command table, not the analyses, zod
 * or SQLite, and a command and its help print the same as before the split. Files loaded are
 * read from the code cache loader's debug report (PLUMBLINE_CODE_CACHE=debug).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plumbline, ROOT } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('cli-startup-');
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The bundle files a command line loaded, from the loader's report on stderr. */
function filesLoaded(args: readonly string[]): { files: string[]; stdout: string; stderr: string; status: number | null } {
  const r = plumbline(args, { db, env: { PLUMBLINE_CODE_CACHE: 'debug' } });
  const files = [...r.stderr.matchAll(/^code cache: (.*)$/gm)].map((m) => (JSON.parse(m[1]!) as { file: string }).file);
  return { files, stdout: r.stdout, stderr: r.stderr.replace(/^code cache: .*\n/gm, ''), status: r.status };
}

const bytes = (files: readonly string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
const contains = (files: readonly string[], text: string) => files.some((f) => fs.readFileSync(f, 'latin1').includes(text));

describe('CLI start-up', () => {
  it('--version loads a few small files: no analysis, no zod, no SQLite', () => {
    const r = filesLoaded(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(r.stderr).toBe('');
    expect(r.files.map((f) => path.basename(f))).toContain('main.js');
    expect(r.files.length).toBeLessThanOrEqual(6);
    // commander is most of it (~125 KB); the whole CLI is ~2 MB.
    expect(bytes(r.files)).toBeLessThan(250_000);
    expect(contains(r.files, 'better-sqlite3')).toBe(false);
    expect(contains(r.files, 'ZodObject')).toBe(false);
    expect(contains(r.files, 'performanceOptionsSchema')).toBe(false);
  });

  it('a command loads its own files, and the code it shares with others once', () => {
    const version = filesLoaded(['--version']).files;
    const datasets = filesLoaded(['datasets', '--json']);
    expect(datasets.status).toBe(0);
    expect(datasets.stderr).toBe('');
    expect(JSON.parse(datasets.stdout)).toEqual({ datasets: [] });
    expect(new Set(datasets.files).size).toBe(datasets.files.length);
    expect(datasets.files.length).toBeGreaterThan(version.length);
    for (const f of version) expect(datasets.files).toContain(f);
  });

  it('every command of --help is there, and an analysis command brings its flags', () => {
    const help = filesLoaded(['--help']);
    expect(help.status).toBe(0);
    for (const name of ['datasets', 'import', 'report', 'monitor', 'serve', 'drift', 'performance', 'ab']) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const perf = filesLoaded(['performance', '--help']);
    expect(perf.stdout).toMatch(/--threshold/);
    expect(perf.stderr).toBe('');
  });

  it('an analysis command loads its own analysis: performance reads no A/B, drift, fairness, operations or correlation module', () => {
    expect(plumbline(['import', path.join(ROOT, 'assets', 'demo', 'current.csv'), '--name', 'log'], { db }).status).toBe(0);
    const perf = filesLoaded(['performance', '--dataset', 'log', '--json']);
    expect(perf.status).toBe(0);
    expect(JSON.parse(perf.stdout).task).toBe('binary');
    // Each module's one-line CLI description is in its own files (core/analyses/<id>/cli.ts).
    expect(contains(perf.files, 'model performance of DATASET')).toBe(true);
    for (const other of ['test every column of CURRENT for drift', 'audit DATASET for fairness', 'A/B lift of each treatment', 'operational health of DATASET', 'Pearson or Spearman correlation of the numeric features']) {
      expect(contains(perf.files, other), other).toBe(false);
    }
    // …nor the report's code, which holds every analysis.
    expect(contains(perf.files, 'SECTION_RENDERERS')).toBe(false);
  });
});
