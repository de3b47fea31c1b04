/**
 * What the registry knows of the drift analysis without loading its code (id, title, dataset
 * slots, report chapters); the module takes these from here, so they are written once.
 */
import type { AnalysisInfo } from '../module';

export const driftInfo = {
  id: 'drift',
  title: 'Drift',
  datasets: [
    { slot: 'reference', description: 'reference dataset (training or validation data)' },
    { slot: 'current', description: 'current dataset (the production log)' },
  ],
  sections: [
    { id: 'drift', title: 'Data drift', description: 'per-column drift tests, dataset drift and distribution charts' },
    { id: 'over-time', title: 'Drift over time', description: 'the drift test per chunk of the current data (needs chunking in the options)' },
    { id: 'quality', title: 'Data quality', description: 'missing values, out-of-range values, new categories, type violations, constant columns' },
  ],
} as const satisfies AnalysisInfo;
