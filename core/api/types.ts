/** Types that cross the API boundary: everything here is plain JSON. */
import type { ColumnRole, ColumnType } from '../data/column';
import type { MessagePart } from './controls';
import type { DriftOptions, DriftResult } from '../analyses/drift/types';
import type { ColumnSummary, DatasetDescription } from '../analyses/summary/types';

export type { ColumnRole, ColumnType, ColumnSummary, DatasetDescription, DriftOptions, DriftResult };
import type { MonitorEvaluation } from '../monitors/types';
export type { CheckResult, Monitor, MonitorDefinition, MonitorEvaluation, MonitorStatus, Severity } from '../monitors/types';
export type { Area, AreaHealth, HealthStatus, Headline, LabelCoverage, LatestPeriod, Overview, OverviewAlert, OverviewLink, OverviewModel } from '../overview/types';

/** A cell as it crosses the API: timestamps as ISO 8601 strings, booleans as true/false. */
export type CellValue = string | number | boolean | null;

export interface ColumnInfo {
  readonly index: number;
  readonly name: string;
  readonly type: ColumnType;
  readonly role: ColumnRole;
  readonly nullCount: number;
  /** Values that contradicted the first inferred type and widened the column. */
  readonly widenedCount: number;
}

export interface DatasetSummary {
  readonly id: number;
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  /** ISO 8601, UTC. */
  readonly importedAt: string;
}

export interface ImportRecord {
  readonly id: number;
  readonly kind: 'create' | 'append' | 'join';
  readonly sourcePath: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly modifiedAt: string | null;
  readonly format: string;
  readonly parserSettings: Record<string, unknown>;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
}

export interface DatasetDetail extends DatasetSummary {
  readonly columnInfo: readonly ColumnInfo[];
  readonly imports: readonly ImportRecord[];
}

