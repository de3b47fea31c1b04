import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
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
