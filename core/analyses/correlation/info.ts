/**
 * What the registry knows of the correlation analysis without loading its code (id, title, dataset
 * slots, report chapters); the module takes these from here, so they are written once.
 */
import type { AnalysisInfo } from '../module';

export const correlationInfo = {
  id: 'correlation',
  title: 'Correlation',
  datasets: [
    { slot: 'reference', description: 'reference dataset (training or validation data)' },
    { slot: 'current', description: 'current dataset (the production log)' },
  ],
  sections: [{ id: 'correlation', title: 'Feature correlation', description: 'Pearson or Spearman correlation matrices of the numeric features, reference vs current, and the largest changes' }],
} as const satisfies AnalysisInfo;
