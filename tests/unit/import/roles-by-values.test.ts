import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { personalKind } from '../../../core/import/personal-data';
import { guessRole } from '../../../core/import/roles';
import { newClient } from '../../helpers/engine';
import { writeFile } from '../../helpers/tmp';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('roles from names and values', () => {
  it('keeps a score role only for values that can be probabilities', () => {
    expect(guessRole('score', 'real', { min: 0.01, max: 0.99 })).toBe('score');
    expect(guessRole('credit_score', 'integer', { min: 300, max: 850 })).toBe('feature');
    expect(guessRole('score', 'real')).toBe('score');
  });

  it('applies it on import and in the import preview', async () => {
    const file = writeFile(dir, 's.csv', 'score,credit_score,label\n0.2,640,1\n0.9,712,0\n0.4,455,1\n');
    const r = await client.importFile({ path: file });
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.role]))).toEqual({ score: 'score', credit_score: 'feature', label: 'label' });
    const preview = await client.inspectFile({ path: file });
    expect(preview.columns.map((c) => c.role)).toEqual(['score', 'feature', 'label']);
  });
});

const REAL = (name: string) => path.resolve(__dirname, '../../fixtures/real', name);
const rolesOf = (columns: readonly { name: string; role: string }[]) => Object.fromEntries(columns.map((c) => [c.name, c.role]));

describe('ids from names and values, on real files', () => {
  it('COMPAS: is_recid, violent_recid and is_violent_recid are not ids; id is; names of people are left out', async () => {
    const r = await client.importFile({ path: REAL('compas-head100.csv'), name: 'compas' });
    const roles = rolesOf(r.columns);
    expect(roles).toMatchObject({ id: 'id', is_recid: 'feature', violent_recid: 'feature', is_violent_recid: 'feature', two_year_recid: 'feature', decile_score: 'feature' });
    expect(roles).toMatchObject({ name: 'ignore', first: 'ignore', last: 'ignore', sex: 'group', race: 'group', age_cat: 'group' });
    const warning = r.warnings.filter((w) => w.code === 'personal-data');
    expect(warning).toHaveLength(1);
    expect(warning[0].columns).toEqual(['name', 'first', 'last']);
    const preview = await client.inspectFile({ path: REAL('compas-head100.csv') });
    expect(rolesOf(preview.columns)).toMatchObject({ id: 'id', is_recid: 'feature', is_violent_recid: 'feature', name: 'ignore' });
  });

  it('bike sharing: instant, a counter that only goes up, is an id whatever its name', async () => {
    const r = await client.importFile({ path: REAL('bike-hour-head200.csv'), name: 'bike' });
    const roles = rolesOf(r.columns);
    expect(roles.instant).toBe('id');
    expect(Object.entries(roles).filter(([, role]) => role !== 'feature')).toEqual([['instant', 'id']]);
    expect(rolesOf((await client.inspectFile({ path: REAL('bike-hour-head200.csv') })).columns).instant).toBe('id');
    expect(r.warnings).toEqual([]);
  });

  it('Aequitas: entity_id is an id, sorted or shuffled; score and label_value keep their roles', async () => {
    for (const file of ['aequitas-compas-head200.csv', 'aequitas-adult-head200.csv']) {
      const roles = rolesOf((await client.importFile({ path: REAL(file) })).columns);
      expect(roles, file).toMatchObject({ entity_id: 'id', score: 'score', label_value: 'label', race: 'group' });
    }
  });

  it('on import, an id-named column of repeated codes is a feature, a shuffled unique one an id', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${(i * 37) % 60},${i % 4},${i % 2}`);
    const r = await client.importFile({ path: writeFile(dir, 'ids.csv', `user_id,region_id,is_recid\n${rows.join('\n')}\n`) });
    expect(rolesOf(r.columns)).toEqual({ user_id: 'id', region_id: 'feature', is_recid: 'feature' });
  });

  it('a column named like an id but holding a small set of codes is not an id; a counter needs enough rows', () => {
    expect(guessRole('region_id', 'integer', { nonNull: 1000, distinct: 12, increasing: false })).toBe('feature');
    expect(guessRole('region_id', 'categorical', { nonNull: 1000, distinct: 12 })).toBe('feature');
    expect(guessRole('user_id', 'text', { nonNull: 5000, distinct: 1001, distinctAtLeast: true })).toBe('id');
    expect(guessRole('userId', 'integer', { nonNull: 100, distinct: 99 })).toBe('id');
    expect(guessRole('paid', 'integer')).toBe('feature');
    expect(guessRole('row', 'integer', { nonNull: 200, distinct: 200, increasing: true })).toBe('id');
    expect(guessRole('year', 'integer', { nonNull: 5, distinct: 5, increasing: true })).toBe('feature');
    expect(guessRole('flag_id', 'boolean', { nonNull: 100, distinct: 2 })).toBe('feature');
  });
});

describe('personal data', () => {
  it('e-mail addresses, phone numbers and free text are found by their values too', () => {
    const emails = Array.from({ length: 50 }, (_, i) => `person${i}@example.org`);
    expect(personalKind('contact', 'text', emails)).toBe('email');
    expect(personalKind('c', 'text', Array.from({ length: 50 }, (_, i) => `+44 20 7946 ${String(1000 + i)}`))).toBe('phone');
    expect(personalKind('notes', 'text', Array.from({ length: 50 }, (_, i) => `called back on day ${i}`), { nonNull: 50, distinct: 50 })).toBe('free text');
    expect(personalKind('customer_email', 'categorical', [])).toBe('email');
    // Codes, dates and plain numbers are not personal data.
    expect(personalKind('c_case_number', 'text', Array.from({ length: 50 }, (_, i) => `13011${i}CF10A`))).toBeUndefined();
    expect(personalKind('charge', 'categorical', ['Battery', 'Petit Theft', 'Battery'], { nonNull: 3000, distinct: 40 })).toBeUndefined();
    expect(personalKind('amount', 'real', ['1.5'])).toBeUndefined();
    expect(personalKind('model_name', 'categorical', ['gbm v2'])).toBeUndefined();
  });

  it('a role the user chose wins over the guess', async () => {
    const r = await client.importFile({ path: REAL('compas-head100.csv'), name: 'compas-named', roles: { name: 'feature' } });
    expect(rolesOf(r.columns)).toMatchObject({ name: 'feature', first: 'ignore' });
    expect(r.warnings.find((w) => w.code === 'personal-data')?.columns).toEqual(['first', 'last']);
  });
});
