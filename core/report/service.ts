/**
 * The report operations of the engine: render (live preview), export (PDF or HTML, audit-logged with
 * the file's SHA-256), list exports, verify, and saved specs. Drift is computed by the same
 * `runDrift` as the API method, so the report embeds the very object the screen and `--json` show.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CallContext } from '../api/context';
import { throwIfCancelled } from '../api/context';
import { PlumblineError } from '../api/errors';
import type {
  AnalysisSpec,
  DatasetDetail,
  DriftArgs,
  DriftRun,
  ExportRecord,
  ExportReportArgs,
  ExportReportResult,
  ReportArgs,
  ReportFormat,
  ReportSectionInfo,
  VerifyReportResult,
} from '../api/types';
import { PLUMBLINE_VERSION } from '../engine/version';
import { setColumnRole } from '../workspace/roles';
import type { Workspace } from '../workspace/workspace';
import { loadReportAssets } from './assets';
import { defaultExportPath } from './exports';
import { localTimeZone } from '../format/numbers';
import { headerFooterTemplates, renderReportHtml } from './html';
import { finishPdf, readEmbeddedResults } from './metadata';
import type { PdfPrinter } from './pdf';
import { checkResults, RESULTS_KIND, type ReportResults } from './results';
import { REPORT_SECTIONS, defaultSections, resolveSections } from './sections';
import { softwareVersions } from './software';
import { loadSpec, resolveReportArgs, saveSpec, type ResolvedReportArgs } from './spec';
import { compareRuns } from './verify';
import type { ReportInput } from './types';

export interface ReportServiceDeps {
  readonly ws: Workspace;
  /** The drift computation behind the runDrift API method. */
  readonly runDrift: (args: DriftArgs) => DriftRun;
  /** A printer per export; closed after it. */
  readonly printer: () => PdfPrinter;
  readonly assetsDir?: string;
  readonly now?: () => Date;
}

