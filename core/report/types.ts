/**
 * What a report is made of. A report is assembled from sections contributed by analyses (drift,
 * quality, and later performance, fairness, A/B); each section renders its own results and its own
 * methods text from the very result object the screens and `--json` show.
 */
import type { DriftRun } from '../api/types';
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
  readonly drift: DriftRun;
  /** The row filter applied to both datasets, as typed. */
  readonly where: string | null;
  readonly charts: ChartsMode;
  /** Section ids, in order, as requested (already validated). */
  readonly sections: readonly string[];
}

export type { CheckStatus, SummaryCheck } from '../analyses/module';
import type { SummaryCheck } from '../analyses/module';

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** One line for `--help` and the Reports screen. */
  readonly description: string;
  /** Lines for the executive summary. */
  checks(input: ReportInput): SummaryCheck[];
  /** This section's part of the Methods chapter, or null when it adds nothing. */
  methods(input: ReportInput): SafeHtml | null;
  /** The results fragment (headings from level 3 down; the chapter heading is added around it). */
  render(input: ReportInput): SafeHtml;
}
