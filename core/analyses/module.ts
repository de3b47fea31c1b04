/**
 * What an analysis is: one object per folder (`core/analyses/<id>/index.ts`), listed once in
 * `registry.ts`. Everything else — the API methods, their argument schemas, the engine's dispatch,
 * the `plumbline <id>` command, saved settings, report sections and `--verify` — is built from it.
 * An analysis never imports the engine or the report: it gets typed columns and returns JSON.
 */
import type { z } from 'zod';
import type { ColumnInfo, DatasetDetail, Progress } from '../api/types';
import type { TypedColumn } from '../data/column';
import type { ChunkStream } from '../data/row-chunks';
import type { ChartSpec } from './chart';

export type CheckStatus = 'pass' | 'fail' | 'info';

/** One pass/fail line, for the report's executive summary and for monitors. */
export interface SummaryCheck {
  /** Plain words first: "Column age did not drift." */
  readonly plain: string;
  readonly check: string;
  readonly threshold: string;
  readonly value: string;
  readonly status: CheckStatus;
  /**
   * The cover's and summary's one line for a group of checks, when this check stands for them
   * ("6 of 16 columns drifted — dataset drift: no"), so the report counts what the screen counts.
   */
  readonly headline?: string;
  /** Already counted in another check's headline (a column's drift in the dataset's), not again. */
  readonly inHeadline?: boolean;
  /**
   * How many units this line counts on the cover when it is more than one, e.g. a column's drift
   * over time: 3 of 12 "column × chunk checks over time".
   */
  readonly tally?: { readonly unit: string; readonly failed: number; readonly total: number };
}

/** A dataset the analysis reads, by the name of its slot (`reference`, `current`, `data`, …). */
export interface DatasetSlot {
  readonly slot: string;
  /** For `--help` and the screen: "reference dataset (training or validation data)". */
  readonly description: string;
  /** An optional slot may be left out of a request; `compute` then gets no columns under it. */
  readonly optional?: boolean;
  /** The command-line flag's name when it is not the slot's (`dataset` → `--dataset`). */
  readonly flag?: string;
}

/** Which columns of which datasets to load, in the order `compute` wants them. */
export interface ColumnPlan {
  /** Slot → column names. */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /**
   * 'rows' when the answer depends on row order (chunking, pairing a prediction with its label);
   * 'any' when it does not, so the workspace's cached sorted copy of a numeric column may serve;
   * 'rows-only' when row order matters and the sorted copy would go unused (no sort, no cache read).
   */
  /**
   * 'rows' when the answer depends on row order and numeric columns should also bring their cached
   * sorted values (`sortedFinite`, for quantiles); 'rows-only' for row order without that copy
   * (an analysis that only counts rows); 'any' when order does not matter, so the cached sorted copy serves.
   */
  readonly order: 'rows' | 'any' | 'rows-only';
}

/** What `compute` gets: slot → columns as planned (already filtered by the segment), and every slot's column info. */
export interface AnalysisColumns {
  readonly columns: Readonly<Record<string, readonly TypedColumn[]>>;
  readonly info: Readonly<Record<string, readonly ColumnInfo[]>>;
}

/**
 * One run as the screen draws it, `plumbline <id> --json` prints it and a report embeds it: the
 * result, the datasets it came from and the settings that made it. `settings` holds each slot's
 * dataset name (`settings.reference`), the filter and the options.
 */
export interface AnalysisRun<R = unknown, O = unknown> {
  readonly result: R;
  readonly provenance: Readonly<Record<string, DatasetDetail>>;
  readonly settings: Readonly<Record<string, unknown>> & { readonly where: string | null; readonly options: O };
  /**
   * The analysis's chart specs of this result, set by the API's `runAnalysis` so a screen draws
   * them with Plotly without running analysis code (the renderer imports no analysis). Absent
   * from runs a report embeds: the report makes its charts from the result.
   */
  readonly charts?: readonly ChartSpec[];
}

