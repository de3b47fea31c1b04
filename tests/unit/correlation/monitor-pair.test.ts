/**
 * A monitor on one pair's correlation (core/analyses/README.md's metric table): `monitor add
 * --analysis correlation --metric "pearson:a|c <b>"` and `spearman_abs_change:…`, then `check`:
 * the values are pandas' (tests/reference/correlation_reference.json, the case with ties and
 * NaNs, written out as two CSV files) and the exit code follows the conditions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { correlationMetrics } from '../../../core/analyses/correlation/checks';
import type { CorrelationResult } from '../../../core/analyses/correlation/types';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { runCli } from '../../helpers/cli-in-process';
import { close, readJson } from '../operations/helpers';
import type { CorrelationCase } from './reference-case';

const c = readJson<{ cases: CorrelationCase[] }>('correlation_reference.json').cases.find((x) => x.name === 'small with ties and NaNs')!;
const dir = tmpDir();
const db = path.join(dir, 'ws.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => runCli(db, ...args);

function csvOf(side: 'reference' | 'current'): string {
  const n = c[side][c.columns[0]].length;
  const lines = [c.columns.join(',')];
  for (let i = 0; i < n; i++) lines.push(c.columns.map((k) => (c[side][k][i] === null ? '' : String(c[side][k][i]))).join(','));
  return `${lines.join('\n')}\n`;
}

describe('per-pair correlation monitors', () => {
  it('read one pair by name, in either order, with pandas’ values, and drive check’s exit code', async () => {
    const [a, , cb] = c.columns;
    expect(cb).toBe('c <b>');
    const i = c.columns.indexOf(a);
    const j = c.columns.indexOf(cb);
    const pearson = c.pearson.current[i][j]!;
    const spearmanChange = Math.abs(c.spearman.current[j][i]! - c.spearman.reference[j][i]!);
    // Only columns every row of which is a number: the importer must type them all as numbers.
    const types = c.columns.flatMap((k) => ['--type', `${k}=real`]);
    let r = await run('import', writeFile(dir, 'ref.csv', csvOf('reference')), '--name', 'ref', ...types);
    expect(r.code, r.err).toBe(0);
    r = await run('import', writeFile(dir, 'cur.csv', csvOf('current')), '--name', 'cur', ...types);
    expect(r.code, r.err).toBe(0);

    r = await run('monitor', 'add', '--name', 'pair', '--analysis', 'correlation', '--dataset', 'cur', '--reference', 'ref', '--metric', `pearson:${a}|${cb}`, '--condition', `< ${pearson - 0.01}`, '--severity', 'critical');
    expect(r.code, r.err).toBe(0);
    r = await run('monitor', 'add', '--name', 'pair change', '--analysis', 'correlation', '--dataset', 'cur', '--reference', 'ref', '--options', '{"method":"spearman"}', '--metric', `spearman_abs_change:${cb}|${a}`, '--condition', `>= ${spearmanChange}`, '--severity', 'warning');
    expect(r.code, r.err).toBe(0);
    r = await run('check', '--json');
    expect(r.code, r.out + r.err).toBe(1);
    const byName = Object.fromEntries((JSON.parse(r.out).evaluations as { monitor: string; value: number; status: string }[]).map((e) => [e.monitor, e]));
    close(byName.pair.value, pearson, 'pearson a × c <b>');
    expect(byName.pair.status).toBe('pass');
    close(byName['pair change'].value, spearmanChange, 'spearman |change| c <b> × a');
    expect(byName['pair change'].status).toBe('warning');

    // A pair the run's method does not name is an error of that monitor, never a pass.
    r = await run('monitor', 'add', '--name', 'wrong method', '--analysis', 'correlation', '--dataset', 'cur', '--reference', 'ref', '--metric', `spearman:${a}|${cb}`, '--condition', '< 0', '--severity', 'critical');
    expect(r.code, r.err).toBe(0);
    r = await run('check', '--json', '--monitor', 'wrong method');
    const wrong = JSON.parse(r.out).evaluations[0] as { status: string; message: string };
    expect(wrong.status).toBe('error');
    expect(wrong.message).toMatch(/no metric "spearman:a\|c <b>"/);
    expect(r.code).not.toBe(0);
  }, 120_000);

  it('leaves out a name two pairs would share', () => {
    const nulls = (n: number) => Array.from({ length: n }, () => Array.from({ length: n }, () => 0.5));
    const r = { method: 'pearson', columns: ['x|y', 'z', 'x', 'y|z'], reference: nulls(4), current: nulls(4), change: nulls(4) } as unknown as CorrelationResult;
    const m = correlationMetrics({ ...r, largest_changes: [], max_abs_change: 0, threshold: 0.1, changed_pairs: 0, undefined_pairs: [] } as CorrelationResult);
    expect('pearson:x|y|z' in m).toBe(false);
    expect(m['pearson:z|x']).toBe(0.5);
    expect(m['pearson_abs_change:x|y|z']).toBeUndefined();
  });
});
