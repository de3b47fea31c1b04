/**
 * What a report is made of. A report is assembled from sections contributed by analyses (drift,
 * quality, and later performance, fairness, A/B); each section renders its own results and its own
 * methods text from the very result object the screens and `--json` show.
 */
import type { DriftRun } from '../api/types';
import type { AnalysisRun, SectionInfo } from '../analyses/module';
import { PlumblineError } from '../api/errors';
import type { SafeHtml } from './escape';

export type { DriftRun };

export type PageSize = 'A4' | 'Letter';
export type ChartsMode = 'drifted' | 'all';

export interface ReportMeta {
  readonly reportId: string;
  readonly title: string;
  readonly author: string | null;
  readonly organisation: string | null;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  /** IANA zone the dates are printed in. */
  readonly timeZone: string;
  readonly workspace: string;
  readonly plumblineVersion: string;
  /** Name → version of the software that made the report. */
  readonly software: Readonly<Record<string, string>>;
}

/** Everything a section may read. Analyses that have not run are absent. */
export interface ReportInput {
  readonly meta: ReportMeta;
  /** Analysis id → its run, in report order; only the analyses the report holds. */
  readonly runs: Readonly<Record<string, AnalysisRun>>;
  /** The row filter applied to both datasets, as typed. */
  readonly where: string | null;
  readonly charts: ChartsMode;
  /** Drift over time: charts for this many columns, most drifted first (default DEFAULT_OVER_TIME_CHARTS). */
  readonly overTimeCharts?: number;
  /** Section ids, in order, as requested (already validated). */
  readonly sections: readonly string[];
}

export type { CheckStatus, SummaryCheck } from '../analyses/module';
import type { SummaryCheck } from '../analyses/module';

/** How a section renders; its id, title and description come from its analysis's `sections`. */
export interface SectionRenderer {
  /** Lines for the executive summary. */
  checks(input: ReportInput): SummaryCheck[];
  /** This section's part of the Methods chapter, or null when it adds nothing. */
  methods(input: ReportInput): SafeHtml | null;
  /** The results fragment (headings from level 3 down; the chapter heading is added around it). */
  render(input: ReportInput): SafeHtml;
}

/** A section as a report lists it: the analysis's description of it and its renderer. */
export interface ReportSection extends SectionInfo, SectionRenderer {
  /** The analysis whose run it reads. */
  readonly analysis: string;
}

/** The run of one analysis, for its sections. */
export function runOf(input: ReportInput, analysis: string): AnalysisRun {
  const run = input.runs[analysis];
  if (!run) throw new PlumblineError('INTERNAL', `The report has no ${analysis} results for its ${analysis} sections.`);
  return run;
}
