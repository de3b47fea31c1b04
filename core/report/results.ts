/**
 * The machine-readable copy of a report, attached to the PDF as results.json and read back by
 * verify. Version 2 holds any set of analyses: `analyses` lists the ids present and each id is a
 * key holding that analysis's run (`results.drift`, `results.performance`, …) exactly as the screen
 * and `plumbline <id> --json` get it. Version 1 (drift only, before the registry) is still read:
 * PDFs exported before keep verifying.
 */
import { z } from 'zod';
import type { AnalysisRun } from '../analyses/module';
import { PlumblineError } from '../api/errors';
import type { ReportCharts } from '../api/types';
import { lazySchema } from '../api/lazy-schema';

export const RESULTS_KIND = 'plumbline-report-results';

/** What one analysis of a report was asked for: its datasets by slot and its options. */
export interface AnalysisRequest {
  readonly datasets: Readonly<Record<string, string>>;
  readonly options: unknown;
}

/** What verify recomputes from. */
export interface ReportRequest {
  readonly where: string | null;
  readonly sections: readonly string[];
  readonly charts: ReportCharts;
  /** Analysis id → what it was asked for, in report order. */
  readonly analyses: Readonly<Record<string, AnalysisRequest>>;
}

/** A report's results in memory, whichever version they were read from. */
export interface ReportResults {
  readonly kind: typeof RESULTS_KIND;
  readonly version: 2;
  readonly reportId: string;
  readonly createdAt: string;
  readonly plumbline: string;
  readonly request: ReportRequest;
  /** Analysis id → its run; only the analyses the report holds. */
  readonly runs: Readonly<Record<string, AnalysisRun>>;
}

/** Keys of results.json that are not analysis ids (an analysis may not be called any of these). */
export const RESERVED_RESULT_KEYS: readonly string[] = ['kind', 'version', 'reportId', 'createdAt', 'plumbline', 'request', 'analyses'];

/** results.json as written: the runs spread out under their analysis ids. */
export function resultsJson(r: ReportResults): Record<string, unknown> {
  const { runs, ...header } = r;
  return { ...header, analyses: Object.keys(runs), ...runs };
}

const run = lazySchema(() => z.object({ result: z.unknown(), provenance: z.record(z.string(), z.unknown()), settings: z.record(z.string(), z.unknown()) }));
const header = {
  kind: z.literal(RESULTS_KIND),
  reportId: z.string(),
  createdAt: z.string(),
  plumbline: z.string(),
};
const charts = lazySchema(() => z.enum(['drifted', 'all']));

const v1 = lazySchema(() => z.object({
  ...header,
  version: z.literal(1),
  request: z.object({
    reference: z.string(),
    current: z.string(),
    where: z.string().nullable(),
    options: z.record(z.string(), z.unknown()),
    sections: z.array(z.string()),
    charts,
  }),
  drift: z.object({ result: z.record(z.string(), z.unknown()), provenance: z.object({ reference: z.unknown(), current: z.unknown() }), settings: z.unknown() }),
}));

const v2 = lazySchema(() => z
  .object({
    ...header,
    version: z.literal(2),
    request: z.object({
      where: z.string().nullable(),
      sections: z.array(z.string()),
      charts,
      analyses: z.record(z.string(), z.object({ datasets: z.record(z.string(), z.string()), options: z.unknown() })),
    }),
    analyses: z.array(z.string()),
  })
  .passthrough());

function bad(issue: { path: readonly PropertyKey[]; message: string } | undefined): never {
  throw new PlumblineError('BAD_INPUT', `The attached results.json is not a Plumbline report's results (${issue?.path.map(String).join('.') || 'root'}: ${issue?.message}).`);
}

/** Reads results.json of either version into the version-2 shape; the message names the first bad field. */
export function checkResults(value: unknown): ReportResults {
  const version = (value as { version?: unknown } | null)?.version;
  if (version === 1) {
    const p = v1.safeParse(value);
    if (!p.success) bad(p.error.issues[0]);
    const r = p.data;
    const q = r.request;
    return {
      kind: RESULTS_KIND,
      version: 2,
      reportId: r.reportId,
      createdAt: r.createdAt,
      plumbline: r.plumbline,
      request: { where: q.where, sections: q.sections, charts: q.charts, analyses: { drift: { datasets: { reference: q.reference, current: q.current }, options: q.options } } },
      runs: { drift: (value as { drift: AnalysisRun }).drift },
    };
  }
  const p = v2.safeParse(value);
  if (!p.success) bad(p.error.issues[0]);
  const raw = value as Record<string, unknown>;
  const runs: Record<string, AnalysisRun> = {};
  for (const id of p.data.analyses) {
    if (RESERVED_RESULT_KEYS.includes(id)) bad({ path: ['analyses'], message: `${JSON.stringify(id)} is not an analysis id` });
    const r = run.safeParse(raw[id]);
    if (!r.success) bad({ path: [id, ...(r.error.issues[0]?.path ?? [])], message: r.error.issues[0]?.message ?? 'invalid' });
    runs[id] = raw[id] as AnalysisRun;
  }
  const { kind, reportId, createdAt, plumbline, request } = p.data;
  return { kind, version: 2, reportId, createdAt, plumbline, request, runs };
}
