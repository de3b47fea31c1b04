/**
 * The sections a report can hold, in their default order: each analysis of the registry lists its
 * sections (id, title, description); this file holds how each is rendered. An analysis's section
 * with no renderer here fails at load, and the registry test names it.
 */
import { EVERY_ANALYSIS as ANALYSES } from '../../analyses/every';
import { PlumblineError } from '../../api/errors';
import type { AnalysisRun } from '../../analyses/module';
import type { ReportSection, SectionRenderer } from '../types';
import { abSection } from './ab';
import { correlationSection } from './correlation';
import { driftSection } from './drift';
import { fairnessOverTimeSection, fairnessSection } from './fairness';
import { operationsSection, predictionsSection } from './operations';
import { overTimeSection } from './over-time';
import { performanceSection } from './performance';
import { qualitySection } from './quality';

export const SECTION_RENDERERS: Readonly<Record<string, SectionRenderer>> = {
  drift: driftSection,
  'over-time': overTimeSection,
  quality: qualitySection,
  performance: performanceSection,
  fairness: fairnessSection,
  'fairness-over-time': fairnessOverTimeSection,
  ab: abSection,
  operations: operationsSection,
  predictions: predictionsSection,
  correlation: correlationSection,
};

export const REPORT_SECTIONS: readonly ReportSection[] = ANALYSES.flatMap((a) =>
  a.sections.map(({ id, title, description }) => {
    const renderer = SECTION_RENDERERS[id];
    if (!renderer) throw new Error(`The ${a.id} analysis lists report section "${id}", which has no renderer in core/report/sections/index.ts.`);
    return { id, title, description, analysis: a.id, ...renderer };
  }),
);

export const SECTION_IDS: readonly string[] = REPORT_SECTIONS.map((s) => s.id);

/** Drift's default sections, as asked before the registry: over time only when chunked. */
export function defaultSections(hasOverTime: boolean): string[] {
  return REPORT_SECTIONS.filter((s) => s.analysis === 'drift' && (s.id !== 'over-time' || hasOverTime)).map((s) => s.id);
}

/** Default: every section of the analyses that ran that has something to show for their results. */
export function sectionsFor(runs: Readonly<Record<string, AnalysisRun>>): string[] {
  return ANALYSES.filter((a) => runs[a.id]).flatMap((a) => a.sections.filter((s) => !s.applies || s.applies(runs[a.id].result)).map((s) => s.id));
}

/** Looks the requested ids up (order kept, duplicates dropped); an unknown id is a BAD_REQUEST naming the known ones. */
export function resolveSections(ids: readonly string[]): ReportSection[] {
  const out: ReportSection[] = [];
  for (const id of ids) {
    const s = REPORT_SECTIONS.find((x) => x.id === id);
    if (!s) throw new PlumblineError('BAD_REQUEST', `Unknown report section ${JSON.stringify(id)}. Sections: ${SECTION_IDS.join(', ')}.`);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}
