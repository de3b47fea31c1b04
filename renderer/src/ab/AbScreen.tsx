/**
 * The A/B screen: choose the dataset, the variant column and control, the metrics (primary,
 * secondary, guardrails) and every setting `plumbline ab` has; run with progress and Cancel; read
 * the decision, SRM, lifts, guardrails, cumulative lift and segments (AbResults).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AbResult } from '../../../core/analyses/ab/types';
import type { AnalysisArgs, AnalysisRun, ColumnInfo } from '../../../core/api/types';
import { ErrorNotice } from '../app/ErrorNotice';
import { useApp } from '../app/context';
import { routeParams } from '../app/routes';
import { errorMessage } from '../errors';
import { formatCount } from '../format';
import { abRequest, emptyForm, formProblem, type AbForm } from './abForm';
import { AbResults } from './AbResults';
import { useAnalysisRun } from '../shared/useAnalysisRun';
import '../shared/shared.css';
import './ab.css';

const VARIANT_NAMES = ['variant', 'model_version', 'experiment_variant', 'arm', 'treatment', 'version'];
const NUMERIC = new Set(['integer', 'real', 'boolean']);

/** A column the analysis would take as the variant when none is named (as core/analyses/ab/resolve.ts). */
function hasVariantColumn(cols: readonly ColumnInfo[]): boolean {
  return cols.some((c) => c.role === 'variant' || VARIANT_NAMES.includes(c.name.toLowerCase()));
}

function Field({ label, help, children }: { label: string; help?: string; children: React.ReactNode }) {
  return (
    <label className="drift-field">
      <span className="drift-field__label">{label}</span>
      {children}
      {help && <span className="drift-field__help">{help}</span>}
    </label>
  );
}

