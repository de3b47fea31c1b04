/**
 * The one API. Every operation the UI, the CLI or a test can ask of the engine is listed here, once.
 * Transports (Electron IPC, loopback HTTP, direct calls) are generated from `API_METHODS` and never
 * written per method: adding an operation means adding one line to the interface and one to the table.
 */
import type { CallContext } from './context';
import type {
  ColumnInfo,
  DatasetDescription,
  DatasetDetail,
  DatasetRef,
  DatasetSummary,
  DriftArgs,
  DriftRun,
  DriftSettings,
  AnalysisArgs,
  AnalysisInfo,
  AnalysisRun,
  AnalysisSettings,
  AnalysisSettingsRef,
  AnalysisSpec,
  ExportRecord,
  ExportReportArgs,
  ExportReportResult,
  ReportArgs,
  VerifyReportResult,
  ReportSectionInfo,
  ImportArgs,
  ImportResult,
  InspectArgs,
  InspectResult,
  PreviewArgs,
  RowPage,
  SetColumnRoleArgs,
  StartWatchArgs,
  StoredWatch,
  WatchDefinition,
  WatchStatus,
  WorkspaceInfo,
} from './types';
import type { CheckResult, Monitor, MonitorDefinition, MonitorEvaluation } from '../monitors/types';
import type { Overview } from '../overview/types';

export interface PlumblineApi {
  workspaceInfo(args: Record<string, never>): Promise<WorkspaceInfo>;
  listDatasets(args: Record<string, never>): Promise<DatasetSummary[]>;
  getDataset(args: DatasetRef): Promise<DatasetDetail>;
  previewRows(args: PreviewArgs): Promise<RowPage>;
  /** Per-column summary (pandas' describe, top categories, a histogram each) for the dataset page. */
  describeDataset(args: DatasetRef): Promise<DatasetDescription>;
  importFile(args: ImportArgs): Promise<ImportResult>;
  /** Reads the start of a file for the import dialog: format, delimiter, encoding, first rows, guessed types and roles. */
  inspectFile(args: InspectArgs): Promise<InspectResult>;
  /** Roles stay editable after import; each change is audit-logged. */
  setColumnRole(args: SetColumnRoleArgs): Promise<ColumnInfo>;
  deleteDataset(args: DatasetRef): Promise<{ deleted: string }>;
  /** Imports the bundled demo pair (reference + current prediction logs); existing demo datasets are kept. */
  loadDemo(args: Record<string, never>): Promise<{ datasets: string[] }>;
  /** The analyses of the registry (core/analyses/registry.ts): id, title, dataset slots, report sections. */
  listAnalyses(args: Record<string, never>): Promise<AnalysisInfo[]>;
  /** Runs one analysis of the registry; options are checked against that analysis's schema. */
  runAnalysis(args: AnalysisArgs): Promise<AnalysisRun>;
  /** Settings last saved for this analysis and these datasets, or null. */
  getAnalysisSettings(args: AnalysisSettingsRef): Promise<AnalysisSettings | null>;
  saveAnalysisSettings(args: AnalysisSettingsRef & { settings: AnalysisSettings }): Promise<AnalysisSettings>;
  /** Per-column drift of `current` against `reference` (runAnalysis of 'drift', typed), with provenance and the settings used. */
  runDrift(args: DriftArgs): Promise<DriftRun>;
  /** Settings last saved for this pair of datasets, or null. */
  getDriftSettings(args: { reference: string; current: string }): Promise<DriftSettings | null>;
  saveDriftSettings(args: { reference: string; current: string; settings: DriftSettings }): Promise<DriftSettings>;
  /** Sections a report can hold, in default order (the Reports screen's checklist). */
  reportSections(args: Record<string, never>): Promise<ReportSectionInfo[]>;
  /** The report as one self-contained HTML document (the Reports screen's live preview). */
  renderReport(args: ReportArgs): Promise<{ html: string; reportId: string }>;
  /** Writes the report as PDF or HTML; the file's SHA-256 goes into the audit log. */
  exportReport(args: ExportReportArgs): Promise<ExportReportResult>;
  /** Export history from the audit log, newest first. */
  listExports(args: Record<string, never>): Promise<ExportRecord[]>;
  /** Recomputes a PDF report's embedded results from the workspace and names what differs. */
  verifyReport(args: { path: string }): Promise<VerifyReportResult>;
  loadAnalysisSpec(args: { path: string }): Promise<AnalysisSpec>;
  /** Without a path (browser mode) the spec goes to `<workspace folder>/exports/`. */
  saveAnalysisSpec(args: { path?: string; spec: AnalysisSpec }): Promise<{ path: string }>;
  /** The workspace's monitors, by name, each with its latest evaluation. */
  listMonitors(args: Record<string, never>): Promise<Monitor[]>;
  /** Adds a monitor (or replaces the one of that name with `replace`); audit-logged with who did it. */
  addMonitor(args: { monitor: MonitorDefinition; replace?: boolean }): Promise<Monitor>;
  removeMonitor(args: { name: string }): Promise<{ removed: string }>;
  /** A monitor's evaluations, newest first. */
  monitorHistory(args: { name: string; limit?: number }): Promise<MonitorEvaluation[]>;
  /**
   * Runs monitors, each analysis computation shared by the monitors reading it. Without
   * `monitors`: the workspace's (all, or those in `names`), and their evaluations are stored. With
   * `monitors` (a spec file's): those, and nothing is stored.
   */
  checkMonitors(args: { names?: string[]; monitors?: MonitorDefinition[] }): Promise<CheckResult>;
  /**
   * The Overview screen: per model, each area's status from its monitors' latest evaluations,
   * the headline figure against its baseline, label coverage, rows in the latest period and the
   * active alerts with when they started. Runs no analysis.
   */
  overview(args: Record<string, never>): Promise<Overview>;
  /**
   * Watches a folder for a dataset (replacing its watch, if any): each complete new file is
   * appended, or joined on `join.on`, and monitors run after each; done files go to imported/,
   * failed ones to failed/ with their error. The same rules as `plumbline watch`. The watch is
   * kept in the workspace (audited) and resumed whenever the app or browser mode opens it.
   */
  startWatch(args: StartWatchArgs): Promise<WatchStatus>;
  /** Stops the dataset's watch and removes it from the workspace (audited). `stopped` is null when the dataset had no watch. */
  stopWatch(args: { dataset: string }): Promise<{ stopped: string | null }>;
  /** The watches kept in the workspace, by name, each with its status when this engine runs it. */
  listWatches(args: Record<string, never>): Promise<StoredWatch[]>;
  /**
   * Keeps a watch in the workspace without running it here (`plumbline watch --save`; the app
   * and browser mode run it when they next open the workspace). Replaces the dataset's watch.
   */
  saveWatch(args: { watch: WatchDefinition }): Promise<StoredWatch>;
  /** The dataset's watch (folder, files taken, files moved aside with their error, last event), or null. */
  watchStatus(args: { dataset: string }): Promise<WatchStatus | null>;
}