/** A command-line flag of `plumbline <id>` (and of `plumbline report` for this analysis's options). */
export interface CliFlag {
  /** Commander syntax: "--test <test>", "--fail-on-drift". */
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly default?: string;
  /** The flag may be given several times; its value is then the list of the values given. */
  readonly repeatable?: boolean;
}

/** How the command line speaks to the analysis; the CLI builds `plumbline <id>` from it. */
export interface AnalysisCli<O, R> {
  /** One line for `plumbline --help`. */
  readonly description: string;
  /** Flags that set options (the dataset slots, `--where` and `--json` are added for every analysis). */
  readonly flags: readonly CliFlag[];
  /**
   * The options the parsed flags ask for (commander's camelCase keys); `dataset(slot)` looks a
   * dataset up, e.g. to find its timestamp column. `undefined` when no option flag was given.
   */
  options(flags: Readonly<Record<string, unknown>>, dataset: (slot: string) => Promise<DatasetDetail>): Promise<O | undefined>;
  /** Human-readable output of a run (without `--json`). */
  text(run: AnalysisRun<R, O>): string;
  /** A `--fail-on-…` flag for pipelines: exit status 1 when `fails(result)`. */
  readonly failOn?: { readonly flags: string; readonly description: string; fails(result: R): boolean };
  /**
   * Why a run fails a pipeline without any flag asking (floors set in the options, a flagged
   * degradation): each reason is printed to stderr and the exit status is 1.
   */
  failures?(run: AnalysisRun<R, O>): string[];
}

/** A report chapter an analysis contributes (rendered by `core/report/sections/`). */
export interface SectionInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

/** An analysis as the registry lists it (each folder's info.ts): its module's identity, slots and chapters, not its code. */
export interface AnalysisInfo {
  readonly id: string;
  readonly title: string;
  readonly datasets: readonly DatasetSlot[];
  /** Its report chapters, in default order (whether one applies to a result is the module's `sections`). */
  readonly sections: readonly SectionInfo[];
}

