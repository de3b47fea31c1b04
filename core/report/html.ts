/**
 * One self-contained HTML document from the report input: inline CSS, the bundled font as base64,
 * charts as inline SVG; no script, no link, no request of any kind. The same document is the live
 * preview, the HTML export and what Chromium prints to PDF.
 */
import type { DatasetDetail } from '../api/types';
import { h, join, raw, type SafeHtml } from './escape';
import { bytes, dateTime, int } from '../format/numbers';
import type { ReportAssets } from './assets';
import { analysisById } from '../analyses/every';
import { resolveSections } from './sections';
import type { CheckStatus, ReportInput, ReportSection, SummaryCheck } from './types';

interface Chapter {
  readonly id: string;
  readonly title: string;
  readonly body: SafeHtml;
  readonly children?: readonly { id: string; title: string }[];
}

function statusBadge(s: CheckStatus): SafeHtml {
  return s === 'pass' ? h`<span class="badge pass">pass</span>` : s === 'fail' ? h`<span class="badge fail">fail</span>` : h`<span class="badge na">info</span>`;
}

/**
 * The report's one-line outcome. A check with a headline speaks for its group in the screen's words
 * (columns drifted, the dataset verdict) and sets the outcome; the checks it counts are not counted
 * again; the rest add "plus N of M …" per unit (a tallied check counts its units, others one check).
 */
