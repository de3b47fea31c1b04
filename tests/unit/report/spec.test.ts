import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, parseSpec, resolveReportArgs, saveSpec, specFromArgs } from '../../../core/report/spec';
import { tmpDir } from '../../helpers/tmp';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SPEC = {
  kind: 'plumbline-analysis-spec',
  version: 1,
  reference: 'ref',
  current: 'cur',
  roles: { current: { request_id: 'id' } },
  options: { perColumn: { age: { test: 'ks', threshold: 0.01 } }, overTime: { chunk: { by: 'count', size: 1000 } } },
  where: "device = 'mobile'",
  sections: ['drift', 'over-time'],
  charts: 'all',
  report: { title: 'Q3', author: 'Ada', pageSize: 'Letter' },
} as const;

describe('analysis specs', () => {
  it('a valid spec parses; unknown fields, bad tests and bad roles are rejected naming the field', () => {
    expect(parseSpec(SPEC)).toEqual(SPEC);
    expect(() => parseSpec({ ...SPEC, extra: 1 })).toThrow(/spec/);
    expect(() => parseSpec({ ...SPEC, options: { test: 'magic' } })).toThrow(/options\.test/);
    expect(() => parseSpec({ ...SPEC, roles: { current: { a: 'boss' } } })).toThrow(/roles\.current\.a/);
    expect(() => parseSpec({ ...SPEC, version: 2 })).toThrow(/version/);
    expect(() => parseSpec({ ...SPEC, report: { pageSize: 'A3' } })).toThrow(/report\.pageSize/);
  });

  it('saves and loads back unchanged; a broken file says what is wrong', () => {
    const file = path.join(dir, 'analysis.json');
    expect(saveSpec(file, parseSpec(SPEC))).toBe(path.resolve(file));
    expect(loadSpec(file)).toEqual(SPEC);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ nope');
    expect(() => loadSpec(path.join(dir, 'bad.json'))).toThrow(/not JSON/);
    expect(() => loadSpec(path.join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });

  it('explicit report arguments win over the spec, and a spec made from arguments regenerates them', () => {
    const r = resolveReportArgs({ spec: parseSpec(SPEC), author: 'Grace', pageSize: 'A4' });
    expect(r).toMatchObject({ reference: 'ref', current: 'cur', author: 'Grace', title: 'Q3', pageSize: 'A4', charts: 'all', where: "device = 'mobile'" });
    const again = resolveReportArgs({ spec: specFromArgs(r) });
    expect(again).toEqual({ ...r, timeZone: null });
    expect(() => resolveReportArgs({ reference: 'x' })).toThrow(/reference and a current/);
  });
});
