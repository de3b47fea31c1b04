/**
 * The route registry: which component draws each screen. An analysis's screen folder
 * (`renderer/src/<id>/`) plugs in with one line here (and its id in routes.ts); the type makes a
 * screen without a component a compile error. Datasets has its own list/detail routing in App.
 */
import type { ComponentType } from 'react';
import { AbScreen } from '../ab/AbScreen';
import { CorrelationScreen } from '../correlation/CorrelationScreen';
import { DriftScreen } from '../drift/DriftScreen';
import { FairnessScreen } from '../fairness/FairnessScreen';
import { MonitorsScreen } from '../monitors/MonitorsScreen';
import { OperationsScreen } from '../operations/OperationsScreen';
import { OverviewScreen } from '../overview/OverviewScreen';
import { PerformanceScreen } from '../performance/PerformanceScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import type { ScreenId } from './routes';

export const SCREEN_COMPONENTS: Record<Exclude<ScreenId, 'datasets'>, ComponentType> = {
  overview: OverviewScreen,
  drift: DriftScreen,
  performance: PerformanceScreen,
  fairness: FairnessScreen,
  monitors: MonitorsScreen,
  ab: AbScreen,
  operations: OperationsScreen,
  correlation: CorrelationScreen,
  reports: ReportsScreen,
};
