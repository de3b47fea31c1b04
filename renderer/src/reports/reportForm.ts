/**
 * The Reports screen's form as plain data, and the pure functions between it and the API: the
 * arguments of renderReport/exportReport, the analysis spec it saves, and a spec loaded back.
 */
import type { ColumnRole } from '../../../core/data/column';
import type { AnalysisSpec, DatasetDetail, DriftOptions, ReportArgs, ReportCharts, ReportPageSize, ReportSectionInfo } from '../../../core/api/types';

export interface ReportForm {
  readonly reference: string;
  readonly current: string;
  /** Segment filter (the Drift screen's, by default). */
  readonly where: string;
  /** Tests, thresholds, chunking: the Drift screen's saved settings for the pair, or a loaded spec's. */
  readonly options: DriftOptions;
  /** Checked section ids, in the order the engine lists them. */
  readonly sections: readonly string[];
  readonly charts: ReportCharts;
  readonly title: string;
  readonly author: string;
  readonly organisation: string;
  readonly pageSize: ReportPageSize;
  /** Column roles a loaded spec sets (applied by the engine before the run); none by default. */
  readonly roles?: AnalysisSpec['roles'];
}

/** The default page size where the machine's locale prints on Letter (US, Canada, Mexico…). */
export function defaultPageSize(locale: string = typeof navigator === 'undefined' ? 'en-GB' : navigator.language): ReportPageSize {
  const region = /[-_]([A-Za-z]{2})\b/.exec(locale)?.[1]?.toUpperCase();
  return region && ['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE'].includes(region) ? 'Letter' : 'A4';
}

/** Every section, except "over time" when the options chunk nothing (it would have nothing to show). */
export function defaultSections(all: readonly ReportSectionInfo[], options: DriftOptions): string[] {
  return all.map((s) => s.id).filter((id) => id !== 'over-time' || options.overTime !== undefined);
}

export function initialForm(pair: { reference: string; current: string }, settings: { options: DriftOptions; where?: string }, all: readonly ReportSectionInfo[]): ReportForm {
  return {
    ...pair,
    where: settings.where ?? '',
    options: settings.options,
    sections: defaultSections(all, settings.options),
    charts: 'drifted',
    title: '',
    author: '',
    organisation: '',
    pageSize: defaultPageSize(),
  };
}

/** Checks or unchecks one section, keeping the engine's order. */
export function toggleSection(form: ReportForm, id: string, on: boolean, all: readonly ReportSectionInfo[]): ReportForm {
  const chosen = new Set(form.sections);
  if (on) chosen.add(id);
  else chosen.delete(id);
  const known = all.map((s) => s.id);
  return { ...form, sections: [...known.filter((k) => chosen.has(k)), ...form.sections.filter((s) => !known.includes(s) && chosen.has(s))] };
}

const trimmed = (s: string) => s.trim();

/** What renderReport and exportReport get. Blank text fields are left out (the engine's defaults apply). */
export function reportArgs(form: ReportForm): ReportArgs {
  const where = trimmed(form.where);
  const title = trimmed(form.title);
  const author = trimmed(form.author);
  const organisation = trimmed(form.organisation);
  const roles = form.roles && (form.roles.reference || form.roles.current) ? form.roles : undefined;
  return {
    ...(roles ? { spec: { kind: 'plumbline-analysis-spec', version: 1, reference: form.reference, current: form.current, roles } } : {}),
    reference: form.reference,
    current: form.current,
    sections: [...form.sections],
    options: form.options,
    charts: form.charts,
    pageSize: form.pageSize,
    ...(where ? { where } : {}),
    ...(title ? { title } : {}),
    ...(author ? { author } : {}),
    ...(organisation ? { organisation } : {}),
  };
}

/** Roles of every column of a dataset, as a spec records them. */
export function rolesOf(ds: DatasetDetail): Record<string, ColumnRole> {
  return Object.fromEntries(ds.columnInfo.map((c) => [c.name, c.role]));
}

/** The spec that regenerates this report with `plumbline report --spec FILE`. */
export function specFromForm(form: ReportForm, roles?: AnalysisSpec['roles']): AnalysisSpec {
  const a = reportArgs(form);
  const report = {
    ...(a.title ? { title: a.title } : {}),
    ...(a.author ? { author: a.author } : {}),
    ...(a.organisation ? { organisation: a.organisation } : {}),
    pageSize: form.pageSize,
  };
  const r = roles ?? form.roles;
  return {
    kind: 'plumbline-analysis-spec',
    version: 1,
    reference: form.reference,
    current: form.current,
    ...(r && (r.reference || r.current) ? { roles: r } : {}),
    options: form.options,
    ...(a.where ? { where: a.where } : {}),
    sections: [...form.sections],
    charts: form.charts,
    report,
  };
}

/** A loaded spec as the form (sections the engine does not know are dropped, and said so). */
export function formFromSpec(spec: AnalysisSpec, all: readonly ReportSectionInfo[], fallbackPageSize: ReportPageSize = defaultPageSize()): { form: ReportForm; unknownSections: string[] } {
  const known = new Set(all.map((s) => s.id));
  const options = spec.options ?? {};
  const sections = spec.sections ? spec.sections.filter((s) => known.has(s)) : defaultSections(all, options);
  return {
    form: {
      // The screen reports on drift; a spec holding other analyses only leaves the pair to choose.
      reference: spec.reference ?? '',
      current: spec.current ?? '',
      where: spec.where ?? '',
      options,
      sections,
      charts: spec.charts ?? 'drifted',
      title: spec.report?.title ?? '',
      author: spec.report?.author ?? '',
      organisation: spec.report?.organisation ?? '',
      pageSize: spec.report?.pageSize ?? fallbackPageSize,
      ...(spec.roles ? { roles: spec.roles } : {}),
    },
    unknownSections: (spec.sections ?? []).filter((s) => !known.has(s)),
  };
}

/** "Drift report – income audit.pdf" → a file name safe on every system. */
export function fileNameFor(title: string, fallback: string, ext: string): string {
  const base = (title.trim() || fallback)
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/[. ]+$/, '');
  return `${base || 'report'}.${ext}`;
}

/** Readable names of the export's phases (core/report/service.ts). */
const PHASES: Record<string, string> = {
  analysing: 'Analysing',
  rendering: 'Rendering',
  printing: 'Printing the PDF',
  'embedding results': 'Embedding the results',
  writing: 'Writing the file',
  done: 'Finishing',
  upload: 'Uploading',
  reading: 'Reading the report',
  recomputing: 'Recomputing from the workspace',
};

export function phaseLabel(phase: string): string {
  return PHASES[phase] ?? (phase ? phase[0].toUpperCase() + phase.slice(1) : 'Working');
}
