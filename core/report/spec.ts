/**
 * Saved analysis specs: datasets, roles, tests, thresholds, chunking, filters, sections. A spec is
 * plain JSON validated by one zod schema; the app saves it and the CLI takes it with `--spec`, so a
 * pipeline regenerates the report exactly as designed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlumblineError } from '../api/errors';
import { analysisSpecSchema } from '../api/report-schema';
// A spec may set any analysis's options, checked by that analysis's schema: all are loaded here.
import '../analyses/every';
import type { AnalysisSpec, DriftOptions, ReportArgs, ReportCharts, ReportPageSize } from '../api/types';
import type { AnalysisRequest } from './results';

/** Validates any parsed JSON as a spec; the message names the first offending field. */
export function parseSpec(value: unknown, source = 'spec'): AnalysisSpec {
  const parsed = analysisSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new PlumblineError('BAD_INPUT', `Invalid analysis spec ${source}${where}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data as AnalysisSpec;
}

export function loadSpec(file: string): AnalysisSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PlumblineError('NOT_FOUND', `Cannot read the analysis spec ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PlumblineError('BAD_INPUT', `The analysis spec ${file} is not JSON: ${(e as Error).message}.`);
  }
  return parseSpec(json, path.basename(file));
}

/** Writes the spec as pretty JSON (atomically: a temporary file renamed over the target). */
export function saveSpec(file: string, spec: AnalysisSpec): string {
  const valid = parseSpec(spec);
  const abs = path.resolve(file);
  const tmp = `${abs}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(valid, null, 2)}\n`);
  fs.renameSync(tmp, abs);
  return abs;
}

/** Report arguments with the spec folded in (explicit fields win). */
export interface ResolvedReportArgs {
  /** Drift's datasets and options (null datasets when the report holds no drift). */
  readonly reference: string | null;
  readonly current: string | null;
  readonly roles: NonNullable<AnalysisSpec['roles']>;
  readonly options: DriftOptions;
  /** Analyses other than drift (given as `analyses`). */
  readonly others: Readonly<Record<string, AnalysisRequest>>;
  readonly where: string | null;
  readonly sections: readonly string[] | null;
  readonly charts: ReportCharts;
  readonly overTimeCharts: number | null;
  readonly title: string | null;
  readonly author: string | null;
  readonly organisation: string | null;
  readonly pageSize: ReportPageSize;
  readonly timeZone: string | null;
}

export function resolveReportArgs(args: ReportArgs): ResolvedReportArgs {
  const s = args.spec;
  const reference = args.reference ?? s?.reference;
  const current = args.current ?? s?.current;
  const others = Object.fromEntries(Object.entries({ ...s?.analyses, ...args.analyses }).map(([id, a]) => [id, { datasets: a.datasets, options: a.options ?? {} }]));
  if ((!reference || !current) && Object.keys(others).length === 0) throw new PlumblineError('BAD_REQUEST', 'A report needs a reference and a current dataset (or a spec naming them).');
  const blank = (x: string | undefined) => (x === undefined || x.trim() === '' ? null : x.trim());
  return {
    reference: reference ?? null,
    current: current ?? null,
    roles: s?.roles ?? {},
    options: args.options ?? s?.options ?? {},
    others,
    where: blank(args.where ?? s?.where),
    sections: args.sections ?? s?.sections ?? null,
    charts: args.charts ?? s?.charts ?? 'drifted',
    overTimeCharts: args.overTimeCharts ?? s?.report?.overTimeCharts ?? null,
    title: blank(args.title ?? s?.report?.title),
    author: blank(args.author ?? s?.report?.author),
    organisation: blank(args.organisation ?? s?.report?.organisation),
    pageSize: args.pageSize ?? s?.report?.pageSize ?? 'A4',
    timeZone: args.timeZone ?? null,
  };
}

/** The spec that regenerates a report made from these arguments (what "Save analysis spec" writes). */
export function specFromArgs(r: ResolvedReportArgs): AnalysisSpec {
  const report = {
    ...(r.title ? { title: r.title } : {}),
    ...(r.author ? { author: r.author } : {}),
    ...(r.organisation ? { organisation: r.organisation } : {}),
    pageSize: r.pageSize,
    ...(r.overTimeCharts !== null ? { overTimeCharts: r.overTimeCharts } : {}),
  };
  return {
    kind: 'plumbline-analysis-spec',
    version: 1,
    ...(r.reference && r.current ? { reference: r.reference, current: r.current } : {}),
    ...(Object.keys(r.others).length ? { analyses: r.others } : {}),
    ...(r.roles.reference || r.roles.current ? { roles: r.roles } : {}),
    options: r.options,
    ...(r.where ? { where: r.where } : {}),
    ...(r.sections ? { sections: r.sections } : {}),
    charts: r.charts,
    report,
  };
}

/** Every analysis the report holds, in registry order: drift from reference/current/options, then the others. */
export function reportAnalyses(r: ResolvedReportArgs): Record<string, AnalysisRequest> {
  const out: Record<string, AnalysisRequest> = {};
  if (r.reference && r.current) out.drift = { datasets: { reference: r.reference, current: r.current }, options: r.options };
  return { ...out, ...r.others };
}
