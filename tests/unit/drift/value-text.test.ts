/** A drift check's value reads as a sentence: "p < 0.0001 (…)", never "p = < 0.0001". */
import { describe, expect, it } from 'vitest';
import { valueText } from '../../../core/analyses/drift/checks';
import type { DriftColumnResult } from '../../../core/analyses/drift/types';

const column = (p: number) => ({ error: null, test: 'ks', threshold: 0.05, p_value: p, statistic: 0.5 }) as unknown as DriftColumnResult;

describe('drift valueText', () => {
  it('writes a tiny p-value as "p < …" and an ordinary one as "p = …"', () => {
    expect(valueText(column(1e-12))).toMatch(/^p < 0\.0+1 \(statistic 0\.5\)$/);
    expect(valueText(column(0.2))).toMatch(/^p = 0\.2/);
  });
});
