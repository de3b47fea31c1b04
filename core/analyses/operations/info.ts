/**
 * What the registry knows of the operations analysis without loading its code (id, title, dataset
 * slots, report chapters); the module takes these from here, so they are written once.
 */
import type { AnalysisInfo } from '../module';

export const operationsInfo = {
  id: 'operations',
  title: 'Operations',
  datasets: [
    { slot: 'dataset', description: 'the prediction log (latency, status, model version, score or prediction, timestamp)' },
    { slot: 'reference', description: 'a reference log whose figures are the baseline', optional: true },
  ],
  sections: [
    { id: 'operations', title: 'System health', description: 'latency P50/P95/P99, throughput, error rate over time and per model version' },
    { id: 'predictions', title: 'Prediction analysis', description: 'score histogram and prediction distribution over time, predicted-positive rate, volume by hour and weekday' },
  ],
} as const satisfies AnalysisInfo;