export interface RowPage {
  readonly dataset: string;
  readonly offset: number;
  readonly total: number;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

export type ImportFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

export interface ImportArgs {
  /** Absolute or working-directory-relative path of the file to import. */
  readonly path: string;
  /** Dataset name; defaults to the file name without extension, made unique. */
  readonly name?: string;
  /** Detected from the extension and content when not given. */
  readonly format?: ImportFormat;
  /** CSV field delimiter; detected when not given. */
  readonly delimiter?: string;
  /** Roles chosen by the user, by column name; the others are guessed. */
  readonly roles?: Readonly<Record<string, ColumnRole>>;
  /**
   * Types chosen by the user, by column name; the others are inferred. A value that does not fit
   * a chosen type is a bad row naming its line and column (see onError), never widened. A chosen
   * timestamp also reads integer epoch seconds or milliseconds (2001–2286), whatever the name.
   * Not for appends: an appended file takes the dataset's types.
   */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** 'abort' (default): any bad row fails the import, listing the first 20 problems. 'skip': bad rows are counted and sampled. */
  readonly onError?: 'abort' | 'skip';
  /** Add the rows to this existing dataset (same column names, compatible types). */
  readonly append?: string;
  /** Attach the file's other columns (e.g. a delayed label) to this dataset's rows by key. */
  readonly join?: { readonly dataset: string; readonly on: string };
  /** Cell values read as missing; default: empty, NA, N/A, null, NULL, NaN, nan, None. */
  readonly nullTokens?: readonly string[];
  /**
   * New names for columns, old → new, applied before anything is written. Old names are as the
   * import sees them: a duplicate header name already carries its suffix (`decile_score.1`).
   * Roles, types and formats name columns by their new names.
   */
  readonly rename?: Readonly<Record<string, string>>;
  /**
   * How a column chosen as timestamp is written, by column name: a strptime-style format
   * (`%Y%m%d`, `%d/%m/%Y %H:%M`; see core/import/timestamp-format.ts). Without one a chosen
   * timestamp reads ISO 8601 (T or space), compact YYYYMMDD and integer epoch seconds or ms.
   */
  readonly timestampFormats?: Readonly<Record<string, string>>;
  /**
   * Browser mode: the file's name on the analyst's machine. `path` is then the server's copy of
   * the upload; the provenance records this name and that the file was uploaded.
   */
  readonly uploadedAs?: string;
}

/**
 * Something the analyst should know about an import that succeeded. `message` names no control
 * or flag: the CLI and the import dialog each add how to act on it in their own terms.
 */
export interface ImportWarning {
  readonly code: 'duplicate-names' | 'encoding' | 'no-rows' | 'personal-data';
  readonly message: string;
  /** The columns it is about (names as imported). */
  readonly columns?: readonly string[];
}

/** One bad row or cell. `line` is 1-based in the file (for Parquet: the row number). */
export interface ImportProblem {
  readonly line: number;
  readonly column?: string;
  /** As the CLI words it; when it points to a setting, `parts` has it with the control as data. */
  readonly message: string;
  readonly parts?: readonly MessagePart[];
}

export interface JoinReport {
  /** File rows whose key was found in the dataset. */
  readonly matched: number;
  /** Share (0–1) of the dataset's rows that have a value in the joined label column after the join. */
  readonly coverage: number;
  /** File rows whose key had already been seen in the file (the first one wins). */
  readonly duplicateKeys: number;
  /** File rows whose key is not in the dataset. */
  readonly orphans: number;
}

export interface ImportResult {
  readonly dataset: string;
  readonly kind: 'create' | 'append' | 'join';
  /** Rows accepted by this import (for a join: rows in the dataset). */
  readonly rows: number;
  readonly rejected: number;
  readonly columns: readonly ColumnInfo[];
  readonly sha256: string;
  readonly seconds: number;
  /** The first 20 problems met (with onError 'skip', the rows they were in were left out). */
  readonly problems: readonly ImportProblem[];
  /** Up to 20 rejected rows as they appeared in the file (clipped to 1,000 characters). */
  readonly rejectedSamples: readonly string[];
  readonly join?: JoinReport;
  /** Duplicate names suffixed, a Latin-1 fallback, no data rows, columns that look like personal data. */
  readonly warnings: readonly ImportWarning[];
  /** The monitors reading this dataset, evaluated (and stored) after the import. */
  readonly monitors?: readonly MonitorEvaluation[];
  /** Those of `monitors` that are new alerts (a monitor now worse than before the import): for a notification. */
  readonly newAlerts?: readonly MonitorEvaluation[];
}

export interface InspectArgs {
  readonly path: string;
  readonly format?: ImportFormat;
  readonly delimiter?: string;
}

/** What the import dialog previews before importing. */
export interface InspectResult {
  readonly format: ImportFormat;
  /** null for JSON Lines and Parquet. */
  readonly delimiter: string | null;
  readonly encoding: string;
  /** Why that encoding: a byte-order mark, valid UTF-8, or the first byte that is not UTF-8. */
  readonly encodingReason: string;
  /** Column names as the import will write them (duplicates suffixed as pandas does). */
  readonly header: readonly string[];
  /** What the dialog should say before importing (duplicate names, encoding, personal data). */
  readonly warnings: readonly ImportWarning[];
  /** The first 20 data rows as text (null = missing). */
  readonly sampleRows: readonly (readonly (string | null)[])[];
  readonly columns: readonly { readonly name: string; readonly type: ColumnType; readonly role: ColumnRole }[];
}

export interface SetColumnRoleArgs {
  readonly dataset: string;
  readonly column: string;
  readonly role: ColumnRole;
}

export interface DatasetRef {
  /** Dataset name. */
  readonly dataset: string;
}

export interface PreviewArgs extends DatasetRef {
  readonly offset?: number;
  readonly limit?: number;
}

export interface WorkspaceInfo {
  readonly path: string;
  readonly schemaVersion: number;
  readonly version: string;
}

/** Progress of a long operation, as reported to the caller while it runs. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  /** Same unit as `done`; null when unknown. */
  readonly total: number | null;
  readonly unit: 'bytes' | 'rows' | 'items';
  readonly rows?: number;
  readonly message?: string;
}

export interface DriftArgs {
  readonly reference: string;
  readonly current: string;
  readonly options?: DriftOptions;
  /** Segment filter over the datasets' columns, e.g. `device = 'mobile' AND age >= 30`. */
  readonly where?: string;
}

