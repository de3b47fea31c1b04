/**
 * What the registry knows of the performance analysis without loading its code (id, title, dataset
 * slots, report chapters); the module takes these from here, so they are written once.
 */
import type { AnalysisInfo } from '../module';

export const performanceInfo = {
  id: 'performance',
  title: 'Performance',
  datasets: [
    { slot: 'current', flag: 'dataset', description: 'the dataset whose predictions are judged (a production log with labels)' },
    { slot: 'reference', optional: true, description: 'baseline dataset (e.g. validation data): its metrics side by side, the band over time, degradation against it' },
  ],
  sections: [
    { id: 'performance', title: 'Model performance', description: 'metrics with definitions, confusion matrix, ROC/PR/calibration, over time, worst segments, degradation flags' },
  ],
} as const satisfies AnalysisInfo;