export function AbScreen() {
  const { datasets, platform } = useApp();
  const client = platform.client;
  const list = datasets.datasets;
  const [chosen, setForm] = useState<AbForm | null>(null);
  const [loaded, setLoaded] = useState<{ dataset: string; columns: readonly ColumnInfo[] | null; error: string | null } | null>(null);
  const { state, start: startRun, cancel } = useAnalysisRun<AnalysisRun<AbResult>>(client);
  // The engine's run carries the module's chart specs (runAnalysis sets `charts`), as for every analysis.
  const start = useCallback((args: AnalysisArgs) => startRun(args, (r) => r as AnalysisRun<AbResult>), [startRun]);

  // Until the analyst picks: the demo's current log, else a dataset called *current*, else the first.
  const form = useMemo(() => {
    if (chosen) return chosen;
    if (!list || list.length === 0) return null;
    const asked = routeParams().dataset;
    const pick = list.find((d) => d.name === asked) ?? list.find((d) => d.name === 'demo-current') ?? list.find((d) => /current/i.test(d.name)) ?? list[0];
    return emptyForm(pick.name);
  }, [chosen, list]);

  const dataset = form?.dataset;
  useEffect(() => {
    if (!dataset) return;
    let live = true;
    client.getDataset({ dataset }).then(
      (d) => {
        if (!live) return;
        setLoaded({ dataset, columns: d.columnInfo, error: null });
        // A log with a recognisable variant column shows its A/B result at once.
        if (hasVariantColumn(d.columnInfo)) start(abRequest(emptyForm(dataset)));
      },
      (e: unknown) => live && setLoaded({ dataset, columns: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, dataset, start]);
  const columns = loaded && loaded.dataset === dataset ? loaded.columns : null;
  const columnsError = loaded && loaded.dataset === dataset ? loaded.error : null;

  const set = (patch: Partial<AbForm>) => setForm(form ? { ...form, ...patch } : null);
  const numeric = useMemo(() => (columns ?? []).filter((c) => NUMERIC.has(c.type) && c.role !== 'id' && c.role !== 'timestamp'), [columns]);
  const categorical = useMemo(() => (columns ?? []).filter((c) => c.type === 'categorical' || c.type === 'text' || c.type === 'boolean' || c.type === 'integer'), [columns]);
  const run = state.run;
  const result = run && run.settings.dataset === form?.dataset ? run.result : null;
  const variantNames = result ? result.variants.map((v) => v.name) : [];
  const problem = form ? formProblem(form) : null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (form && !problem) start(abRequest(form));
  };

  return (
    <section className="screen ab" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          A/B test
        </h1>
      </header>
      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}
      {list !== null && list.length === 0 && (
        <p className="muted">Import an experiment log (one row per exposure, with a variant column and the metric columns), or load the demo on the Datasets screen: its model_version column compares model A with model B.</p>
      )}
      {form && (
        <form className="ab-form" onSubmit={submit} aria-label="A/B settings">
          <Field label="Dataset">
            <select className="input" aria-label="Dataset" value={form.dataset} onChange={(e) => setForm(emptyForm(e.target.value))}>
              {(list ?? []).map((d) => (
                <option key={d.id} value={d.name}>
                  {d.name} ({formatCount(d.rows)} rows)
                </option>
              ))}
            </select>
          </Field>
          <Field label="Variant column">
            <select className="input" aria-label="Variant column" value={form.variant} onChange={(e) => set({ variant: e.target.value, control: '' })}>
              <option value="">{result ? `automatic (${result.variant_column})` : 'automatic'}</option>
              {categorical.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Control">
            <select className="input" aria-label="Control" value={form.control} onChange={(e) => set({ control: e.target.value })}>
              <option value="">{result ? `most frequent (${result.control})` : 'most frequent'}</option>
              {variantNames.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Primary metric" help="column, or column:p99, a/b (ratio), accuracy(pred,label)">
            <input className="input" aria-label="Primary metric" list="ab-numeric-columns" value={form.primary} placeholder={result ? result.primary : 'every numeric column'} onChange={(e) => set({ primary: e.target.value })} />
          </Field>
          <Field label="Secondary metrics" help="separated by ; (e.g. revenue; latency_ms:p99)">
            <input className="input" aria-label="Secondary metrics" value={form.secondary} onChange={(e) => set({ secondary: e.target.value })} />
          </Field>
          <Field label="Guardrails" help="e.g. latency_ms:p99<=+50; converted>=-2%">
            <input className="input" aria-label="Guardrails" value={form.guardrails} onChange={(e) => set({ guardrails: e.target.value })} />
          </Field>
          <Field label="Engine">
            <select className="input" aria-label="Engine" value={form.engine} onChange={(e) => set({ engine: e.target.value as AbForm['engine'] })}>
              <option value="frequentist">frequentist</option>
              <option value="bayesian">Bayesian</option>
            </select>
          </Field>
          <label className="ab-check">
            <input type="checkbox" checked={form.sequential} disabled={form.engine !== 'frequentist'} onChange={(e) => set({ sequential: e.target.checked })} /> Sequential (honest under daily peeking)
          </label>
          <Field label="Correction">
            <select className="input" aria-label="Correction" value={form.correction} onChange={(e) => set({ correction: e.target.value as AbForm['correction'] })}>
              <option value="holm">Holm–Bonferroni</option>
              <option value="bh">Benjamini–Hochberg</option>
              <option value="none">none</option>
            </select>
          </Field>
          <Field label="CUPED" help="metric=covariate; …">
            <input className="input" aria-label="CUPED" value={form.cuped} onChange={(e) => set({ cuped: e.target.value })} />
          </Field>
          <Field label="Segments by">
            <select className="input" aria-label="Segments by" value={form.by} onChange={(e) => set({ by: e.target.value })}>
              <option value="">no breakdown</option>
              {categorical.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Unit column" help="first exposure per unit kept">
            <select className="input" aria-label="Unit column" value={form.unit} onChange={(e) => set({ unit: e.target.value })}>
              <option value="">each row is a unit</option>
              {(columns ?? []).map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Filter" help="e.g. device = 'mobile'">
            <input className="input" aria-label="Filter" value={form.where} onChange={(e) => set({ where: e.target.value })} />
          </Field>
          <datalist id="ab-numeric-columns">
            {numeric.map((c) => (
              <option key={c.name} value={c.name} />
            ))}
          </datalist>
          <div className="ab-form__actions">
            <button type="submit" className="button button--primary" disabled={problem !== null || state.status === 'running'}>
              Run
            </button>
            {problem && <p className="drift-field__error">{problem}</p>}
          </div>
        </form>
      )}
      {columnsError && <ErrorNotice title="The dataset could not be read" message={columnsError} />}
      {state.status === 'running' && (
        <div className="import-status" role="status" aria-live="polite">
          <div className="import-status__top">
            <span className="import-status__phase">{state.progress?.phase ?? 'Computing the A/B test…'}</span>
            <button type="button" className="button button--small" onClick={cancel}>
              Cancel
            </button>
          </div>
          <div className={state.progress?.total ? 'progress' : 'progress progress--indeterminate'} aria-hidden="true">
            <div className="progress__bar" style={state.progress?.total ? { width: `${Math.min(100, (100 * state.progress.done) / state.progress.total)}%` } : undefined} />
          </div>
        </div>
      )}
      {state.status === 'cancelled' && (
        <div className="notice" role="status">
          <div className="notice__body">The analysis was cancelled{result ? '; the previous result is shown' : ''}.</div>
        </div>
      )}
      {state.status === 'error' && state.error && <ErrorNotice title="The A/B test could not run" message={state.error} />}
      {result && <AbResults result={result} charts={run?.charts ?? []} stale={state.status === 'running'} />}
      {result && run && (
        <p className="muted ab-footer">
          {run.settings.dataset as string}: {formatCount(result.variants.reduce((n, v) => n + v.counts.rows, 0))} rows with a variant{run.settings.where ? `, where ${run.settings.where}` : ''}.
        </p>
      )}
    </section>
  );
}