export interface AnalysisModule<O = unknown, R = unknown> {
  /** `drift`, `performance`, …: the CLI command, settings keys and the key of its results in a report. */
  readonly id: string;
  readonly title: string;
  readonly datasets: readonly DatasetSlot[];
  /** What the progress bar says while `compute` runs ("testing"); "computing" when absent. */
  readonly computing?: string;
  /** zod: validates options from the API, saved specs and saved settings. */
  readonly options: z.ZodType<O>;
  /**
   * Which columns to load; throws PlumblineError('BAD_REQUEST') naming a missing one. `info` is
   * each slot's columns, `names` each slot's dataset name (for messages).
   */
  columns(options: O, info: Readonly<Record<string, readonly ColumnInfo[]>>, names: Readonly<Record<string, string>>): ColumnPlan;
  /** Pure: typed columns in, a JSON-serialisable result out — the only place its numbers are made. */
  compute(columns: AnalysisColumns, options: O, progress?: (p: Progress) => void): R;
  /**
   * Optional, for a compute long enough to need progress and Cancel (a bootstrap, a permutation
   * test): the same numbers as `compute`, as steps that yield progress between pieces of work, so
   * the engine can report it and let a cancel arrive (a synchronous loop cannot see one). The
   * engine prefers it when present.
   */
  computeSteps?(columns: AnalysisColumns, options: O): Generator<Progress, R>;
  /**
   * Optional, for an analysis whose numbers are sums over rows (A/B): the same result as `compute`
   * from each slot's rows chunk by chunk (core/engine/chunk-stream.ts), so a run touches a few
   * chunk-sized buffers instead of whole columns. The engine prefers it for whole-dataset runs
   * (not a monitor's window); it may still ask the stream for whole columns.
   */
  computeStream?(data: Readonly<Record<string, ChunkStream>>, info: Readonly<Record<string, readonly ColumnInfo[]>>, options: O): Generator<Progress, R>;
  /**
   * Optional, beside `computeStream`: whether this run streams; false, the engine loads whole
   * columns and runs `compute` as without the hook. For an analysis that streams only some runs
   * (performance: a binary score without a reference, segments or chunks), decided before a read.
   */
  streams?(options: O, info: Readonly<Record<string, readonly ColumnInfo[]>>, names: Readonly<Record<string, string>>): boolean;
  /**
   * Optional, beside `computeStream`: true lets a column-pool thread read each pass's chunks ahead
   * of the engine's thread (core/engine/pool/read-ahead.ts) when the machine has a core free and
   * the run is large enough; the rows, and so the results, are the same. Set where it was measured
   * to win (A/B; not fairness: core/analyses/README.md).
   */
  readonly readsAhead?: boolean;
  /**
   * Optional, for an analysis whose result is a set of independent per-column results: how to cut
   * a run into parts (each part's options make the same analysis compute a subset of the columns,
   * reading only those) and how to put the parts' results back together, equal to computing all
   * at once. The engine then runs the parts on its column pool's threads (core/engine/pool/).
   */
  readonly parallel?: AnalysisParallel<O, R>;
  checks(result: R): SummaryCheck[];
  /**
   * Flat figures a monitor can name (`share_drifted`, `accuracy`, `drift_score:<column>`): a name
   * → a number, or null when the result has no value for it (a column that could not be tested).
   * Booleans are 0/1. Names are documented in README.md so monitors and specs can rely on them.
   * Optional while analyses add theirs; an analysis without it cannot be monitored.
   */
  metrics?(result: R): Record<string, number | null>;
  /** Rows each slot's dataset contributed after the filter, for the report's provenance chapter. */
  rowsAnalysed(result: R): Readonly<Record<string, number>>;
  /** A report's default title ends with this: "current vs reference". */
  subject(datasets: Readonly<Record<string, string>>): string;
  /** Chart descriptions (Plotly figure specs), drawn by Plotly on screen and into SVG for the report. */
  charts(result: R): ChartSpec[];
  /** Its report chapters, in default order; `applies(result)` false leaves one out of the default. */
  readonly sections: readonly (SectionInfo & { applies?(result: R): boolean })[];
  /** What differs between a report's embedded result and a recomputation, as sentences' tails. */
  verify(was: R, now: R): string[];
  readonly cli: AnalysisCli<O, R>;
}

export interface AnalysisParallel<O, R> {
  /**
   * Options of each part, in result order; fewer than two parts means "run as one". At most
   * `maxParts` (the engine asks for few when each part repeats shared work, e.g. a segment filter).
   */
  parts(options: O, info: Readonly<Record<string, readonly ColumnInfo[]>>, names: Readonly<Record<string, string>>, maxParts: number): O[];
  /** The parts' results (in `parts` order) as the one result `compute` would have made. */
  merge(parts: readonly R[], options: O): R;
}

/** Any analysis, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAnalysis = AnalysisModule<any, any>;

/**
 * The computing half of a module — what a column-pool thread needs to run a part — so a thread can
 * load it without the option schema, charts, report sections and CLI (core/engine/pool/parts.ts).
 */
export type AnalysisPart<O = unknown, R = unknown> = Pick<AnalysisModule<O, R>, 'id' | 'title' | 'datasets' | 'computing' | 'columns' | 'compute' | 'computeSteps' | 'computeStream' | 'streams' | 'readsAhead'>;

/** Any analysis's computing half. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAnalysisPart = AnalysisPart<any, any>;

/**
 * A module's report chapters: its info's (info.ts), each with the `applies` test given for its id,
 * for the chapters that a result may not have (drift over time without chunking, …).
 */
export function chaptersOf<R>(
  sections: readonly SectionInfo[],
  applies: Readonly<Record<string, (result: R) => boolean>>,
): readonly (SectionInfo & { applies?(result: R): boolean })[] {
  return sections.map((s) => (applies[s.id] ? { ...s, applies: applies[s.id] } : s));
}
