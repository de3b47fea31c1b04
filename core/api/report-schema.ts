/** Runtime schemas of the report arguments and of saved analysis specs (checked against types.ts in schemas.ts). */
import { z } from 'zod';
import { COLUMN_ROLES, type ColumnRole } from '../data/column';
import { driftOptionsSchema } from '../analyses/drift/schema';
import { ANALYSES, isAnalysisId, loadedAnalysis } from '../analyses/registry';
import { lazySchema } from './lazy-schema';

const datasetName = lazySchema(() => z.string().min(1).max(1000));
const role = lazySchema(() => z.enum(COLUMN_ROLES as unknown as [ColumnRole, ...ColumnRole[]]));
const pageSize = lazySchema(() => z.enum(['A4', 'Letter']));
const charts = lazySchema(() => z.enum(['drifted', 'all']));
const sections = lazySchema(() => z.array(z.string().min(1).max(100)).min(1).max(50));
const text = lazySchema(() => z.string().max(500));
const where = lazySchema(() => z.string().max(10_000));
const overTimeCharts = lazySchema(() => z.number().int().min(0).max(1000));

/** Analyses other than drift's reference/current/options fields: each checked against its own options schema. */
const analyses = lazySchema(() => z
  .record(z.string().min(1).max(100), z.object({ datasets: z.record(z.string().min(1).max(100), datasetName), options: z.unknown().optional() }).strict())
  .superRefine((all, ctx) => {
    for (const [id, a] of Object.entries(all)) {
      const analysis = isAnalysisId(id) ? loadedAnalysis(id) : undefined;
      if (isAnalysisId(id) && !analysis) throw new Error(`The ${id} analysis was not loaded before a spec naming it was checked (loadAnalysesNamedIn).`);
      if (!analysis) {
        ctx.addIssue({ code: 'custom', path: [id], message: `unknown analysis (analyses: ${ANALYSES.map((x) => x.id).join(', ')})` });
        continue;
      }
      for (const { slot, optional } of analysis.datasets) if (a.datasets[slot] === undefined && !optional) ctx.addIssue({ code: 'custom', path: [id, 'datasets', slot], message: `${id} needs a ${slot} dataset` });
      if (a.options === undefined) continue;
      const parsed = analysis.options.safeParse(a.options);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [id, 'options', ...issue.path], message: issue.message });
    }
  }));

export const analysisSpecSchema = lazySchema(() => z
  .object({
    kind: z.literal('plumbline-analysis-spec'),
    version: z.literal(1),
    reference: datasetName.optional(),
    current: datasetName.optional(),
    roles: z
      .object({ reference: z.record(z.string(), role).optional(), current: z.record(z.string(), role).optional() })
      .strict()
      .optional(),
    options: driftOptionsSchema.optional(),
    analyses: analyses.optional(),
    where: where.optional(),
    sections: sections.optional(),
    charts: charts.optional(),
    report: z
      .object({ title: text.optional(), author: text.optional(), organisation: text.optional(), pageSize: pageSize.optional(), overTimeCharts: overTimeCharts.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => (s.reference !== undefined && s.current !== undefined) || Object.keys(s.analyses ?? {}).length > 0, { message: 'a spec names reference and current, or analyses' }));

/** A function, so its schemas are built with the two schemas that use them, on first use. */
const reportFields = () => ({
  spec: analysisSpecSchema.optional(),
  analyses: analyses.optional(),
  reference: datasetName.optional(),
  current: datasetName.optional(),
  sections: sections.optional(),
  where: where.optional(),
  options: driftOptionsSchema.optional(),
  charts: charts.optional(),
  overTimeCharts: overTimeCharts.optional(),
  title: text.optional(),
  author: text.optional(),
  organisation: text.optional(),
  pageSize: pageSize.optional(),
  timeZone: z.string().min(1).max(100).optional(),
});

const needsDatasets = (a: { spec?: unknown; reference?: string; current?: string; analyses?: Record<string, unknown> }) =>
  a.spec !== undefined || (a.reference !== undefined && a.current !== undefined) || Object.keys(a.analyses ?? {}).length > 0;
const datasetsMessage = { message: 'give reference and current, analyses, or a spec' };

export const reportArgsSchema = lazySchema(() => z.object(reportFields()).strict().refine(needsDatasets, datasetsMessage));

export const exportReportArgsSchema = lazySchema(() => z
  .object({ ...reportFields(), out: z.string().min(1).max(4096).optional(), format: z.enum(['pdf', 'html']).optional() })
  .strict()
  .refine(needsDatasets, datasetsMessage)
  .refine((a) => a.out !== undefined || a.format !== undefined, { message: 'give out, or the format (the engine then writes into the exports folder)' }));

export const verifyReportArgsSchema = lazySchema(() => z.object({ path: z.string().min(1).max(4096) }).strict());
export const specFileArgsSchema = lazySchema(() => z.object({ path: z.string().min(1).max(4096) }).strict());
export const saveSpecArgsSchema = lazySchema(() => z.object({ path: z.string().min(1).max(4096).optional(), spec: analysisSpecSchema }).strict());
