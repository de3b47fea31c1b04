/**
 * The report operations of the engine: render (live preview), export (PDF or HTML, audit-logged with
 * the file's SHA-256), list exports, verify, and saved specs. Each analysis is computed by the same
 * engine step as its API method, so the report embeds the very object the screen and `--json` show.
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
  ExportRecord,
  ExportReportArgs,
  ExportReportResult,
  ReportArgs,
  ReportFormat,
  ReportSectionInfo,
  VerifyReportResult,
} from '../api/types';
import { PLUMBLINE_VERSION } from '../version';
import { setColumnRole } from '../workspace/roles';
import type { Workspace } from '../workspace/workspace';
import { loadReportAssets } from './assets';
import { defaultExportPath } from './exports';
import { localTimeZone } from '../format/numbers';
import { headerFooterTemplates, renderReportHtml } from './html';
import { finishPdf, readEmbeddedResults } from './metadata';
import type { PdfPrinter } from './pdf';
import { chartSpecsIn, fillCharts, preparePage, renderChartsIn } from './charts';
import { checkResults, resultsJson, RESULTS_KIND, type AnalysisRequest, type ReportResults } from './results';
import { REPORT_SECTIONS, resolveSections, sectionsFor } from './sections';
import { softwareVersions } from './software';
import { loadSpec, reportAnalyses, resolveReportArgs, saveSpec, type ResolvedReportArgs } from './spec';
import { analysisById, EVERY_ANALYSIS as ANALYSES } from '../analyses/every';
import type { AnalysisRun } from '../analyses/module';
import { compareRuns } from './verify';
import type { ReportInput } from './types';
import { traceMark } from './trace';

export interface ReportServiceDeps {
  readonly ws: Workspace;
  /** Runs one analysis now (the engine step behind runAnalysis, without pauses). */
  readonly run: (analysis: string, request: AnalysisRequest & { where: string | null }) => AnalysisRun;
  /** A printer per export or preview (it also gives the page charts are drawn in); closed after it. */
  readonly printer: () => PdfPrinter;
  readonly assetsDir?: string;
  readonly now?: () => Date;
  /**
   * The printer outlives a call (browser mode's warm Chromium, the app's host): the Reports screen's
   * first call (`reportSections`) starts loading Plotly into its chart page, so that the first
   * preview or export finds it ready. Off in the CLI, whose printer lives for one export.
   */
  readonly warmOnReportsVisit?: boolean;
}

