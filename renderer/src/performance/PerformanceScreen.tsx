/**
 * The Performance screen: choose the dataset to judge (and a reference baseline), the roles and
 * settings — every flag of `plumbline performance` — then read the metrics beside the
 * reference's, move the decision threshold, and see the curves, calibration, metrics over time,
 * the worst segments and any degradation.
 */
import { Fragment, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { PerformanceRunResult } from '../../../core/analyses/performance/types';
import type { DatasetDetail, DatasetSummary } from '../../../core/api/types';
import { ErrorNotice } from '../app/ErrorNotice';
import { RunStatus } from '../shared/RunStatus';
import { useApp } from '../app/context';
import { routeParams } from '../app/routes';
import { errorMessage } from '../errors';
import { formatCount } from '../format';
import { cliCommand, EMPTY_FORM, formToRequest, type FormErrors, type PerformanceForm } from './performanceForm';
import { ResultFigures } from './ResultFigures';
import { ThresholdView } from './ThresholdView';
import { usePerformanceRun } from './usePerformanceRun';
import '../shared/shared.css';
import '../drift/drift.css';
import './performance.css';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.abs(v) >= 1000 ? formatCount(Math.round(v)) : Number(v.toPrecision(4)).toString());

function Field({ label, error, children, wide }: { label: string; error?: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={wide ? 'drift-field perf-field perf-field--wide' : 'drift-field perf-field'}>
      <span className="drift-field__label">{label}</span>
      {children}
      {error && (
        <span className="perf-field__error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

function MetricsTable({ r, reference }: { r: PerformanceRunResult; reference: string | null }) {
  return (
    <table className="data perf-metrics" data-testid="metrics">
      <thead>
        <tr>
          <th scope="col">metric</th>
          <th scope="col" className="n">
            current
          </th>
          {r.reference && (
            <th scope="col" className="n">
              reference “{reference}”
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {Object.entries(r.metrics).map(([k, v]) => (
          <tr key={k} title={r.undefined_metrics[k]}>
            <th scope="row">{k}</th>
            <td className="n" data-metric={k}>
              {fmt(v)}
            </td>
            {r.reference && <td className="n">{fmt(r.reference.metrics[k])}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Findings({ r }: { r: PerformanceRunResult }) {
  const flags = r.degradation?.flags ?? [];
  const breached = r.limits.filter((l) => l.breached);
  if (!r.degradation && r.limits.length === 0) return null;
  return (
    <section aria-labelledby="perf-findings" className="perf-findings">
      <h2 id="perf-findings">Degradation and limits</h2>
      {flags.length === 0 && r.degradation && <p>No watched metric degraded by more than {(100 * r.degradation.relative_drop).toFixed(0)}%{r.degradation.baseline ? ` against the ${r.degradation.baseline}` : ''}.</p>}
      <ul>
        {flags.map((f) => (
          <li key={`${f.metric}:${f.kind}`} className="perf-flag">
            <strong>{f.metric}</strong> {f.kind === 'drop' ? `fell to ${fmt(f.value)} from ${fmt(f.baseline)}` : `worsens by ${fmt(f.slope)} per chunk`} ({(100 * f.relative).toFixed(1)}% worse){f.since ? ` since ${f.since}` : ''}
          </li>
        ))}
        {r.limits.map((l) => (
          <li key={`${l.metric}:${l.fail}`} className={l.breached ? 'perf-flag' : undefined}>
            {l.breached ? 'Limit breached' : 'Limit holds'}: {l.metric} = {fmt(l.value)} (fail {l.fail} {l.limit})
          </li>
        ))}
      </ul>
      {breached.length + flags.length > 0 && <p className="muted">The same run from the command line exits with status 1.</p>}
    </section>
  );
}

function Segments({ r }: { r: PerformanceRunResult }) {
  return (
    <>
      {r.segments.map((s) => (
        <section key={s.column} aria-label={`Segments by ${s.column}`}>
          <h2>By {s.column}, worst {s.sort_metric} first</h2>
          <table className="data" data-testid="segments">
            <thead>
              <tr>
                <th scope="col">{s.column}</th>
                <th scope="col" className="n">rows</th>
                <th scope="col" className="n">labelled</th>
                <th scope="col" className="n">{s.sort_metric}</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((row) => (
                <tr key={row.value ?? '\u0000missing'}>
                  <th scope="row">{row.value ?? <span className="muted">(missing)</span>}</th>
                  <td className="n">{formatCount(row.rows)}</td>
                  <td className="n">{formatCount(row.labelled)}</td>
                  <td className="n">{fmt(row.metrics[s.sort_metric])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

function PerClass({ r }: { r: PerformanceRunResult }) {
  if (!r.per_class) return null;
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">class</th>
          <th scope="col" className="n">precision</th>
          <th scope="col" className="n">recall</th>
          <th scope="col" className="n">F1</th>
          <th scope="col" className="n">support</th>
          <th scope="col" className="n">ROC AUC (one-vs-rest)</th>
        </tr>
      </thead>
      <tbody>
        {r.per_class.map((c) => (
          <tr key={c.label}>
            <th scope="row">{c.label}</th>
            <td className="n">{fmt(c.precision)}</td>
            <td className="n">{fmt(c.recall)}</td>
            <td className="n">{fmt(c.f1)}</td>
            <td className="n">{formatCount(c.support)}</td>
            <td className="n">{fmt(c.roc_auc)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PerformanceScreen() {
  const { datasets } = useApp();
  const list = datasets.datasets;
  return (
    <section className="screen performance" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          Performance
        </h1>
      </header>
      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}
      {list !== null && list.length === 0 && <p>Import a prediction log with a label column, or load the demo data from Datasets, to measure the model’s performance.</p>}
      {list !== null && list.length > 0 && <PerformanceView list={list} />}
    </section>
  );
}

/** Default: the datasets a link named (the Overview's); else the demo's current dataset (else the last imported), the demo's reference as baseline. */
function initialForm(list: readonly DatasetSummary[]): PerformanceForm {
  const asked = routeParams();
  if (asked.current !== undefined && list.some((d) => d.name === asked.current)) return { ...EMPTY_FORM, current: asked.current, reference: asked.reference ?? '' };
  const current = list.find((d) => d.name === 'demo-current') ?? list[list.length - 1];
  const reference = list.find((d) => d.name === 'demo-reference' && d.name !== current.name)?.name ?? '';
  return { ...EMPTY_FORM, current: current.name, reference };
}

function PerformanceView({ list }: { list: readonly DatasetSummary[] }) {
  const { platform } = useApp();
  const client = platform.client;
  const [form, setForm] = useState<PerformanceForm>(() => initialForm(list));
  const [errors, setErrors] = useState<FormErrors>({});
  const [loaded, setLoaded] = useState<{ name: string; detail: DatasetDetail | null; error: string | null } | null>(null);
  const { state, start, cancel } = usePerformanceRun(client);
  const autoRan = useRef(false);
  const formNow = useRef(form);
  useEffect(() => {
    formNow.current = form;
  }, [form]);

  const currentName = form.current;
  useEffect(() => {
    let live = true;
    client.getDataset({ dataset: currentName }).then(
      (d) => {
        if (!live) return;
        setLoaded({ name: d.name, detail: d, error: null });
        // The first time the columns are known, run with the defaults.
        if (!autoRan.current) {
          autoRan.current = true;
          const { request, errors: errs } = formToRequest(formNow.current, d.columnInfo);
          setErrors(errs);
          if (request) start(request);
        }
      },
      (e: unknown) => live && setLoaded({ name: currentName, detail: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, currentName, start]);

  const detail = loaded?.name === form.current ? loaded.detail : null;
  const detailError = loaded?.name === form.current ? loaded.error : null;
  const columns = useMemo(() => detail?.columnInfo ?? [], [detail]);
  const set = <K extends keyof PerformanceForm>(k: K, v: PerformanceForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const { request, errors: errs } = formToRequest(form, columns);
    setErrors(errs);
    if (request) start(request);
  };
  const run = state.run;
  const r = run?.result ?? null;
  const colSelect = (k: 'label' | 'score' | 'prediction' | 'by', label: string, auto: string) => (
    <Field label={label} error={errors[k]}>
      <select className="input" aria-label={label} value={form[k]} onChange={(e) => set(k, e.target.value)}>
        <option value="">{auto}</option>
        {columns
          .filter((c) => k !== 'by' || c.type === 'categorical' || c.type === 'text' || c.type === 'boolean')
          .map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.role})
            </option>
          ))}
      </select>
    </Field>
  );
  const text = (k: keyof PerformanceForm, label: string, placeholder: string, wide = false) => (
    <Field label={label} error={errors[k]} wide={wide}>
      <input className="input" aria-label={label} value={form[k]} placeholder={placeholder} onChange={(e) => set(k, e.target.value as never)} />
    </Field>
  );

  return (
    <>
        <form className="perf-settings" onSubmit={submit} aria-label="Performance settings">
          <div className="perf-row">
            <Field label="Dataset" error={errors.current} wide>
              <select className="input" aria-label="Dataset" value={form.current} onChange={(e) => setForm((f) => ({ ...f, current: e.target.value, label: '', score: '', prediction: '', by: '' }))}>
                {list.map((d) => (
                  <option key={d.id} value={d.name}>
                    {d.name} ({formatCount(d.rows)} rows)
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Reference (baseline)" wide>
              <select className="input" aria-label="Reference" value={form.reference} onChange={(e) => set('reference', e.target.value)}>
                <option value="">none</option>
                {list.map((d) => (
                  <option key={d.id} value={d.name}>
                    {d.name}
                  </option>
                ))}
              </select>
            </Field>
            {colSelect('label', 'Label', 'from roles')}
            {colSelect('score', 'Score', 'from roles')}
            {colSelect('prediction', 'Prediction', 'from roles')}
            <Field label="Task">
              <select className="input" aria-label="Task" value={form.task} onChange={(e) => set('task', e.target.value as PerformanceForm['task'])}>
                <option value="">detect</option>
                <option value="binary">binary</option>
                <option value="multiclass">multiclass</option>
                <option value="regression">regression</option>
              </select>
            </Field>
          </div>
          <div className="perf-row">
            {text('threshold', 'Threshold', '0.5')}
            <Field label="Over time" error={errors.chunk}>
              <input className="input" aria-label="Chunk" list="perf-chunks" value={form.chunk} placeholder="off" onChange={(e) => set('chunk', e.target.value)} />
              <datalist id="perf-chunks">
                <option value="day" />
                <option value="week" />
                <option value="month" />
                <option value="1000" />
              </datalist>
            </Field>
            {colSelect('by', 'Segments by', 'none')}
            {text('costFp', 'Cost of a false positive', '1')}
            {text('costFn', 'Cost of a false negative', '1')}
            {text('where', 'Segment filter', "device = 'mobile'", true)}
          </div>
          <details className="perf-more">
            <summary>More settings</summary>
            <div className="perf-row">
              {text('positiveLabel', 'Positive class', 'auto')}
              {text('beta', 'F-beta β', '1')}
              {text('calibrationBins', 'Calibration bins', '10')}
              <Field label="Calibration bins by">
                <select className="input" aria-label="Calibration strategy" value={form.calibrationStrategy} onChange={(e) => set('calibrationStrategy', e.target.value as PerformanceForm['calibrationStrategy'])}>
                  <option value="">uniform (default)</option>
                  <option value="uniform">uniform</option>
                  <option value="quantile">quantile</option>
                </select>
              </Field>
              {text('relativeDrop', 'Flag a drop over', '0.05')}
              {text('trendChunks', 'Trend over chunks', '4')}
              {text('watch', 'Watch metrics', 'accuracy, f1, roc_auc')}
              {text('failBelow', 'Fail below', 'f1=0.8', true)}
              {text('failAbove', 'Fail above', 'log_loss=0.6', true)}
              {text('classScores', 'Class score columns', 'cat=p_cat, dog=p_dog', true)}
            </div>
          </details>
          <div className="perf-row">
            <button type="submit" className="button button--primary" disabled={!detail}>
              Run
            </button>
            {detailError && <span className="perf-field__error">{detailError}</span>}
          </div>
        </form>

      <RunStatus state={state} onCancel={cancel} analysis="performance" what="analysis" failed="The performance analysis failed" />
      {r && run && (
        <div className={state.status === 'running' ? 'perf-results perf-results--stale' : 'perf-results'}>
          <p className="drift-summary" data-testid="perf-summary">
            <strong>{r.task}</strong> model on “{run.request.current}”: label “{r.columns.label}”
            {r.columns.score !== null && <>, score “{r.columns.score}”</>}
            {r.columns.prediction !== null && <>, prediction “{r.columns.prediction}”</>} — {formatCount(r.rows)} rows, <span data-testid="labelled">{formatCount(r.labelled)}</span> labelled ({((100 * r.labelled) / Math.max(1, r.rows)).toFixed(1)}%),{' '}
            {formatCount(r.evaluated)} evaluated{run.request.where.trim() && <> · segment <code>{run.request.where.trim()}</code></>}.
          </p>
          {r.notes.map((n) => (
            <p key={n} className="muted">
              Note: {n}.
            </p>
          ))}
          <Findings r={r} />
          {r.binary?.table && <ThresholdView key={`${r.rows}:${r.threshold}:${r.binary.table.thresholds.length}`} result={r} charts={run.charts} />}
          <div className="perf-grid2">
            <section aria-labelledby="perf-metrics-title">
              <h2 id="perf-metrics-title">Metrics{r.reference ? ', current and reference side by side' : ''}{r.threshold !== null ? ` at threshold ${r.threshold}` : ''}</h2>
              <MetricsTable r={r} reference={run.request.reference} />
            </section>
            <div>
              <PerClass r={r} />
              <Segments r={r} />
            </div>
          </div>
          <ResultFigures task={r.task} charts={run.charts} />
          <p className="muted perf-cli">
            Same numbers from the command line:{' '}
            <code>
              {/* One box per argument, so a line breaks between arguments, not after the "--" of one. */}
              {cliCommand(run.request)
                .split(' ')
                .map((arg, i) => (
                  <Fragment key={i}>
                    {i > 0 && ' '}
                    <span className="perf-cli__arg">{arg}</span>
                  </Fragment>
                ))}
            </code>
          </p>
        </div>
      )}
    </>
  );
}
