/**
 * One report being designed for one pair of datasets: the form (filter, cover fields, page size,
 * sections, charts), the live preview of the HTML itself in a sandboxed frame, Export PDF / HTML
 * with progress and Cancel, and the saved spec. Mounted afresh per pair (keyed by the screen).
 */
import { useEffect, useMemo, useState } from 'react';
import type { AnalysisSpec, DatasetSummary, ExportReportResult, ReportFormat, ReportSectionInfo } from '../../../core/api/types';
import { useApp } from '../app/context';
import { DatasetPairPicker } from '../shared/DatasetPairPicker';
import { pairContext, type Pair } from '../shared/pair';
import { formToSettings, settingsToForm } from '../shared/settingsForm';
import { errorMessage } from '../errors';
import { ExportSummary } from './ExportSummary';
import { JobStatus } from './JobStatus';
import { ReportPreview } from './ReportPreview';
import { fileNameFor, formFromSpec, initialForm, reportArgs, rolesOf, specFromForm, toggleSection, type ReportForm } from './reportForm';
import { usePreview } from './usePreview';
import { useJob } from './useJob';

export const JSON_FILTERS = [{ name: 'Analysis spec (JSON)', extensions: ['json'] }];
const FORMAT_FILTERS: Record<ReportFormat, { name: string; extensions: string[] }[]> = {
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
  html: [{ name: 'HTML document', extensions: ['html'] }],
};

export interface Notice {
  readonly kind: 'info' | 'error';
  readonly title: string;
  readonly message: string;
}

