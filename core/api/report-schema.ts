/** Runtime schemas of the report arguments and of saved analysis specs (checked against types.ts in schemas.ts). */
import { z } from 'zod';
import { COLUMN_ROLES, type ColumnRole } from '../data/column';
import { driftOptionsSchema } from '../analyses/drift/schema';

const datasetName = z.string().min(1).max(1000);
const role = z.enum(COLUMN_ROLES as unknown as [ColumnRole, ...ColumnRole[]]);
const pageSize = z.enum(['A4', 'Letter']);
const charts = z.enum(['drifted', 'all']);
const sections = z.array(z.string().min(1).max(100)).min(1).max(50);
const text = z.string().max(500);
const where = z.string().max(10_000);

export const analysisSpecSchema = z
  .object({
    kind: z.literal('plumbline-analysis-spec'),
    version: z.literal(1),
    reference: datasetName,
    current: datasetName,
    roles: z
      .object({ reference: z.record(z.string(), role).optional(), current: z.record(z.string(), role).optional() })
      .strict()
      .optional(),
    options: driftOptionsSchema.optional(),
    where: where.optional(),
    sections: sections.optional(),
    charts: charts.optional(),
    report: z
      .object({ title: text.optional(), author: text.optional(), organisation: text.optional(), pageSize: pageSize.optional() })
      .strict()
      .optional(),
  })
  .strict();

const reportFields = {
  spec: analysisSpecSchema.optional(),
  reference: datasetName.optional(),
  current: datasetName.optional(),
  sections: sections.optional(),
  where: where.optional(),
  options: driftOptionsSchema.optional(),
  charts: charts.optional(),
  title: text.optional(),
  author: text.optional(),
  organisation: text.optional(),
  pageSize: pageSize.optional(),
  timeZone: z.string().min(1).max(100).optional(),
};

const needsDatasets = (a: { spec?: unknown; reference?: string; current?: string }) => a.spec !== undefined || (a.reference !== undefined && a.current !== undefined);
const datasetsMessage = { message: 'give reference and current, or a spec' };

export const reportArgsSchema = z.object(reportFields).strict().refine(needsDatasets, datasetsMessage);

export const exportReportArgsSchema = z
  .object({ ...reportFields, out: z.string().min(1).max(4096).optional(), format: z.enum(['pdf', 'html']).optional() })
  .strict()
  .refine(needsDatasets, datasetsMessage)
  .refine((a) => a.out !== undefined || a.format !== undefined, { message: 'give out, or the format (the engine then writes into the exports folder)' });

export const verifyReportArgsSchema = z.object({ path: z.string().min(1).max(4096) }).strict();
export const specFileArgsSchema = z.object({ path: z.string().min(1).max(4096) }).strict();
export const saveSpecArgsSchema = z.object({ path: z.string().min(1).max(4096).optional(), spec: analysisSpecSchema }).strict();
