/**
 * What the registry knows of the fairness analysis without loading its code (id, title, dataset
 * slots, report chapters); the module takes these from here, so they are written once.
 */
import type { AnalysisInfo } from '../module';

export const fairnessInfo = {
  id: 'fairness',
  title: 'Fairness',
  datasets: [{ slot: 'dataset', description: 'dataset with the label, the decision (score or prediction) and the attribute columns' }],
  sections: [
    { id: 'fairness', title: 'Fairness', description: 'group error rates, disparities against the reference group, parity at τ, too-small groups, Fairlearn summaries and definitions' },
    { id: 'fairness-over-time', title: 'Fairness over time', description: 'disparities per chunk (needs chunking in the options)' },
  ],
} as const satisfies AnalysisInfo;