export function overall(checks: readonly SummaryCheck[]): { status: CheckStatus; text: string } {
  const heads = checks.filter((c) => c.headline !== undefined && c.status !== 'info');
  const units = new Map<string, { failed: number; total: number }>();
  for (const c of checks) {
    if (c.headline !== undefined || c.inHeadline || c.status === 'info') continue;
    const t = c.tally ?? { unit: 'checks', failed: c.status === 'fail' ? 1 : 0, total: 1 };
    const u = units.get(t.unit) ?? { failed: 0, total: 0 };
    units.set(t.unit, { failed: u.failed + t.failed, total: u.total + t.total });
  }
  const rest = [...units].filter(([, u]) => u.total > 0);
  const failedElsewhere = rest.some(([, u]) => u.failed > 0);
  if (heads.length > 0) {
    const plus = rest.map(([unit, u]) => `plus ${u.failed} of ${u.total} ${unit} failed`);
    return {
      status: heads.some((c) => c.status === 'fail') ? 'fail' : 'pass',
      text: `${heads.map((c) => c.headline).join('; ')}${plus.length ? `; ${plus.join('; ')}` : ''}.`,
    };
  }
  if (rest.length === 0) return { status: 'info', text: 'No pass/fail check in this report.' };
  if (!failedElsewhere) return { status: 'pass', text: `All ${rest.map(([unit, u]) => `${u.total} ${unit}`).join(' and ')} passed.` };
  return { status: 'fail', text: `${rest.map(([unit, u]) => `${u.failed} of ${u.total} ${unit}`).join(' and ')} failed.` };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every dataset the report's analyses read, once each, labelled by the slot it first fills. */
export function datasetsUsed(input: Pick<ReportInput, 'runs'>): { slot: string; dataset: DatasetDetail }[] {
  const out: { slot: string; dataset: DatasetDetail }[] = [];
  for (const run of Object.values(input.runs)) {
    for (const [slot, d] of Object.entries(run.provenance)) if (!out.some((x) => x.dataset.name === d.name)) out.push({ slot, dataset: d });
  }
  return out;
}

function subtitle(input: ReportInput): SafeHtml {
  const used = datasetsUsed(input);
  const [a, b] = used;
  if (used.length === 2 && a.slot === 'reference' && b.slot === 'current') return h`Reference “${a.dataset.name}” compared with current “${b.dataset.name}”`;
  return join(used.map((u, i) => h`${i === 0 ? capital(u.slot) : u.slot} “${u.dataset.name}”`), ', ');
}

function cover(input: ReportInput, checks: readonly SummaryCheck[]): SafeHtml {
  const m = input.meta;
  const o = overall(checks);
  return h`<div class="cover">
<div class="brand">Plumbline · audit report</div>
<h1>${m.title}</h1>
<div class="subtitle">${subtitle(input)}</div>
<div class="outcome ${o.status}">${o.text}</div>
<table class="meta">
<tr><th>Report id</th><td class="mono">${m.reportId}</td></tr>
<tr><th>Created</th><td>${dateTime(m.createdAt, m.timeZone)}</td></tr>
<tr><th>Author</th><td>${m.author ?? '—'}</td></tr>
<tr><th>Organisation</th><td>${m.organisation ?? '—'}</td></tr>
<tr><th>Workspace</th><td>${m.workspace}</td></tr>
<tr><th>Plumbline</th><td>version ${m.plumblineVersion}</td></tr>
<tr><th>Sections</th><td>${input.sections.join(', ')}</td></tr>
<tr><th>Verification</th><td>The PDF of this report carries its results, data provenance and settings as an attached file, results.json: <code>plumbline report --verify FILE.pdf</code> recomputes them from the workspace and compares.</td></tr>
</table></div>`;
}

function toc(chapters: readonly Chapter[]): SafeHtml {
  return h`<section class="chapter" id="contents"><h2>Contents</h2><nav class="toc"><ol>${chapters.map(
    (c, i) =>
      h`<li><span class="num">${i + 1}</span><a href="#${c.id}">${c.title}</a>${
        c.children?.length ? h`<ol>${c.children.map((k, j) => h`<li><span class="num">${i + 1}.${j + 1}</span><a href="#${k.id}">${k.title}</a></li>`)}</ol>` : ''
      }</li>`,
  )}</ol></nav></section>`;
}

function summary(input: ReportInput, sections: readonly ReportSection[]): { body: SafeHtml; checks: SummaryCheck[] } {
  const all: SummaryCheck[] = [];
  const parts: SafeHtml[] = [];
  for (const s of sections) {
    const checks = s.checks(input);
    all.push(...checks);
    if (checks.length === 0) continue;
    const plain = checks.filter((c) => c.status === 'fail' || c.status === 'info');
    const lead = checks[0];
    parts.push(h`<h3>${s.title}</h3>
<ul class="plain"><li class="${lead.status}">${lead.plain}</li>${plain.filter((c) => c !== lead).slice(0, 12).map((c) => h`<li class="${c.status}">${c.plain}</li>`)}${
      plain.length - 1 > 12 ? h`<li>… and ${plain.length - 13} more, listed in the table.</li>` : ''
    }</ul>
<table class="data"><thead><tr><th>check</th><th class="n">threshold</th><th class="n">value</th><th>outcome</th></tr></thead>
<tbody>${checks.filter((c) => c === lead || c.status !== 'info').map((c) => h`<tr><td>${c.check}</td><td class="n">${c.threshold}</td><td class="n">${c.value}</td><td>${statusBadge(c.status)}</td></tr>`)}</tbody></table>`);
  }
  const o = overall(all);
  return { body: h`<p class="lead"><b>${o.text}</b> ${input.where ? h`Both datasets were filtered with <code>${input.where}</code>.` : ''}</p>${join(parts)}`, checks: all };
}

function datasetProvenance(role: string, d: DatasetDetail, timeZone: string): SafeHtml {
  const imports = d.imports.map(
    (imp, i) => h`<table class="data kv">
<thead><tr><th colspan="2">Import ${i + 1} of ${d.imports.length} (${imp.kind})</th></tr></thead><tbody>
<tr><th>Source file</th><td class="mono">${imp.sourcePath}${imp.parserSettings.uploaded === true ? ' (uploaded in browser mode)' : ''}</td></tr>
<tr><th>SHA-256</th><td class="hash">${imp.sha256}</td></tr>
<tr><th>Size</th><td>${bytes(imp.sizeBytes)}</td></tr>
<tr><th>Modified</th><td>${imp.modifiedAt ? dateTime(imp.modifiedAt, timeZone) : '—'}</td></tr>
<tr><th>Format</th><td>${imp.format}; parser settings <code>${JSON.stringify(imp.parserSettings)}</code></td></tr>
<tr><th>Rows</th><td>${int(imp.rowsRead)} read, ${int(imp.rowsAccepted)} accepted, ${int(imp.rowsRejected)} rejected</td></tr>
<tr><th>Imported</th><td>${dateTime(imp.startedAt, timeZone)} – ${dateTime(imp.finishedAt, timeZone)} (${imp.seconds.toFixed(2)} s)</td></tr>
</tbody></table>`,
  );
  const cols = d.columnInfo.map(
    (c) => h`<tr><td class="name">${c.name}</td><td>${c.type}</td><td>${c.role}</td><td class="n">${int(c.nullCount)}</td><td class="n">${int(c.widenedCount)}</td></tr>`,
  );
  return h`<h3>${role}: “${d.name}”</h3>
<p>${int(d.rows)} rows × ${int(d.columns)} columns, created in the workspace ${dateTime(d.importedAt, timeZone)}.</p>
${imports}
<h4>Columns and roles</h4>
<table class="data"><thead><tr><th>column</th><th>type</th><th>role</th><th class="n">missing</th><th class="n">type violations</th></tr></thead><tbody>${cols}</tbody></table>`;
}

function rowsAnalysed(input: ReportInput): SafeHtml {
  return join(
    Object.entries(input.runs).map(([id, run]) => {
      const rows = Object.entries(analysisById(id).rowsAnalysed(run.result));
      return h`Rows analysed${Object.keys(input.runs).length > 1 ? h` (${analysisById(id).title})` : ''}: ${join(rows.map(([slot, n]) => h`${slot} ${int(n)}`), ', ')}.`;
    }),
    ' ',
  );
}

function provenance(input: ReportInput): SafeHtml {
  const tz = input.meta.timeZone;
  return h`<p>Exactly which bytes were analysed. A file's SHA-256 identifies its content: recomputing it on the source file shows whether the file
is the one analysed here.</p>
<p><b>Filter applied:</b> ${input.where ? h`<code>${input.where}</code> (to both datasets).` : 'none — every row was analysed.'}
${rowsAnalysed(input)}</p>
${join(datasetsUsed(input).map((u) => datasetProvenance(capital(u.slot), u.dataset, tz)))}`;
}

function methods(input: ReportInput, sections: readonly ReportSection[]): SafeHtml {
  const parts = sections.map((s) => s.methods(input)).filter((x): x is SafeHtml => x !== null);
  return h`<p>How every number in this report was computed. All computations run locally in Plumbline ${input.meta.plumblineVersion}; the
full settings are in the appendix and in the attached results.json.</p>${join(parts)}`;
}

function appendix(input: ReportInput): SafeHtml {
  const settings = {
    where: input.where,
    sections: input.sections,
    charts: input.charts,
    ...(input.overTimeCharts !== undefined ? { overTimeCharts: input.overTimeCharts } : {}),
    analyses: Object.fromEntries(Object.entries(input.runs).map(([id, run]) => [id, run.settings])),
  };
  const sw = Object.entries(input.meta.software).map(([k, v]) => h`<tr><td class="name">${k}</td><td>${v}</td></tr>`);
  return h`<h3>Analysis settings</h3><p>As used for this report (also attached to the PDF as results.json):</p>
<pre class="json">${JSON.stringify(settings, null, 2)}</pre>
<h3>Software</h3><table class="data"><thead><tr><th>component</th><th>version</th></tr></thead><tbody>${sw}</tbody></table>`;
}

export interface RenderedReport {
  readonly html: string;
  readonly checks: SummaryCheck[];
  /** Chapters as numbered in the document: element id and title (for PDF bookmarks and page numbers). */
  readonly contents: { id: string; title: string }[];
}

/** The whole document. Pure: input and assets in, a string out. */
export function renderReportHtml(input: ReportInput, assets: ReportAssets): RenderedReport {
  const sections = resolveSections(input.sections);
  const sum = summary(input, sections);
  const chapters: Chapter[] = [
    { id: 'summary', title: 'Executive summary', body: sum.body },
    { id: 'provenance', title: 'Data provenance', body: provenance(input) },
    { id: 'methods', title: 'Methods', body: methods(input, sections) },
    ...sections.map((s) => ({ id: `results-${s.id}`, title: `Results: ${s.title}`, body: s.render(input) })),
    { id: 'appendix', title: 'Appendix: settings and software', body: appendix(input) },
  ];
  const body = join(chapters.map((c, i) => h`<section class="chapter" id="${c.id}"><h2>${i + 1}. ${c.title}</h2>${c.body}</section>`));
  const m = input.meta;
  const doc = h`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Plumbline ${m.plumblineVersion}">
<meta name="plumbline-report-id" content="${m.reportId}">
<title>${m.title}</title>
<style>${raw(assets.fontCss)}
${raw(assets.css)}</style></head>
<body><div class="sheet">
${cover(input, sum.checks)}
${toc(chapters)}
${body}
</div></body></html>`;
  return { html: doc.value, checks: sum.checks, contents: chapters.map((c, i) => ({ id: c.id, title: `${i + 1}. ${c.title}` })) };
}

/** Running header and footer for the PDF (Chromium's templates: inline styles, its own classes for page numbers). */
export function headerFooterTemplates(input: Pick<ReportInput, 'meta'>): { headerTemplate: string; footerTemplate: string } {
  const m = input.meta;
  const style = `font-family:'DejaVu Sans',Arial,sans-serif;font-size:7.5pt;color:#5f6368;width:100%;padding:0 16mm;display:flex;justify-content:space-between;`;
  return {
    headerTemplate: h`<div style="${style}"><span>${m.title.length > 80 ? `${Array.from(m.title).slice(0, 79).join('')}…` : m.title}</span><span>Plumbline report ${m.reportId}</span></div>`.value,
    footerTemplate: h`<div style="${style}"><span>Report ${m.reportId} · ${dateTime(m.createdAt, m.timeZone)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`.value,
  };
}