/** Everything a drift screen, `drift --json` and a report need: the result and where it came from. */
export interface DriftRun {
  readonly result: DriftResult;
  readonly provenance: { readonly reference: DatasetDetail; readonly current: DatasetDetail };
  readonly settings: {
    readonly reference: string;
    readonly current: string;
    readonly where: string | null;
    readonly options: DriftOptions;
  };
}

// ── Any analysis of the registry (issue 10) ──────────────────────────────────────────────────────

export type { AnalysisRun } from '../analyses/module';
export type { ChartSpec } from '../analyses/chart';

export interface AnalysisInfo {
  readonly id: string;
  readonly title: string;
  /** Dataset slots, in order: `reference`, `current`, … */
  readonly datasets: readonly { readonly slot: string; readonly description: string }[];
  readonly sections: readonly ReportSectionInfo[];
}

export interface AnalysisArgs {
  /** An analysis id of the registry: 'drift', … */
  readonly analysis: string;
  /** Slot → dataset name. */
  readonly datasets: Readonly<Record<string, string>>;
  /** Checked against the analysis's options schema. */
  readonly options?: unknown;
  readonly where?: string;
}


export interface AnalysisSettingsRef {
  readonly analysis: string;
  readonly datasets: Readonly<Record<string, string>>;
}

/** What a screen remembers per analysis and datasets. */
export interface AnalysisSettings {
  readonly options: unknown;
  readonly where?: string;
}

/** What the drift explorer remembers per pair of datasets. */
export interface DriftSettings {
  readonly options: DriftOptions;
  readonly where?: string;
}

// ── Reports (issue 5) ────────────────────────────────────────────────────────────────────────────

export type ReportPageSize = 'A4' | 'Letter';
export type ReportCharts = 'drifted' | 'all';
export type ReportFormat = 'pdf' | 'html';

/**
 * A saved analysis spec: everything needed to regenerate a report exactly as designed in the app
 * (`plumbline report --spec analysis.json`). Roles are applied to the datasets before the run.
 */
export interface AnalysisSpec {
  readonly kind: 'plumbline-analysis-spec';
  readonly version: 1;
  /** Drift's datasets (and, by slot name, any other analysis's that reads a reference/current). */
  readonly reference?: string;
  readonly current?: string;
  /** Analyses other than drift: id → datasets by slot and options. */
  readonly analyses?: Readonly<Record<string, ReportAnalysis>>;
  readonly roles?: {
    readonly reference?: Readonly<Record<string, ColumnRole>>;
    readonly current?: Readonly<Record<string, ColumnRole>>;
  };
  /** Tests, thresholds, columns, chunking. */
  readonly options?: DriftOptions;
  readonly where?: string;
  readonly sections?: readonly string[];
  readonly charts?: ReportCharts;
  readonly report?: {
    readonly title?: string;
    readonly author?: string;
    readonly organisation?: string;
    readonly pageSize?: ReportPageSize;
    /** Drift over time: charts for this many columns, most drifted first (default 6); the table lists all. */
    readonly overTimeCharts?: number;
  };
}

export interface ReportSectionInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The analysis whose run the section reads ('drift', 'performance', …). */
  readonly analysis?: string;
}

/** One analysis a report holds: its datasets by slot and its options (checked against its schema). */
export interface ReportAnalysis {
  readonly datasets: Readonly<Record<string, string>>;
  readonly options?: unknown;
}

/**
 * What to report on. Fields given here win over the same fields of `spec`. `reference`, `current`
 * and `options` are drift's; `analyses` adds any other analysis of the registry.
 */
export interface ReportArgs {
  readonly spec?: AnalysisSpec;
  readonly analyses?: Readonly<Record<string, ReportAnalysis>>;
  readonly reference?: string;
  readonly current?: string;
  /** Section ids in order (default: drift, over-time when chunked, quality). */
  readonly sections?: readonly string[];
  readonly where?: string;
  readonly options?: DriftOptions;
  /** Distribution charts for drifted columns only (default) or for all. */
  readonly charts?: ReportCharts;
  /** Drift over time: charts for this many columns, most drifted first (default 6); the table lists all. */
  readonly overTimeCharts?: number;
  readonly title?: string;
  readonly author?: string;
  readonly organisation?: string;
  readonly pageSize?: ReportPageSize;
  /** IANA time zone for printed dates (default: the machine's). */
  readonly timeZone?: string;
}

