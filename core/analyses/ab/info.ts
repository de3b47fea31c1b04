/**
 * What the registry knows of the ab analysis without loading its code (id, title, dataset
 * slots, report chapters); the module takes these from here, so they are written once.
 */
import type { AnalysisInfo } from '../module';

export const abInfo = {
  id: 'ab',
  title: 'A/B test',
  datasets: [{ slot: 'dataset', description: 'the experiment log: one row per exposure, with the variant and the metric columns' }],
  sections: [{ id: 'ab', title: 'A/B test', description: 'experiment design, sample ratio check, lift per metric with intervals, guardrails, decision and methods' }],
} as const satisfies AnalysisInfo;
