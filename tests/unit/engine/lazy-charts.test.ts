import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../core/analyses/chart';
import { withLazyCharts } from '../../../core/engine/lazy-charts';

const run = { result: { n: 1 }, provenance: {}, settings: { where: null, options: {} } };
const spec = { title: 'x' } as unknown as ChartSpec;

describe('a run’s charts made on first read', () => {
  it('are not made while nobody reads them, then made once', () => {
    let made = 0;
    const lazy = withLazyCharts(run, () => (made++, [spec]));
    expect(lazy.result).toBe(run.result);
    expect(made).toBe(0);
    expect(lazy.charts).toEqual([spec]);
    expect(lazy.charts).toBe(lazy.charts);
    expect(made).toBe(1);
  });

  it('travel with the run through JSON (HTTP) and structured clone (IPC, worker messages)', () => {
    const lazy = withLazyCharts(run, () => [spec]);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual({ ...run, charts: [spec] });
    expect(structuredClone(lazy)).toEqual({ ...run, charts: [spec] });
    expect({ ...withLazyCharts(run, () => [spec]) }.charts).toEqual([spec]);
  });
});
