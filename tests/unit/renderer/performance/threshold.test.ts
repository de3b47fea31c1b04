import { describe, expect, it } from 'vitest';
import { nearestIndex, stepIndex } from '../../../../renderer/src/shared/sliderKeys';
import { cliCommand, EMPTY_FORM, formToRequest } from '../../../../renderer/src/performance/performanceForm';
import { thresholdStops } from '../../../../renderer/src/performance/ThresholdView';
import { metricsAtThreshold } from '../../../../core/analyses/performance/at-threshold';
import { analyzePerformance } from '../../../../core/analyses/performance/performance';
import type { ColumnInfo } from '../../../../core/api/types';

describe('slider keys', () => {
  it('arrows move one stop, pages a tenth, Home/End the ends, clamped; other keys are not handled', () => {
    expect(stepIndex('ArrowRight', 5, 100)).toBe(6);
    expect(stepIndex('ArrowUp', 99, 100)).toBe(99);
    expect(stepIndex('ArrowLeft', 0, 100)).toBe(0);
    expect(stepIndex('ArrowDown', 5, 100)).toBe(4);
    expect(stepIndex('PageUp', 5, 100)).toBe(15);
    expect(stepIndex('PageDown', 5, 100)).toBe(0);
    expect(stepIndex('PageUp', 0, 3)).toBe(1);
    expect(stepIndex('Home', 50, 100)).toBe(0);
    expect(stepIndex('End', 50, 100)).toBe(99);
    expect(stepIndex('a', 5, 100)).toBeNull();
    expect(stepIndex('End', 0, 0)).toBeNull();
  });

  it('finds the nearest stop, ties to the lower one', () => {
    const s = [0.1, 0.2, 0.4, 0.8];
    expect(nearestIndex(s, 0)).toBe(0);
    expect(nearestIndex(s, 0.3)).toBe(1);
    expect(nearestIndex(s, 0.31)).toBe(2);
    expect(nearestIndex(s, 5)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});

describe('threshold view arithmetic', () => {
  it('every stop of the slider gives the counts a full recomputation gives at that threshold', () => {
    const n = 400;
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const score = new Float64Array(n).map(() => Math.round(rnd() * 50) / 50);
    const label = new Float64Array(n).map((_, i) => (rnd() < score[i] ? 1 : 0));
    const cols = [
      { kind: 'numeric', name: 'label', type: 'integer', values: label },
      { kind: 'numeric', name: 'score', type: 'real', values: score },
    ] as never;
    const r = analyzePerformance({ columns: cols }, { label: 'label', score: 'score' });
    const stops = thresholdStops(r.binary!.table!);
    expect([...stops]).toEqual([...stops].sort((a, b) => a - b));
    for (const t of [stops[0], stops[10], stops[stops.length - 1]]) {
      const at = metricsAtThreshold(r.binary!.table!, t);
      const full = analyzePerformance({ columns: cols }, { label: 'label', score: 'score', threshold: t });
      expect(at.exact).toBe(true);
      expect([[at.counts.tn, at.counts.fp], [at.counts.fn, at.counts.tp]]).toEqual(full.confusion!.matrix);
      expect(at.rates.f1).toBe(full.metrics.f1);
    }
  });
});

describe('performance form', () => {
  const cols: ColumnInfo[] = [{ name: 'ts', type: 'timestamp', role: 'timestamp' } as ColumnInfo];

  it('turns the fields into the request the CLI flags make, and back into the command', () => {
    const { request, errors } = formToRequest(
      { ...EMPTY_FORM, current: 'cur', reference: 'ref', threshold: '0.3', chunk: 'week', by: 'region', costFp: '5', failBelow: 'f1=0.8, accuracy=0.7', where: "device = 'mobile'" },
      cols,
    );
    expect(errors).toEqual({});
    expect(request).toEqual({
      current: 'cur',
      reference: 'ref',
      where: "device = 'mobile'",
      options: { threshold: 0.3, chunk: { by: 'period', period: 'week', timestamp: 'ts' }, segmentBy: ['region'], costFp: 5, failBelow: { f1: 0.8, accuracy: 0.7 } },
    });
    expect(cliCommand(request!)).toBe("plumbline performance --dataset cur --reference ref --threshold 0.3 --where 'device = '\\''mobile'\\''' --chunk week --by region --cost-fp 5 --fail-below f1=0.8 --fail-below accuracy=0.7");
  });

  it('names each field it cannot read and makes no request', () => {
    const { request, errors } = formToRequest({ ...EMPTY_FORM, current: 'cur', threshold: 'x', chunk: 'fortnight', costFn: '-1', failAbove: 'mae', calibrationBins: '0' }, []);
    expect(request).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['calibrationBins', 'chunk', 'costFn', 'failAbove', 'threshold']);
    expect(formToRequest({ ...EMPTY_FORM, current: 'cur', chunk: 'day' }, []).errors.chunk).toMatch(/no timestamp column/);
  });
});
