import type { DriftRun } from '../../api/types';
import { runOf, type ReportInput } from '../types';

/** The drift run a drift section renders (the service only asks for sections whose analysis ran). */
export function driftOf(input: ReportInput): DriftRun {
  return runOf(input, 'drift') as DriftRun;
}