/** "PLB-20261123-1A2B3C4D": date for humans, 32 random bits against collisions. */
export function newReportId(now: Date): string {
  return `PLB-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
}

function validTimeZone(tz: string | null): string {
  if (!tz) return localTimeZone();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw new PlumblineError('BAD_REQUEST', `Unknown time zone ${JSON.stringify(tz)} (use an IANA name such as Europe/Paris or UTC).`);
  }
}

function detail(ws: Workspace, name: string): DatasetDetail | null {
  const ds = ws.findDataset(name);
  if (!ds) return null;
  const { chunkRows: _c, ...summary } = ds;
  return { ...summary, columnInfo: ws.columns(ds.id), imports: ws.imports(ds.id) };
}

export function formatFor(out: string | undefined, format?: ReportFormat): ReportFormat {
  if (format) return format;
  if (out === undefined) throw new PlumblineError('BAD_REQUEST', 'Give the file to write, or the report format (pdf or html).');
  const ext = path.extname(out).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new PlumblineError('BAD_REQUEST', `Cannot tell the report format from ${JSON.stringify(out)}: end it in .pdf or .html, or give the format.`);
}

interface Prepared {
  readonly resolved: ResolvedReportArgs;
  readonly input: ReportInput;
  readonly results: ReportResults;
}

export function createReportService(deps: ReportServiceDeps) {
  const { ws } = deps;
  const now = deps.now ?? (() => new Date());

  /** Roles named by a spec are applied (audit-logged, like a change in the app) before the run. */
  function applyRoles(r: ResolvedReportArgs): void {
    for (const side of ['reference', 'current'] as const) {
      const roles = r.roles[side];
      if (!roles) continue;
      const dataset = r[side];
      const cols = ws.columns(ws.dataset(dataset).id);
      for (const [column, role] of Object.entries(roles)) {
        const c = cols.find((x) => x.name === column);
        if (!c) throw new PlumblineError('BAD_REQUEST', `The spec sets a role for column ${JSON.stringify(column)}, which the ${side} dataset "${dataset}" does not have.`);
        if (c.role !== role) setColumnRole(ws, { dataset, column, role });
      }
    }
  }

  function prepare(args: ReportArgs, printerName: string | null): Prepared {
    const r = resolveReportArgs(args);
    const timeZone = validTimeZone(r.timeZone);
    if (r.sections) resolveSections(r.sections); // unknown ids fail before any work
    applyRoles(r);
    const drift = deps.runDrift({ reference: r.reference, current: r.current, options: r.options, ...(r.where ? { where: r.where } : {}) });
    const sections = r.sections ?? defaultSections(drift.result.over_time !== undefined);
    const created = now();
    const reportId = newReportId(created);
    const title = r.title ?? `Drift report: ${r.current} vs ${r.reference}`;
    const input: ReportInput = {
      meta: {
        reportId,
        title,
        author: r.author,
        organisation: r.organisation,
        createdAt: created.toISOString(),
        timeZone,
        workspace: ws.path,
        plumblineVersion: PLUMBLINE_VERSION,
        software: softwareVersions(ws, printerName),
      },
      drift,
      where: r.where,
      charts: r.charts,
      sections,
    };
    const results: ReportResults = {
      kind: RESULTS_KIND,
      version: 1,
      reportId,
      createdAt: input.meta.createdAt,
      plumbline: PLUMBLINE_VERSION,
      request: { reference: r.reference, current: r.current, where: r.where, options: r.options, sections, charts: r.charts },
      drift,
    };
    return { resolved: r, input, results };
  }

  return {
    async reportSections(): Promise<ReportSectionInfo[]> {
      return REPORT_SECTIONS.map(({ id, title, description }) => ({ id, title, description }));
    },

    async renderReport(args: ReportArgs, ctx: CallContext): Promise<{ html: string; reportId: string }> {
      ctx.progress({ phase: 'analysing', done: 0, total: 2, unit: 'items' });
      const p = prepare(args, null);
      throwIfCancelled(ctx);
      ctx.progress({ phase: 'rendering', done: 1, total: 2, unit: 'items' });
      const { html } = renderReportHtml(p.input, loadReportAssets(deps.assetsDir));
      return { html, reportId: p.input.meta.reportId };
    },

    async exportReport(args: ExportReportArgs, ctx: CallContext): Promise<ExportReportResult> {
      const t0 = performance.now();
      const format = formatFor(args.out, args.format);
      const chosen = args.out === undefined ? null : path.resolve(args.out);
      if (chosen && !fs.existsSync(path.dirname(chosen))) throw new PlumblineError('NOT_FOUND', `The folder ${path.dirname(chosen)} does not exist.`);
      const total = format === 'pdf' ? 5 : 3;
      const step = (phase: string, done: number) => {
        throwIfCancelled(ctx);
        ctx.progress({ phase, done, total, unit: 'items' });
      };
      const printer = format === 'pdf' ? deps.printer() : null;
      try {
        step('analysing', 0);
        // Launch the browser while the analysis runs; its version goes into the appendix.
        const printerName = printer ? printer.describe().catch((e: unknown) => e as Error) : Promise.resolve(null);
        const early = prepare(args, null);
        const name = await printerName;
        if (name instanceof Error) throw name instanceof PlumblineError ? name : new PlumblineError('INTERNAL', `Could not start the PDF printer: ${name.message}`);
        const p = name ? { ...early, input: { ...early.input, meta: { ...early.input.meta, software: softwareVersions(ws, name) } } } : early;
        const out = chosen ?? defaultExportPath(ws.path, `${p.input.meta.reportId}.${format}`);
        step('rendering', 1);
        const { html, contents } = renderReportHtml(p.input, loadReportAssets(deps.assetsDir));
        let bytes: Uint8Array;
        let pages: number | null = null;
        if (printer) {
          step('printing', 2);
          const pdf = await printer.print(html, { pageSize: p.resolved.pageSize, ...headerFooterTemplates(p.input) });
          step('embedding results', 3);
          const m = p.input.meta;
          const finished = await finishPdf(
            pdf,
            {
              title: m.title,
              author: [m.author, m.organisation].filter(Boolean).join(', ') || null,
              subject: `Drift of "${p.resolved.current}" against "${p.resolved.reference}" — report ${m.reportId}`,
              keywords: ['Plumbline', 'model monitoring', 'data drift', 'audit', m.reportId, p.resolved.reference, p.resolved.current],
              creator: `Plumbline ${PLUMBLINE_VERSION}`,
              producer: `Plumbline ${PLUMBLINE_VERSION} (${name ?? 'Chromium'}, pdf-lib)`,
              createdAt: new Date(m.createdAt),
            },
            p.results,
            { contents: [{ id: 'contents', title: 'Contents' }, ...contents] },
          );
          bytes = finished.bytes;
          pages = finished.pages;
        } else {
          bytes = new TextEncoder().encode(html);
        }
        step('writing', total - 1);
        const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, out);
        const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
        const result: ExportReportResult = {
          path: out,
          format,
          sha256,
          bytes: bytes.byteLength,
          pages,
          reportId: p.input.meta.reportId,
          seconds: Number(((performance.now() - t0) / 1000).toFixed(3)),
        };
        ws.audit('export-report', out, {
          ...result,
          title: p.input.meta.title,
          reference: p.resolved.reference,
          current: p.resolved.current,
          sections: p.input.sections,
        });
        ctx.progress({ phase: 'done', done: total, total, unit: 'items' });
        return result;
      } finally {
        await printer?.close();
      }
    },

    async listExports(): Promise<ExportRecord[]> {
      const rows = ws.db.prepare(`SELECT at, subject, details FROM audit_log WHERE action = 'export-report' ORDER BY id DESC LIMIT 1000`).all() as {
        at: string;
        subject: string | null;
        details: string;
      }[];
      return rows.map((r) => {
        const d = JSON.parse(r.details) as Partial<ExportRecord>;
        return {
          at: r.at,
          path: d.path ?? r.subject ?? '',
          format: d.format ?? 'pdf',
          sha256: d.sha256 ?? '',
          bytes: d.bytes ?? 0,
          pages: d.pages ?? null,
          reportId: d.reportId ?? '',
          seconds: d.seconds ?? 0,
          title: d.title ?? '',
          reference: d.reference ?? '',
          current: d.current ?? '',
          sections: d.sections ?? [],
        };
      });
    },

    async verifyReport({ path: file }: { path: string }, ctx: CallContext): Promise<VerifyReportResult> {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        throw new PlumblineError('NOT_FOUND', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
      }
      ctx.progress({ phase: 'reading', done: 0, total: 2, unit: 'items' });
      const embedded = checkResults(await readEmbeddedResults(bytes));
      throwIfCancelled(ctx);
      ctx.progress({ phase: 'recomputing', done: 1, total: 2, unit: 'items' });
      const q = embedded.request;
      const current = { reference: detail(ws, q.reference), current: detail(ws, q.current) };
      let fresh: DriftRun | null = null;
      let failure: string | undefined;
      try {
        fresh = deps.runDrift({ reference: q.reference, current: q.current, options: q.options, ...(q.where ? { where: q.where } : {}) });
      } catch (e) {
        failure = (e as Error).message;
      }
      const differences = compareRuns(embedded.drift, fresh, current, failure);
      if (differences.length > 0 && embedded.plumbline !== PLUMBLINE_VERSION) {
        differences.push(`note: the report was made with Plumbline ${embedded.plumbline} and is verified with ${PLUMBLINE_VERSION}; a change of version can change how numbers are computed.`);
      }
      ws.audit('verify-report', path.resolve(file), { reportId: embedded.reportId, ok: differences.length === 0, differences: differences.slice(0, 50) });
      return { ok: differences.length === 0, reportId: embedded.reportId, differences };
    },

    async loadAnalysisSpec({ path: file }: { path: string }): Promise<AnalysisSpec> {
      return loadSpec(file);
    },

    async saveAnalysisSpec({ path: file, spec }: { path?: string; spec: AnalysisSpec }): Promise<{ path: string }> {
      const stamp = now().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      return { path: saveSpec(file ?? defaultExportPath(ws.path, `analysis-spec-${stamp}.json`), spec) };
    },
  };
}
