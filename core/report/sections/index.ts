/**
 * The sections a report can hold, in their default order. An analysis contributes a section by
 * adding it here (performance, fairness and A/B plug in the same way as drift and quality).
 */
import { PlumblineError } from '../../api/errors';
import type { ReportSection } from '../types';
import { driftSection } from './drift';
import { overTimeSection } from './over-time';
import { qualitySection } from './quality';

export const REPORT_SECTIONS: readonly ReportSection[] = [driftSection, overTimeSection, qualitySection];

export const SECTION_IDS: readonly string[] = REPORT_SECTIONS.map((s) => s.id);

/** Default: every section that has something to show for this result. */
export function defaultSections(hasOverTime: boolean): string[] {
  return SECTION_IDS.filter((id) => id !== 'over-time' || hasOverTime);
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