export function ReportDesigner({
  datasets,
  pair,
  sections,
  spec,
  onPair,
  onLoadSpec,
  onExported,
}: {
  datasets: readonly DatasetSummary[];
  pair: Pair;
  sections: readonly ReportSectionInfo[];
  /** A spec just loaded for this pair: it sets the form instead of the Drift screen's settings. */
  spec: AnalysisSpec | null;
  onPair: (p: Pair) => void;
  onLoadSpec: (spec: AnalysisSpec) => void;
  onExported: () => void;
}) {
  const { platform } = useApp();
  const client = platform.client;
  // A loaded spec sets the form at once (the designer is mounted afresh for each spec loaded).
  const [fromSpec] = useState(() => (spec ? formFromSpec(spec, sections) : null));
  const [form, setForm] = useState<ReportForm | null>(fromSpec?.form ?? null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(
    fromSpec && fromSpec.unknownSections.length > 0
      ? { kind: 'info', title: 'Some sections of the spec are not available here', message: `Left out: ${fromSpec.unknownSections.join(', ')}.` }
      : null,
  );
  const [exported, setExported] = useState<ExportReportResult | null>(null);
  const { job, run, cancel } = useJob();
  const { reference, current } = pair;

  // Defaults: a loaded spec, else the settings the Drift screen saved for this pair (the same
  // options it runs with, chunking included), else the Drift screen's defaults.
  useEffect(() => {
    if (spec) return;
    let live = true;
    Promise.all([client.getDataset({ dataset: current }), client.getDriftSettings({ reference, current })]).then(
      ([cur, saved]) => {
        if (!live) return;
        const ctx = pairContext(cur);
        const { settings } = formToSettings(settingsToForm(saved, ctx), ctx);
        setForm(initialForm({ reference, current }, { options: settings.options, where: saved?.where ?? settings.where }, sections));
      },
      (e: unknown) => {
        if (live) setLoadError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [client, reference, current, sections, spec]);

  const args = useMemo(() => (form && form.sections.length > 0 ? reportArgs(form) : null), [form]);
  const preview = usePreview(client, args);

  const set = (patch: Partial<ReportForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const defaultTitle = `Drift report: ${pair.current} vs ${pair.reference}`;

  async function exportAs(format: ReportFormat) {
    if (!form || !args) return;
    setNotice(null);
    const out = await platform.saveFile({ defaultName: fileNameFor(form.title, defaultTitle, format), filters: FORMAT_FILTERS[format] });
    if (out === null && platform.kind === 'electron') return; // the user cancelled the Save… dialog
    const outcome = await run(`Exporting ${format.toUpperCase()}`, (opts) => client.exportReport({ ...args, format, ...(out ? { out } : {}) }, opts));
    onExported();
    if (outcome.ok) {
      setExported(outcome.value);
      platform.deliverExport(outcome.value);
    } else if (outcome.cancelled) {
      setNotice({ kind: 'info', title: 'Export cancelled', message: 'No file was written.' });
    } else {
      setNotice({ kind: 'error', title: `The ${format.toUpperCase()} could not be exported`, message: outcome.error ?? '' });
    }
  }

  async function saveSpec() {
    if (!form) return;
    setNotice(null);
    const out = await platform.saveFile({ defaultName: fileNameFor(form.title ? `${form.title} spec` : '', 'analysis-spec', 'json'), filters: JSON_FILTERS });
    if (out === null && platform.kind === 'electron') return;
    const outcome = await run('Saving the analysis spec', async (opts) => {
      const [ref, cur] = await Promise.all([client.getDataset({ dataset: form.reference }, opts), client.getDataset({ dataset: form.current }, opts)]);
      const spec = specFromForm(form, { reference: rolesOf(ref), current: rolesOf(cur) });
      return client.saveAnalysisSpec({ spec, ...(out ? { path: out } : {}) }, opts);
    });
    if (outcome.ok) {
      platform.deliverExport(outcome.value);
      setNotice({
        kind: 'info',
        title: 'Analysis spec saved',
        message: `${outcome.value.path}\nRegenerate this report with: plumbline report --spec ${quoteArg(baseOf(outcome.value.path))} --out report.pdf`,
      });
    } else if (!outcome.cancelled) {
      setNotice({ kind: 'error', title: 'The analysis spec could not be saved', message: outcome.error ?? '' });
    }
  }

  async function loadSpec() {
    setNotice(null);
    const outcome = await run('Loading the analysis spec', async (opts) => {
      const path = await platform.openFile({ title: 'Load an analysis spec', filters: JSON_FILTERS }, opts);
      return path === null ? null : client.loadAnalysisSpec({ path }, opts);
    });
    if (!outcome.ok) {
      if (!outcome.cancelled) setNotice({ kind: 'error', title: 'The analysis spec could not be loaded', message: outcome.error ?? '' });
      return;
    }
    const loaded = outcome.value;
    if (!loaded) return;
    const names = new Set(datasets.map((d) => d.name));
    const missing = [loaded.reference, loaded.current].map((n) => n ?? '(none named)').filter((n) => !names.has(n));
    if (missing.length > 0) {
      setNotice({ kind: 'error', title: 'The spec names datasets this workspace does not have', message: `Missing: ${missing.join(', ')}. Import them under these names, then load the spec again.` });
      return;
    }
    onLoadSpec(loaded);
  }

  if (loadError) {
    return (
      <div className="notice notice--error" role="alert">
        <div className="notice__body">
          <div className="notice__title">The settings for this pair could not be read</div>
          <div className="notice__message">{loadError}</div>
        </div>
      </div>
    );
  }

  const busy = job !== null;
  return (
    <>
      <div className="reports-toolbar">
        <DatasetPairPicker datasets={datasets} pair={pair} onChange={onPair} />
        <label className="drift-field reports-toolbar__filter">
          <span className="drift-field__label">Segment filter</span>
          <input
            className="input"
            value={form?.where ?? ''}
            disabled={!form}
            onChange={(e) => set({ where: e.target.value })}
            placeholder="all rows (e.g. device = 'mobile')"
            spellCheck={false}
            aria-describedby="reports-filter-help"
          />
        </label>
        <div className="reports-toolbar__spec">
          <button type="button" className="button" onClick={() => void loadSpec()} disabled={busy}>
            Load spec…
          </button>
          <button type="button" className="button" onClick={() => void saveSpec()} disabled={busy || !form}>
            Save analysis spec…
          </button>
        </div>
      </div>
      <p id="reports-filter-help" className="muted reports-hint">
        {spec
          ? 'Tests, thresholds, chunking and column roles come from the loaded analysis spec.'
          : 'Tests, thresholds and chunking are those saved for this pair on the Drift screen; the filter starts as the one saved there.'}
      </p>

      {notice && (
        <div className={`notice${notice.kind === 'error' ? ' notice--error' : ''}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <div className="notice__body">
            <div className="notice__title">{notice.title}</div>
            {notice.message && <div className="notice__message">{notice.message}</div>}
          </div>
          <button type="button" className="button button--quiet button--small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}

      <div className="reports-layout">
        <form className="reports-form" aria-label="Report settings" onSubmit={(e) => e.preventDefault()}>
          {!form && <p className="muted">Loading the settings…</p>}
          {form && (
            <>
              <fieldset className="reports-fieldset">
                <legend className="panel__title">Cover</legend>
                <label className="drift-field">
                  <span className="drift-field__label">Title</span>
                  <input className="input" value={form.title} maxLength={500} placeholder={defaultTitle} onChange={(e) => set({ title: e.target.value })} />
                </label>
                <label className="drift-field">
                  <span className="drift-field__label">Author</span>
                  <input className="input" value={form.author} maxLength={500} autoComplete="name" onChange={(e) => set({ author: e.target.value })} />
                </label>
                <label className="drift-field">
                  <span className="drift-field__label">Organisation</span>
                  <input className="input" value={form.organisation} maxLength={500} autoComplete="organization" onChange={(e) => set({ organisation: e.target.value })} />
                </label>
                <div className="reports-radios" role="radiogroup" aria-label="Page size">
                  <span className="drift-field__label">Page size</span>
                  {(['A4', 'Letter'] as const).map((size) => (
                    <label key={size} className="radio">
                      <input type="radio" name="page-size" checked={form.pageSize === size} onChange={() => set({ pageSize: size })} />
                      {size}
                    </label>
                  ))}
                </div>
              </fieldset>

              <fieldset className="reports-fieldset">
                <legend className="panel__title">Sections</legend>
                {sections.map((s) => (
                  <label key={s.id} className="checkbox reports-section">
                    <input type="checkbox" checked={form.sections.includes(s.id)} onChange={(e) => setForm(toggleSection(form, s.id, e.target.checked, sections))} />
                    <span>
                      <span className="reports-section__title">{s.title}</span>
                      <span className="reports-section__text">{s.description}</span>
                    </span>
                  </label>
                ))}
                {form.sections.length === 0 && <p className="field-error reports-error">Choose at least one section.</p>}
                <div className="reports-radios" role="radiogroup" aria-label="Distribution charts">
                  <span className="drift-field__label">Distribution charts</span>
                  <label className="radio">
                    <input type="radio" name="charts" checked={form.charts === 'drifted'} onChange={() => set({ charts: 'drifted' })} />
                    drifted columns
                  </label>
                  <label className="radio">
                    <input type="radio" name="charts" checked={form.charts === 'all'} onChange={() => set({ charts: 'all' })} />
                    all columns
                  </label>
                </div>
              </fieldset>

              <div className="reports-export">
                <button type="button" className="button button--primary" onClick={() => void exportAs('pdf')} disabled={busy || !args}>
                  Export PDF
                </button>
                <button type="button" className="button" onClick={() => void exportAs('html')} disabled={busy || !args}>
                  Export HTML
                </button>
              </div>
              {job && <JobStatus job={job} onCancel={cancel} />}
              {exported && <ExportSummary result={exported} />}
            </>
          )}
        </form>

        <ReportPreview
          preview={preview}
          sections={form?.sections.length ?? 0}
          empty={form && form.sections.length === 0 ? 'Choose at least one section.' : 'Rendering the preview…'}
        />
      </div>
    </>
  );
}

function baseOf(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}

/** A file name as a shell argument: bare when plain, else in single quotes. */
function quoteArg(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