export interface ExportReportArgs extends ReportArgs {
  /**
   * File to write; its extension chooses the format when `format` is not given. Without it (browser
   * mode) the engine writes `<workspace folder>/exports/<report id>.<format>` and `format` is required.
   */
  readonly out?: string;
  readonly format?: ReportFormat;
}

export interface ExportReportResult {
  readonly path: string;
  readonly format: ReportFormat;
  readonly sha256: string;
  readonly bytes: number;
  /** PDF only. */
  readonly pages: number | null;
  readonly reportId: string;
  readonly seconds: number;
}

/** One export, as the audit log recorded it. */
export interface ExportRecord extends ExportReportResult {
  readonly at: string;
  readonly title: string;
  readonly reference: string;
  readonly current: string;
  readonly sections: readonly string[];
}

export interface VerifyReportResult {
  readonly ok: boolean;
  readonly reportId: string | null;
  /** Plain sentences naming what differs: changed data (SHA-256, rows), changed settings, changed numbers. */
  readonly differences: readonly string[];
}

/** Starts watching a folder for a dataset: each complete new file is appended (or, with `join`, joined on that key). */
export interface StartWatchArgs {
  /** The watch's name in the workspace (`plumbline watch --name`); default: the dataset's name. */
  readonly name?: string;
  readonly dataset: string;
  readonly folder: string;
  /** Join each file (e.g. delayed labels) to the dataset's rows on this key column, instead of appending. */
  readonly join?: { readonly on: string };
  /** A file unchanged this long is complete (or write `<file>.done` beside it); default 2. */
  readonly settleSeconds?: number;
  /** How often the folder is looked at; default 1. */
  readonly intervalSeconds?: number;
}

/** One file the watch handled: taken (imported, moved to imported/) or moved aside to failed/ with its error. */
export interface WatchFileEvent {
  readonly file: string;
  readonly ok: boolean;
  readonly movedTo: string;
  /** ISO time it was handled. */
  readonly at: string;
  /** Rows it added (append) or rows in the dataset (join). */
  readonly rows?: number;
  readonly error?: string;
  /** Monitors now worse than before this file: for a notification. */
  readonly newAlerts?: readonly MonitorEvaluation[];
}

/**
 * A watch as the workspace keeps it: the app and browser mode resume it when they open the
 * workspace, `plumbline watch --name NAME` runs it, and it stays until removed (Stop watching,
 * `plumbline watch --remove NAME`) or its dataset is deleted. One per dataset.
 */
export interface WatchDefinition {
  readonly name: string;
  readonly dataset: string;
  readonly folder: string;
  readonly mode: 'append' | 'join';
  /** The key column of a join watch. */
  readonly on?: string;
  readonly settleSeconds: number;
  readonly intervalSeconds: number;
}

export interface StoredWatch extends WatchDefinition {
  readonly createdAt: string;
  /** The operating-system account that added it (also in the audit log). */
  readonly createdBy: string;
  /** Its status while this engine runs it (the app, browser mode); null when it does not (the CLI). */
  readonly status: WatchStatus | null;
}

/** A running watch: what it was started with (no poll interval: that is the runner's) and what it has done. */
export interface WatchStatus extends Omit<WatchDefinition, 'intervalSeconds'> {
  readonly startedAt: string;
  /** Files imported, oldest first (the last 100). */
  readonly taken: readonly WatchFileEvent[];
  /** Files moved aside with their error, oldest first (the last 100). */
  readonly failed: readonly WatchFileEvent[];
  /** Counts since the watch started (the lists above keep only the last 100). */
  readonly takenCount: number;
  readonly failedCount: number;
  readonly lastEvent: WatchFileEvent | null;
  /** The folder could not be read on the last look (removed, no permission); the watch keeps looking. */
  readonly folderError: string | null;
}