export type MethodName = keyof PlumblineApi;
export type ArgsOf<M extends MethodName> = Parameters<PlumblineApi[M]>[0];
export type ResultOf<M extends MethodName> = Awaited<ReturnType<PlumblineApi[M]>>;

export interface MethodInfo {
  /** Long methods report progress and can be cancelled; the UI shows a progress bar for them. */
  readonly long: boolean;
  /** Methods that change the workspace are written to the audit log. */
  readonly mutates: boolean;
}

/** The runtime list of methods. `satisfies` makes forgetting one a compile error. */
export const API_METHODS = {
  workspaceInfo: { long: false, mutates: false },
  listDatasets: { long: false, mutates: false },
  getDataset: { long: false, mutates: false },
  previewRows: { long: false, mutates: false },
  describeDataset: { long: false, mutates: false },
  importFile: { long: true, mutates: true },
  inspectFile: { long: false, mutates: false },
  setColumnRole: { long: false, mutates: true },
  deleteDataset: { long: false, mutates: true },
  loadDemo: { long: true, mutates: true },
  listAnalyses: { long: false, mutates: false },
  runAnalysis: { long: true, mutates: false },
  getAnalysisSettings: { long: false, mutates: false },
  saveAnalysisSettings: { long: false, mutates: true },
  runDrift: { long: true, mutates: false },
  getDriftSettings: { long: false, mutates: false },
  saveDriftSettings: { long: false, mutates: true },
  reportSections: { long: false, mutates: false },
  renderReport: { long: true, mutates: false },
  exportReport: { long: true, mutates: true },
  listExports: { long: false, mutates: false },
  verifyReport: { long: true, mutates: false },
  loadAnalysisSpec: { long: false, mutates: false },
  saveAnalysisSpec: { long: false, mutates: false },
  listMonitors: { long: false, mutates: false },
  addMonitor: { long: false, mutates: true },
  removeMonitor: { long: false, mutates: true },
  monitorHistory: { long: false, mutates: false },
  checkMonitors: { long: true, mutates: true },
  overview: { long: false, mutates: false },
  startWatch: { long: false, mutates: true },
  stopWatch: { long: false, mutates: true },
  listWatches: { long: false, mutates: false },
  saveWatch: { long: false, mutates: true },
  watchStatus: { long: false, mutates: false },
} as const satisfies Record<MethodName, MethodInfo>;

export const METHOD_NAMES = Object.keys(API_METHODS) as MethodName[];

export function isMethodName(s: unknown): s is MethodName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(API_METHODS, s);
}

/**
 * The engine implements the API with an explicit call context; clients hide the context behind
 * options. Both are derived from PlumblineApi, so they cannot drift apart.
 */
export type EngineApi = {
  [M in MethodName]: (args: ArgsOf<M>, ctx: CallContext) => Promise<ResultOf<M>>;
};
