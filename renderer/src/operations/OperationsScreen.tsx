/**
 * The Operations screen (issue #14): one prediction log's system health and prediction analysis —
 * latency P50/P95/P99, throughput, error rate, per model version, score histogram,
 * predicted-positive rate and volume by hour and weekday, over time — with an optional reference
 * as the baseline. Columns default to what the analysis finds by role and name; each can be chosen.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ColumnInfo } from '../../../core/api/types';
import type { OperationsOptions } from '../../../core/analyses/operations/types';
import { ErrorNotice } from '../app/ErrorNotice';
import { useApp } from '../app/context';
import { errorMessage } from '../errors';
import { useAnalysisRun } from '../shared/useAnalysisRun';
import { OperationsResults, type OperationsRun } from './OperationsResults';
import { RunStatus } from '../shared/RunStatus';
import '../shared/shared.css';
import './operations.css';
import { NeedData } from '../app/NeedData';

type ColumnKey = 'latency' | 'status' | 'version' | 'score' | 'prediction' | 'timestamp';
interface Form {
  readonly reference: string;
  readonly columns: Readonly<Partial<Record<ColumnKey, string>>>;
  readonly threshold: string;
  readonly chunk: string;
}
const EMPTY: Form = { reference: '', columns: {}, threshold: '0.5', chunk: 'auto' };
const FIELDS: { key: ColumnKey; label: string; fits: (c: ColumnInfo) => boolean }[] = [
  { key: 'latency', label: 'Latency column (ms)', fits: (c) => c.type === 'integer' || c.type === 'real' },
  { key: 'status', label: 'Status / error column', fits: (c) => c.type !== 'timestamp' },
  { key: 'version', label: 'Model version column', fits: (c) => c.type !== 'timestamp' },
  { key: 'score', label: 'Score column', fits: (c) => c.type === 'integer' || c.type === 'real' || c.type === 'boolean' },
  { key: 'prediction', label: 'Prediction column', fits: (c) => c.type !== 'timestamp' },
  { key: 'timestamp', label: 'Timestamp column', fits: (c) => c.type === 'timestamp' },
];

function timestampOf(cols: readonly ColumnInfo[]): string | null {
  return (cols.find((c) => c.role === 'timestamp' && c.type === 'timestamp') ?? cols.find((c) => c.type === 'timestamp'))?.name ?? null;
}

function optionsOf(f: Form, timestamp: string | null): OperationsOptions | string {
  const t = Number(f.threshold);
  if (f.threshold.trim() === '' || !Number.isFinite(t)) return 'The threshold must be a number.';
  const ts = f.columns.timestamp ?? timestamp;
  let chunk: OperationsOptions['chunk'];
  if (f.chunk === 'day' || f.chunk === 'week' || f.chunk === 'month') {
    if (!ts) return `Chunking by ${f.chunk} needs a timestamp column.`;
    chunk = { by: 'period', timestamp: ts, period: f.chunk };
  }
  return { ...f.columns, threshold: t, ...(chunk ? { chunk } : {}) };
}

export function OperationsScreen() {
  const { datasets, platform } = useApp();
  const client = platform.client;
  const list = datasets.datasets;
  const [dataset, setDataset] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<{ dataset: string; columns: readonly ColumnInfo[] } | null>(null);
  const [failed, setFailed] = useState<{ dataset: string; message: string } | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const { state, start, cancel } = useAnalysisRun<OperationsRun>(client);

  const chosen = dataset ?? (list && list.length ? (list.find((d) => /current|log/i.test(d.name)) ?? list[0]).name : null);

  const run = useCallback(
    (name: string, f: Form, cols: readonly ColumnInfo[]) => {
      const options = optionsOf(f, timestampOf(cols));
      if (typeof options === 'string') return;
      start({ analysis: 'operations', datasets: { dataset: name, ...(f.reference ? { reference: f.reference } : {}) }, options }, (r) => r as OperationsRun);
    },
    [start],
  );

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    client.getDataset({ dataset: chosen }).then(
      (d) => {
        if (!live) return;
        setLoaded({ dataset: chosen, columns: d.columnInfo });
        setForm(EMPTY);
        run(chosen, EMPTY, d.columnInfo);
      },
      (e: unknown) => live && setFailed({ dataset: chosen, message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, chosen, run]);

  const columns = loaded?.dataset === chosen ? loaded.columns : null;
  const loadError = failed?.dataset === chosen ? failed.message : null;
  const problem = columns ? optionsOf(form, timestampOf(columns)) : null;
  const found = state.run?.settings.dataset === chosen ? state.run.result.columns : null;

  return (
    <section className="screen operations" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>Operations</h1>
      </header>
      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}
      {list !== null && list.length === 0 && (
        <NeedData title="A prediction log is needed">The operational views read one log with a timestamp and, where it has them, latency, a status or error column, a model version and the score or prediction.</NeedData>
      )}
      {list !== null && list.length > 0 && chosen && (
        <div className="ops-layout">
          <form
            className="ops-form"
            aria-label="Operations settings"
            onSubmit={(e) => {
              e.preventDefault();
              if (columns) run(chosen, form, columns);
            }}
          >
            <label className="field">
              <span>Dataset</span>
              <select value={chosen} onChange={(e) => setDataset(e.target.value)}>
                {list.map((d) => <option key={d.name} value={d.name}>{d.name}</option>)}
              </select>
            </label>
            <label className="field">
              <span>Baseline (reference)</span>
              <select value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })}>
                <option value="">none</option>
                {list.filter((d) => d.name !== chosen).map((d) => <option key={d.name} value={d.name}>{d.name}</option>)}
              </select>
            </label>
            {loadError && <ErrorNotice title="The dataset could not be read" message={loadError} />}
            {columns && FIELDS.map((f) => (
              <label key={f.key} className="field">
                <span>{f.label}</span>
                <select
                  value={form.columns[f.key] ?? ''}
                  onChange={(e) => {
                    const next = { ...form.columns };
                    if (e.target.value) next[f.key] = e.target.value;
                    else delete next[f.key];
                    setForm({ ...form, columns: next });
                  }}
                >
                  <option value="">{`automatic${found && !form.columns[f.key] ? ` (${found[f.key] ?? 'none'})` : ''}`}</option>
                  {columns.filter(f.fits).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
                </select>
              </label>
            ))}
            <label className="field">
              <span>Threshold (positive when score ≥)</span>
              <input type="number" step="any" value={form.threshold} onChange={(e) => setForm({ ...form, threshold: e.target.value })} />
            </label>
            <label className="field">
              <span>Chunks</span>
              <select value={form.chunk} onChange={(e) => setForm({ ...form, chunk: e.target.value })}>
                <option value="auto">automatic</option>
                <option value="day">day</option>
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
            </label>
            {typeof problem === 'string' && <p className="muted" role="status">{problem}</p>}
            <div>
              <button type="submit" className="button button--primary" disabled={!columns || typeof problem === 'string'}>Run</button>
            </div>
          </form>
          <div className="ops-main">
            <RunStatus state={state} onCancel={cancel} analysis="operations" what="run" failed="The operational views could not be computed" />
            {state.run && <div className={state.status === 'running' ? 'ops-stale' : ''}><OperationsResults run={state.run} /></div>}
          </div>
        </div>
      )}
    </section>
  );
}
