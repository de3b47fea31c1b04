/** The machine-readable copy of a report, attached to the PDF as results.json and read back by verify. */
import { z } from 'zod';
import { PlumblineError } from '../api/errors';
import type { DriftOptions, DriftRun, ReportCharts } from '../api/types';

export const RESULTS_KIND = 'plumbline-report-results';

export interface ReportResults {
  readonly kind: typeof RESULTS_KIND;
  readonly version: 1;
  readonly reportId: string;
  readonly createdAt: string;
  readonly plumbline: string;
  /** What verify recomputes from. */
  readonly request: {
    readonly reference: string;
    readonly current: string;
    readonly where: string | null;
    readonly options: DriftOptions;
    readonly sections: readonly string[];
    readonly charts: ReportCharts;
  };
  /** The runDrift object, exactly as the screen and `drift --json` get it. */
  readonly drift: DriftRun;
}

const shape = z.object({
  kind: z.literal(RESULTS_KIND),
  version: z.literal(1),
  reportId: z.string(),
  createdAt: z.string(),
  plumbline: z.string(),
  request: z.object({
    reference: z.string(),
    current: z.string(),
    where: z.string().nullable(),
    options: z.record(z.string(), z.unknown()),
    sections: z.array(z.string()),
    charts: z.enum(['drifted', 'all']),
  }),
  drift: z.object({ result: z.record(z.string(), z.unknown()), provenance: z.object({ reference: z.unknown(), current: z.unknown() }), settings: z.unknown() }),
});

export function checkResults(value: unknown): ReportResults {
  const parsed = shape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlumblineError('BAD_INPUT', `The attached results.json is not a Plumbline report's results (${issue?.path.join('.') || 'root'}: ${issue?.message}).`);
  }
  return value as ReportResults;
}
