/**
 * Monitors as they cross the API and live in spec files: plain JSON. A monitor is a named check
 * on one figure of one analysis's result (see core/analyses/README.md, "Metrics").
 */

import type { RowWindow } from '../data/row-window';

export type Severity = 'warning' | 'critical';
export const SEVERITIES: readonly Severity[] = ['warning', 'critical'];

/** `error`: the monitor could not be evaluated (a dataset gone, no such metric); it counts as its severity. */
export type MonitorStatus = 'pass' | 'warning' | 'critical' | 'error';

/** What a user writes: in `monitor add`, the Monitors screen, or a spec file's `monitors` list. */
export interface MonitorDefinition {
  /** Unique in a workspace; any text. */
  readonly name: string;
  /** An analysis of the registry that has `metrics`: `drift`, `performance`, … */
  readonly analysis: string;
  /** Slot → dataset name, one per slot the analysis reads (`{ reference, current }` for drift). */
  readonly datasets: Readonly<Record<string, string>>;
  /**
   * The baseline dataset for `drop`/`rise` conditions: the same analysis is run with it in every
   * slot but `reference`, and the metric read there is the baseline value.
   */
  readonly reference?: string;
  /** The analysis's options (checked against its schema); default `{}`. */
  readonly options?: unknown;
  /** Segment filter, as `--where`. */
  readonly where?: string;
  /**
   * Slot → the part of that dataset to read: its latest chunk, `{ "last": "week" }` (day, week or
   * month, ending at its newest timestamp) or `{ "rows": 10000 }` (its last rows). Absent: all of it.
   * The baseline of a drop/rise condition is always the whole reference.
   */
  readonly window?: Readonly<Record<string, RowWindow>>;
  /** A name from the analysis's `metrics` (`share_drifted`, `accuracy`, `drift_score:age`). */
  readonly metric: string;
  /** When it holds, the monitor alerts: `< 0.85`, `drop > 5%`, `outside [0.8, 1.25]` (core/monitors/condition.ts). */
  readonly condition: string;
  readonly severity: Severity;
  readonly description?: string;
}

/** What started an evaluation. */
export type EvaluationTrigger = 'check' | 'import' | 'append' | 'join';

export interface MonitorEvaluation {
  readonly monitor: string;
  readonly analysis: string;
  readonly metric: string;
  readonly condition: string;
  readonly severity: Severity;
  readonly status: MonitorStatus;
  /** The figure read, null when the result had none (then status is `error`). */
  readonly value: number | null;
  /** The same figure on the reference, for `drop`/`rise` conditions. */
  readonly baseline: number | null;
  /** The drop or rise measured (a fraction when the condition has `%`). */
  readonly change: number | null;
  /** One line: "share_drifted = 0.6, >= 0.5 holds → critical". */
  readonly message: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly trigger: EvaluationTrigger;
  /** The run's settings: datasets, baseline reference, options and filter, with each dataset's row count then. */
  readonly settings: {
    readonly datasets: Readonly<Record<string, string>>;
    readonly reference: string | null;
    readonly options: unknown;
    readonly where: string | null;
    /** The latest-chunk windows read, when the monitor has any. */
    readonly window?: Readonly<Record<string, RowWindow>>;
    /** Each slot's dataset's row count then (the whole dataset, before any window or filter). */
    readonly rows: Readonly<Record<string, number>>;
  };
}

/** A stored monitor with its latest evaluation. */
export interface Monitor extends MonitorDefinition {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly last: MonitorEvaluation | null;
}

/** The result of running monitors: the worst status decides the exit code. */
export interface CheckResult {
  readonly at: string;
  /** pass → 0, warning → 1, critical → 2 (an error counts as its monitor's severity). */
  readonly status: 'pass' | 'warning' | 'critical';
  readonly exitCode: 0 | 1 | 2;
  readonly evaluations: readonly MonitorEvaluation[];
  /** Analysis computations made (each analysis/datasets/options combination once). */
  readonly runs: number;
  /**
   * Evaluations that alert at a higher level than the monitor's stored latest one (core/monitors/
   * new-alerts.ts): what a notification announces. Set when evaluations are stored.
   */
  readonly newAlerts?: readonly MonitorEvaluation[];
  readonly seconds: number;
}

/** A spec file: `{ "plumbline_monitors": 2, "monitors": [ … ] }` (version 1: no `window`). */
export interface MonitorSpecFile {
  readonly plumbline_monitors: 1 | 2;
  readonly monitors: readonly MonitorDefinition[];
}