/** Names of the datasets the runs read, once each. */
function datasetNames(runs: Readonly<Record<string, AnalysisRun>>): string[] {
  return [...new Set(Object.values(runs).flatMap((r) => Object.values(r.provenance).map((d) => d.name)))];
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
  function applyRoles(r: ResolvedReportArgs, analyses: Readonly<Record<string, AnalysisRequest>>): void {
    for (const side of ['reference', 'current'] as const) {
      const roles = r.roles[side];
      if (!roles) continue;
      const dataset = Object.values(analyses).find((a) => a.datasets[side] !== undefined)?.datasets[side];
      if (dataset === undefined) throw new PlumblineError('BAD_REQUEST', `The spec sets roles for a ${side} dataset, which no analysis of the report reads.`);
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
    const analyses = reportAnalyses(r);
    for (const id of Object.keys(analyses)) analysisById(id);
    if (r.sections) {
      // Unknown ids, and sections of analyses the report does not hold, fail before any work.
      for (const s of resolveSections(r.sections)) {
        if (!analyses[s.analysis]) throw new PlumblineError('BAD_REQUEST', `The report section "${s.id}" needs the ${s.analysis} analysis, which this report does not hold.`);
      }
    }
    applyRoles(r, analyses);
    const runs: Record<string, AnalysisRun> = {};
    for (const [id, a] of Object.entries(analyses)) runs[id] = deps.run(id, { ...a, where: r.where });
    const sections = r.sections ?? sectionsFor(runs);
    const created = now();
    const reportId = newReportId(created);
    const title = r.title ?? defaultTitle(runs, sections);
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
      runs,
      where: r.where,
      charts: r.charts,
      ...(r.overTimeCharts !== null ? { overTimeCharts: r.overTimeCharts } : {}),
      sections,
    };
    const results: ReportResults = {
      kind: RESULTS_KIND,
      version: 2,
      reportId,
      createdAt: input.meta.createdAt,
      plumbline: PLUMBLINE_VERSION,
      request: { where: r.where, sections, charts: r.charts, analyses },
      runs,
    };
    return { resolved: r, input, results };
  }

  /**
   * Fills the document's chart placeholders in one batch, drawn by Plotly in the printer's chart
   * page. Where no Chromium can be found (an HTML export or a preview on a machine without one),
   * each chart becomes a note naming it; any other failure is an error.
   */
  async function drawCharts(skeleton: string, printer: PdfPrinter): Promise<string> {
    if (chartSpecsIn(skeleton).length === 0) return skeleton;
    const { fontCss } = loadReportAssets(deps.assetsDir);
    try {
      const page = await printer.chartPage();
      return await fillCharts(skeleton, (specs) => renderChartsIn(page, specs, fontCss));
    } catch (e) {
      if (e instanceof PlumblineError && e.code === 'NOT_FOUND') return fillCharts(skeleton, null);
      throw e;
    }
  }

  /** "Drift report: current vs reference": the analyses whose sections the report holds, and their datasets. */
  function defaultTitle(runs: Readonly<Record<string, AnalysisRun>>, sections: readonly string[]): string {
    const ids = Object.keys(runs).filter((id) => REPORT_SECTIONS.some((s) => s.analysis === id && sections.includes(s.id)));
    const shown = ids.length ? ids : Object.keys(runs);
    const titles = shown.map((id) => analysisById(id).title);
    const subjects = [...new Set(shown.map((id) => analysisById(id).subject(runs[id].settings as unknown as Record<string, string>)))];
    return `${[titles.slice(0, -1).join(', '), titles.at(-1)].filter(Boolean).join(' and ')} report: ${subjects.join('; ')}`;
  }

  let warming: Promise<void> | null = null;
  /** Loads Plotly and the report font into the (long-lived) printer's chart page, once; a failure is left to the export to report. */
  function warmChartPage(): void {
    warming ??= (async () => {
      const printer = deps.printer();
      try {
        await preparePage(await printer.chartPage(), loadReportAssets(deps.assetsDir).fontCss);
      } catch {
        warming = null;
      } finally {
        await printer.close();
      }
    })();
  }

  return {
    async reportSections(): Promise<ReportSectionInfo[]> {
      // After answering: starting the printer (loading playwright-core) must not delay the screen.
      if (deps.warmOnReportsVisit) setImmediate(warmChartPage);
      return REPORT_SECTIONS.map(({ id, title, description, analysis }) => ({ id, title, description, analysis }));
    },

    async renderReport(args: ReportArgs, ctx: CallContext): Promise<{ html: string; reportId: string }> {
      ctx.progress({ phase: 'analysing', done: 0, total: 2, unit: 'items' });
      const p = prepare(args, null);
      throwIfCancelled(ctx);
      ctx.progress({ phase: 'rendering', done: 1, total: 2, unit: 'items' });
      const { html: skeleton } = renderReportHtml(p.input, loadReportAssets(deps.assetsDir));
      // The preview shows the real charts: the long-lived engines keep the chart page warm.
      const printer = deps.printer();
      try {
        const html = await drawCharts(skeleton, printer);
        return { html, reportId: p.input.meta.reportId };
      } finally {
        await printer.close();
      }
    },

    async exportReport(args: ExportReportArgs, ctx: CallContext): Promise<ExportReportResult> {
      const t0 = performance.now();
      traceMark('export: start');
      const format = formatFor(args.out, args.format);
      const chosen = args.out === undefined ? null : path.resolve(args.out);
      if (chosen && !fs.existsSync(path.dirname(chosen))) throw new PlumblineError('NOT_FOUND', `The folder ${path.dirname(chosen)} does not exist.`);
      const total = format === 'pdf' ? 5 : 3;
      const step = (phase: string, done: number) => {
        throwIfCancelled(ctx);
        ctx.progress({ phase, done, total, unit: 'items' });
      };
      // One printer: it prints the PDF and gives the page the charts are drawn in (an HTML export too).
      const printer = deps.printer();
      try {
        step('analysing', 0);
        // Launch the browser while the analysis runs; its version goes into the appendix. Plotly
        // starts loading into the chart page then too (a report without charts leaves it unused).
        const printerName = format === 'pdf' ? printer.describe().catch((e: unknown) => e as Error) : Promise.resolve(null);
        if (format === 'pdf') void printer.chartPage().then((page) => preparePage(page, loadReportAssets(deps.assetsDir).fontCss)).catch(() => undefined);
        const early = prepare(args, null);
        traceMark('export: analyses done');
        const name = await printerName;
        traceMark('export: printer launched');
        if (name instanceof Error) throw name instanceof PlumblineError ? name : new PlumblineError('INTERNAL', `Could not start the PDF printer: ${name.message}`);
        const p = name ? { ...early, input: { ...early.input, meta: { ...early.input.meta, software: softwareVersions(ws, name) } } } : early;
        const out = chosen ?? defaultExportPath(ws.path, `${p.input.meta.reportId}.${format}`);
        step('rendering', 1);
        const { html: skeleton, contents } = renderReportHtml(p.input, loadReportAssets(deps.assetsDir));
        traceMark('export: HTML built');
        const html = await drawCharts(skeleton, printer);
        traceMark('export: charts drawn');
        let bytes: Uint8Array;
        let pages: number | null = null;
        if (format === 'pdf') {
          step('printing', 2);
          const pdf = await printer.print(html, { pageSize: p.resolved.pageSize, ...headerFooterTemplates(p.input) });
          traceMark('export: PDF printed');
          step('embedding results', 3);
          const m = p.input.meta;
          const finished = await finishPdf(
            pdf,
            {
              title: m.title,
              author: [m.author, m.organisation].filter(Boolean).join(', ') || null,
              subject: `${m.title} — report ${m.reportId}`,
              keywords: ['Plumbline', 'model monitoring', ...Object.keys(p.input.runs).map((id) => analysisById(id).title.toLowerCase()), 'audit', m.reportId, ...datasetNames(p.input.runs)],
              creator: `Plumbline ${PLUMBLINE_VERSION}`,
              producer: `Plumbline ${PLUMBLINE_VERSION} (${name ?? 'Chromium'}, pdf-lib)`,
              createdAt: new Date(m.createdAt),
            },
            resultsJson(p.results),
            { contents: [{ id: 'contents', title: 'Contents' }, ...contents] },
          );
          traceMark('export: PDF finished (metadata, results)');
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
          reference: p.resolved.reference ?? '',
          current: p.resolved.current ?? '',
          sections: p.input.sections,
        });
        traceMark('export: written, audited');
        ctx.progress({ phase: 'done', done: total, total, unit: 'items' });
        return result;
      } finally {
        await printer.close();
        traceMark('export: printer closed');
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
      const differences: string[] = [];
      for (const [id, was] of Object.entries(embedded.runs)) {
        const asked = embedded.request.analyses[id];
        const analysis = ANALYSES.find((x) => x.id === id);
        if (!asked || !analysis) {
          differences.push(`could not recompute the ${id} results: ${analysis ? 'the report does not say how they were asked for' : 'this version of Plumbline has no such analysis'}.`);
          continue;
        }
        const current = Object.fromEntries(Object.entries(asked.datasets).map(([slot, name]) => [slot, detail(ws, name)]));
        let fresh: AnalysisRun | null = null;
        let failure: string | undefined;
        try {
          fresh = deps.run(id, { ...asked, where: embedded.request.where });
        } catch (e) {
          failure = (e as Error).message;
        }
        differences.push(...compareRuns(was, fresh, current, failure, analysis.verify));
      }
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
