/**
 * Runtime validation of every method's argument. Arguments arrive from the renderer, from HTTP and
 * from the command line: all untrusted. The type test at the bottom fails to compile if a schema
 * and the interface in api.ts disagree.
 */
import { z } from 'zod';
import type { ArgsOf, MethodName } from './api';
import { driftOptionsSchema, driftSettingsSchema } from '../analyses/drift/schema';
import { ANALYSES, isAnalysisId, loadAnalyses, loadAnalysis, loadedAnalysis } from '../analyses/registry';
import { exportReportArgsSchema, reportArgsSchema, saveSpecArgsSchema, specFileArgsSchema, verifyReportArgsSchema } from './report-schema';
import { monitorDefinitionSchema } from '../monitors/spec';
import { COLUMN_ROLES, COLUMN_TYPES, type ColumnRole, type ColumnType } from '../data/column';
import { lazySchema } from './lazy-schema';

const datasetName = lazySchema(() => z.string().min(1).max(1000));
const watchName = lazySchema(() => z.string().min(1).max(200));
const empty = lazySchema(() => z.object({}).strict());
const role = lazySchema(() => z.enum(COLUMN_ROLES as unknown as [ColumnRole, ...ColumnRole[]]));
const columnType = lazySchema(() => z.enum(COLUMN_TYPES as unknown as [ColumnType, ...ColumnType[]]));
const format = lazySchema(() => z.enum(['csv', 'tsv', 'jsonl', 'parquet']));
const delimiter = lazySchema(() => z.string().min(1).max(4));

const analysisId = lazySchema(() => z.enum(ANALYSES.map((a) => a.id) as [string, ...string[]]));
const slots = lazySchema(() => z.record(z.string().min(1).max(100), datasetName));

/** Options are checked against the named analysis's own schema, and every slot it reads must be given. */
function checkAnalysis(a: { analysis: string; datasets: Record<string, string>; options?: unknown; settings?: { options: unknown } }, ctx: z.RefinementCtx): void {
  if (!isAnalysisId(a.analysis)) return;
  const analysis = loadedAnalysis(a.analysis);
  if (!analysis) throw new Error(`The ${a.analysis} analysis was not loaded before its arguments were checked (loadAnalysesNamedIn).`);
  for (const { slot, optional } of analysis.datasets) {
    if (a.datasets[slot] === undefined && !optional) ctx.addIssue({ code: 'custom', path: ['datasets', slot], message: `${analysis.id} needs a ${slot} dataset` });
  }
  const options = a.settings ? a.settings.options : a.options;
  if (options === undefined) return;
  const parsed = analysis.options.safeParse(options);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [a.settings ? 'settings' : '', 'options', ...issue.path].filter((p) => p !== '') as PropertyKey[], message: issue.message });
}

/**
 * Loads the code of the analyses an API argument names, before `ARG_SCHEMAS` checks it: options
 * are checked by the analysis's own schema, and a zod refinement cannot wait for an import. One
 * analysis for `analysis: id`; every one for a report's or a spec's arguments, which may name any.
 */
export async function loadAnalysesNamedIn(args: unknown): Promise<void> {
  if (!args || typeof args !== 'object') return;
  const a = args as Record<string, unknown>;
  if (isAnalysisId(a.analysis)) await loadAnalysis(a.analysis);
  if (a.analyses !== undefined || a.spec !== undefined) await loadAnalyses();
}

const settingsRef = { analysis: analysisId, datasets: slots };

