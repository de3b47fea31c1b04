import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCategorical, describeNumeric } from '../../../core/analyses/summary/describe';
import { HISTOGRAM_BINS, SUMMARY_QUANTILES, TOP_CATEGORIES, type CategoricalSummary, type NumericSummary } from '../../../core/analyses/summary/types';
import { newClient } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';

interface Case {
  name: string;
  kind: 'numeric' | 'categorical';
  values: (number | string | null)[];
  expected: Record<string, unknown>;
}
const REF = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../reference/describe_reference.json'), 'utf8')) as {
  quantiles: number[];
  bins: number;
  top: number;
  cases: Case[];
};

/** Relative closeness, with null (a statistic that does not exist) matching only null. */
function close(got: number | null, want: number | null, rel: number, what: string): void {
  if (want === null) {
    expect(got, what).toBeNull();
    return;
  }
  expect(got, what).not.toBeNull();
  expect(Math.abs(got! - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
}

function numericColumn(values: (number | string | null)[]) {
  return { name: 'x', kind: 'numeric' as const, type: 'real' as const, values: Float64Array.from(values, (v) => (v === null ? NaN : Number(v))) };
}

function categoricalColumn(values: (number | string | null)[]) {
  // A dictionary with an unused entry and a non-alphabetical order, as storage may hold it.
  const dictionary = ['unused'];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let i = dictionary.indexOf(String(v));
    if (i < 0) i = dictionary.push(String(v)) - 1;
    return i;
  });
  return { name: 'c', kind: 'categorical' as const, type: 'categorical' as const, codes, dictionary };
}

describe('column summary against pandas (tests/reference/describe_reference.py)', () => {
  it('uses the same quantiles, bins and top-N as the reference', () => {
    expect([REF.quantiles, REF.bins, REF.top]).toEqual([SUMMARY_QUANTILES, HISTOGRAM_BINS, TOP_CATEGORIES]);
  });

  for (const c of REF.cases.filter((k) => k.kind === 'numeric')) {
    it(`numeric: ${c.name}`, () => {
      const got: NumericSummary = describeNumeric(numericColumn(c.values), 'feature');
      const want = c.expected as unknown as NumericSummary;
      expect({ count: got.count, missing: got.missing, distinct: got.distinct }).toEqual({ count: want.count, missing: want.missing, distinct: want.distinct });
      close(got.min, want.min, 0, 'min');
      close(got.max, want.max, 0, 'max');
      close(got.mean, want.mean, 1e-13, 'mean');
      close(got.std, want.std, 1e-10, 'std');
      want.quantiles.forEach((q, i) => {
        expect(got.quantiles[i].q).toBe(q.q);
        close(got.quantiles[i].value, q.value, 1e-14, `quantile ${q.q}`);
      });
      expect(got.histogram.counts).toEqual(want.histogram.counts);
      expect(got.histogram.edges).toHaveLength(want.histogram.edges.length);
      got.histogram.edges.forEach((e, i) => close(e, want.histogram.edges[i], 1e-14, `edge ${i}`));
    });
  }

  for (const c of REF.cases.filter((k) => k.kind === 'categorical')) {
    it(`categorical: ${c.name}`, () => {
      const got: CategoricalSummary = describeCategorical(categoricalColumn(c.values), 'feature');
      const want = c.expected as unknown as CategoricalSummary;
      expect({ count: got.count, missing: got.missing, distinct: got.distinct, otherCount: got.otherCount }).toEqual({
        count: want.count,
        missing: want.missing,
        distinct: want.distinct,
        otherCount: want.otherCount,
      });
      expect(got.top.map((t) => [t.value, t.count])).toEqual(want.top.map((t) => [t.value, t.count]));
      got.top.forEach((t, i) => close(t.share, want.top[i].share, 1e-15, `share of ${t.value}`));
    });
  }
});

describe('describeDataset through the API', () => {
  const { client, ws, dir } = newClient();
  const files = tmpDir();
  afterAll(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('summarises every column of a stored dataset, hostile names and all, in JSON', async () => {
    const file = path.join(files, 'mixed.csv');
    fs.writeFileSync(file, ['age,"<b>seg</b>",when,ok', '30,a,2026-01-01T00:00:00Z,true', '40,b,2026-01-02T00:00:00Z,false', ',a,,true', '50,a,2026-01-03T00:00:00Z,'].join('\n'));
    await client.importFile({ path: file, name: 'mixed' });
    const d = await client.describeDataset({ dataset: 'mixed' });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d).toMatchObject({ dataset: 'mixed', rows: 4 });
    expect(d.columns.map((c) => [c.name, c.kind, c.count, c.missing])).toEqual([
      ['age', 'numeric', 3, 1],
      ['<b>seg</b>', 'categorical', 4, 0],
      ['when', 'numeric', 3, 1],
      ['ok', 'numeric', 3, 1],
    ]);
    const age = d.columns[0] as NumericSummary;
    expect([age.min, age.mean, age.max, age.std]).toEqual([30, 40, 50, 10]);
    const seg = d.columns[1] as CategoricalSummary;
    expect(seg.top).toEqual([
      { value: 'a', count: 3, share: 0.75 },
      { value: 'b', count: 1, share: 0.25 },
    ]);
    expect((d.columns[2] as NumericSummary).min).toBe(Date.UTC(2026, 0, 1));
    await expect(client.describeDataset({ dataset: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.describeDataset({ dataset: 'mixed', extra: 1 } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
