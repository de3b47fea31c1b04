/**
 * The Overview screen's data, computed by the engine (`overview()` in core/api/api.ts): the
 * renderer draws it and computes nothing. One entry per model — a dataset, or a reference/current
 * pair that monitors or saved settings use — worst first.
 */
import type { WindowPeriod } from '../data/row-window';
import type { MonitorDefinition, MonitorStatus, Severity } from '../monitors/types';

/** What a monitor watches, for the per-area status line. */
export type Area = 'drift' | 'quality' | 'performance' | 'fairness' | 'ab' | 'operations';
export const AREAS: readonly Area[] = ['drift', 'quality', 'performance', 'fairness', 'ab', 'operations'];

/** pass/warning/critical from monitors; `not-run` when its monitors have never been evaluated. */
export type HealthStatus = 'pass' | 'warning' | 'critical' | 'not-run';

/** Where a click goes: the screen that produced the figure, opened on these datasets. */
export interface OverviewLink {
  readonly screen: 'drift' | 'performance' | 'fairness' | 'ab' | 'monitors' | 'datasets';
  /** Slot → dataset name, as the analysis names its slots (`{ reference, current }`, `{ data }`). */
  readonly datasets: Readonly<Record<string, string>>;
  /** On the Monitors screen: the monitor whose history to open. */
  readonly monitor?: string;
}

export interface AreaHealth {
  readonly area: Area;
  readonly status: HealthStatus;
  readonly monitors: number;
  /** Monitors of this area now warning, critical or not evaluated. */
  readonly alerting: number;
  /** The worst monitor's one-line message (its latest evaluation), null when none has run. */
  readonly message: string | null;
  readonly link: OverviewLink;
}

/** A figure now and on the baseline (the same figure on the reference), from a monitor's latest evaluation. */
export interface Headline {
  readonly monitor: string;
  readonly area: Area;
  readonly metric: string;
  readonly value: number | null;
  readonly baseline: number | null;
  readonly status: MonitorStatus | null;
  readonly at: string | null;
  readonly link: OverviewLink;
}

export interface LabelCoverage {
  readonly column: string;
  readonly labelled: number;
  readonly rows: number;
  /** labelled / rows; null for an empty dataset. */
  readonly share: number | null;
}

/** Rows in the latest period by the timestamp-role column, and in the period before it. */
export interface LatestPeriod {
  readonly column: string;
  readonly period: WindowPeriod;
  /** ISO 8601: the period is (from, to]. */
  readonly from: string;
  readonly to: string;
  readonly rows: number;
  readonly previousRows: number;
}

export interface OverviewAlert {
  readonly monitor: string;
  readonly area: Area;
  readonly severity: Severity;
  /** warning / critical, or error (could not be evaluated; counts as its severity). */
  readonly status: MonitorStatus;
  readonly message: string;
  /** ISO 8601: the first evaluation of the current unbroken run of alerting evaluations. */
  readonly since: string;
  readonly lastAt: string;
  /** Alerting evaluations in a row up to now. */
  readonly evaluations: number;
  readonly link: OverviewLink;
}

export interface OverviewModel {
  /** Stable key: the current dataset, and its reference when it is a pair. */
  readonly id: string;
  readonly current: string;
  readonly reference: string | null;
  readonly rows: number;
  /** The worst area; `no-monitors` when the model has none (the screen says how to add one). */
  readonly status: HealthStatus | 'no-monitors';
  /** Areas with monitors, worst first. */
  readonly areas: readonly AreaHealth[];
  /** Areas no monitor of this model watches. */
  readonly unwatched: readonly Area[];
  readonly headline: Headline | null;
  readonly labels: LabelCoverage | null;
  readonly latest: LatestPeriod | null;
  /** Active alerts, critical first, then the longest-standing. */
  readonly alerts: readonly OverviewAlert[];
  /**
   * A first monitor for a model without one (dataset drift of a pair; accuracy of a labelled log,
   * once performance can be monitored), for the screen's "Add this monitor" and its command line;
   * null when the model has monitors or none fits.
   */
  readonly suggestion: MonitorDefinition | null;
  /** Where its analyses open: the drift pair, or the performance screen on the dataset. */
  readonly link: OverviewLink;
}

export interface Overview {
  /** ISO 8601, when this overview was computed. */
  readonly at: string;
  readonly datasets: number;
  readonly monitors: number;
  /** Worst first, then by name. */
  readonly models: readonly OverviewModel[];
}