export const ARG_SCHEMAS = {
  workspaceInfo: empty,
  listDatasets: empty,
  getDataset: lazySchema(() => z.object({ dataset: datasetName }).strict()),
  describeDataset: lazySchema(() => z.object({ dataset: datasetName }).strict()),
  previewRows: lazySchema(() => z
    .object({
      dataset: datasetName,
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(0).max(10_000).optional(),
    })
    .strict()),
  importFile: lazySchema(() => z
    .object({
      path: z.string().min(1),
      name: datasetName.optional(),
      format: format.optional(),
      delimiter: delimiter.optional(),
      roles: z.record(z.string(), role).optional(),
      types: z.record(z.string(), columnType).optional(),
      onError: z.enum(['abort', 'skip']).optional(),
      append: datasetName.optional(),
      join: z.object({ dataset: datasetName, on: z.string() }).strict().optional(),
      nullTokens: z.array(z.string()).max(100).optional(),
      rename: z.record(z.string(), z.string().min(1).max(10_000)).optional(),
      timestampFormats: z.record(z.string(), z.string().min(1).max(200)).optional(),
      uploadedAs: z.string().min(1).max(1000).optional(),
    })
    .strict()
    .refine((a) => !(a.append && a.join), { message: 'append and join cannot be used together' })
    .refine((a) => !(a.append && a.types && Object.keys(a.types).length), { message: 'types cannot be chosen for an append: the file takes the dataset\'s types' })),
  inspectFile: lazySchema(() => z.object({ path: z.string().min(1), format: format.optional(), delimiter: delimiter.optional() }).strict()),
  setColumnRole: lazySchema(() => z.object({ dataset: datasetName, column: z.string(), role }).strict()),
  deleteDataset: lazySchema(() => z.object({ dataset: datasetName }).strict()),
  loadDemo: empty,
  listAnalyses: empty,
  runAnalysis: lazySchema(() => z.object({ ...settingsRef, options: z.unknown().optional(), where: z.string().max(10_000).optional() }).strict().superRefine(checkAnalysis)),
  getAnalysisSettings: lazySchema(() => z.object(settingsRef).strict().superRefine(checkAnalysis)),
  saveAnalysisSettings: lazySchema(() => z
    .object({ ...settingsRef, settings: z.object({ options: z.unknown(), where: z.string().max(10_000).optional() }).strict() })
    .strict()
    .superRefine(checkAnalysis)),
  runDrift: lazySchema(() => z
    .object({ reference: datasetName, current: datasetName, options: driftOptionsSchema.optional(), where: z.string().max(10_000).optional() })
    .strict()),
  getDriftSettings: lazySchema(() => z.object({ reference: datasetName, current: datasetName }).strict()),
  saveDriftSettings: lazySchema(() => z.object({ reference: datasetName, current: datasetName, settings: driftSettingsSchema }).strict()),
  reportSections: empty,
  renderReport: reportArgsSchema,
  exportReport: exportReportArgsSchema,
  listExports: empty,
  verifyReport: verifyReportArgsSchema,
  loadAnalysisSpec: specFileArgsSchema,
  saveAnalysisSpec: saveSpecArgsSchema,
  listMonitors: empty,
  addMonitor: lazySchema(() => z.object({ monitor: monitorDefinitionSchema, replace: z.boolean().optional() }).strict()),
  removeMonitor: lazySchema(() => z.object({ name: z.string().min(1).max(200) }).strict()),
  monitorHistory: lazySchema(() => z.object({ name: z.string().min(1).max(200), limit: z.number().int().min(1).max(10_000).optional() }).strict()),
  checkMonitors: lazySchema(() => z.object({ names: z.array(z.string().min(1).max(200)).max(1000).optional(), monitors: z.array(monitorDefinitionSchema).max(1000).optional() }).strict()),
  overview: empty,
  startWatch: lazySchema(() => z
    .object({
      name: watchName.optional(),
      dataset: datasetName,
      folder: z.string().min(1).max(10_000),
      join: z.object({ on: z.string().min(1).max(10_000) }).strict().optional(),
      settleSeconds: z.number().min(0).max(3600).optional(),
      intervalSeconds: z.number().min(0.05).max(3600).optional(),
    })
    .strict()),
  stopWatch: lazySchema(() => z.object({ dataset: datasetName }).strict()),
  watchStatus: lazySchema(() => z.object({ dataset: datasetName }).strict()),
  listWatches: empty,
  saveWatch: lazySchema(() => z
    .object({
      watch: z
        .object({
          name: watchName,
          dataset: datasetName,
          folder: z.string().min(1).max(10_000),
          mode: z.enum(['append', 'join']),
          on: z.string().min(1).max(10_000).optional(),
          settleSeconds: z.number().min(0).max(3600),
          intervalSeconds: z.number().min(0.05).max(3600),
        })
        .strict()
        .refine((w) => (w.mode === 'join') === (w.on !== undefined), { message: 'A join watch needs its key column (on); an append watch has none.' }),
    })
    .strict()),
} as const satisfies Record<MethodName, z.ZodType>;

type Check<M extends MethodName> = z.infer<(typeof ARG_SCHEMAS)[M]> extends ArgsOf<M> ? true : never;
export const _schemasMatchApi: { [M in MethodName]: Check<M> } = {
  workspaceInfo: true,
  listDatasets: true,
  getDataset: true,
  previewRows: true,
  describeDataset: true,
  importFile: true,
  inspectFile: true,
  setColumnRole: true,
  deleteDataset: true,
  loadDemo: true,
  listAnalyses: true,
  runAnalysis: true,
  getAnalysisSettings: true,
  saveAnalysisSettings: true,
  runDrift: true,
  getDriftSettings: true,
  saveDriftSettings: true,
  reportSections: true,
  renderReport: true,
  exportReport: true,
  listExports: true,
  verifyReport: true,
  loadAnalysisSpec: true,
  saveAnalysisSpec: true,
  listMonitors: true,
  addMonitor: true,
  removeMonitor: true,
  monitorHistory: true,
  checkMonitors: true,
  overview: true,
  startWatch: true,
  stopWatch: true,
  watchStatus: true,
  listWatches: true,
  saveWatch: true,
};
