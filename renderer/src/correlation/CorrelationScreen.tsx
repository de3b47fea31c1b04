/**
 * The Correlation screen (issue #14, data quality additions): Pearson or Spearman correlation of
 * the numeric features in a reference and a current dataset — the pairs that changed most, and the
 * heatmaps (current, reference, change) the report draws from the same specs.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AnalysisRun } from '../../../core/api/types';
import type { CorrelationMethod, CorrelationOptions, CorrelationResult } from '../../../core/analyses/correlation/types';
import { ErrorNotice } from '../app/ErrorNotice';
import { NeedTwoDatasets } from '../app/NeedData';
import { useApp } from '../app/context';
import { DatasetPairPicker } from '../shared/DatasetPairPicker';
import { defaultPair, readLastPair, type Pair } from '../shared/pair';
import { LazySpecChart } from '../operations/LazySpecChart';
import { useAnalysisRun } from '../shared/useAnalysisRun';
import { RunStatus } from '../shared/RunStatus';
import '../shared/shared.css';
import '../operations/operations.css';

type CorrelationRun = AnalysisRun<CorrelationResult, CorrelationOptions>;

const cell = (v: number | null) => (v === null ? 'undefined' : v.toFixed(3));

function Results({ run }: { run: CorrelationRun }) {
  const r = run.result;
  const charts = run.charts ?? [];
  return (
    <div className="ops-results">
      <p className="ops-lead" data-testid="corr-lead">
        {r.method === 'pearson' ? 'Pearson' : 'Spearman'} correlation of {r.columns.length} numeric columns: <b>{String(run.settings.reference)}</b> ({r.n_reference_rows.toLocaleString('en-US')} rows) vs <b>{String(run.settings.current)}</b> ({r.n_current_rows.toLocaleString('en-US')} rows).{' '}
        <b>{r.changed_pairs ? `${r.changed_pairs} pair(s) changed by ${r.threshold} or more.` : `No pair changed by ${r.threshold} or more.`}</b>
      </p>
      {r.notes.map((n) => <p key={n} className="notice" role="note">{n}</p>)}
      {r.largest_changes.length > 0 && (
        <div className="ops-scroll">
          <table className="ops-table corr-changes">
            <caption>Largest changes</caption>
            <thead><tr><th>pair</th><th className="n">reference</th><th className="n">current</th><th className="n">change</th></tr></thead>
            <tbody>
              {r.largest_changes.map((p) => (
                <tr key={`${p.a}\u0000${p.b}`} data-pair={`${p.a} × ${p.b}`}>
                  <th scope="row">{p.a} × {p.b}</th>
                  <td className="n">{cell(p.reference)}</td>
                  <td className="n">{cell(p.current)}</td>
                  <td className="n" data-field="change">{p.change === null ? 'undefined' : `${p.change > 0 ? '+' : ''}${p.change.toFixed(3)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.undefined_pairs.length > 0 && <p className="muted">Undefined (a constant column, or no shared rows): {r.undefined_pairs.slice(0, 8).map((p) => `${p.a} × ${p.b}`).join(', ')}{r.undefined_pairs.length > 8 ? ', …' : ''}.</p>}
      {r.skipped.length > 0 && <p className="muted">Left out: {r.skipped.map((s) => `${s.column} (${s.reason})`).join('; ')}.</p>}
      <div className="ops-charts">{charts.map((c) => <LazySpecChart key={c.id} spec={c} />)}</div>
    </div>
  );
}

export function CorrelationScreen() {
  const { datasets, platform } = useApp();
  const client = platform.client;
  const list = datasets.datasets;
  const [pair, setPair] = useState<Pair | null>(null);
  const [method, setMethod] = useState<CorrelationMethod>('pearson');
  const [threshold, setThreshold] = useState('0.2');
  const { state, start, cancel } = useAnalysisRun<CorrelationRun>(client);
  const chosen = pair ?? (list ? defaultPair(list, readLastPair()) : null);
  const t = Number(threshold);
  const problem = threshold.trim() === '' || !(t > 0 && t <= 2) ? 'The threshold must be a number in (0, 2].' : null;

  const run = useCallback(
    (p: Pair, m: CorrelationMethod, th: number) => start({ analysis: 'correlation', datasets: { reference: p.reference, current: p.current }, options: { method: m, threshold: th } }, (r) => r as CorrelationRun),
    [start],
  );
  const key = chosen ? `${chosen.reference}\u0000${chosen.current}` : null;
  useEffect(() => {
    if (chosen) run(chosen, 'pearson', 0.2);
    // A new pair runs at once with the defaults; settings changes wait for Run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, run]);

  return (
    <section className="screen correlation" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>Correlation</h1>
      </header>
      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}
      {list !== null && !chosen && <NeedTwoDatasets>Correlation compares the numeric columns of a reference dataset (training data) with those of a current one (the production log).</NeedTwoDatasets>}
      {list !== null && chosen && (
        <div className="ops-layout corr-layout">
          <form
            className="ops-form"
            aria-label="Correlation settings"
            onSubmit={(e) => {
              e.preventDefault();
              if (!problem) run(chosen, method, t);
            }}
          >
            <DatasetPairPicker datasets={list} pair={chosen} onChange={setPair} />
            <label className="field">
              <span>Method</span>
              <select value={method} onChange={(e) => setMethod(e.target.value as CorrelationMethod)}>
                <option value="pearson">Pearson</option>
                <option value="spearman">Spearman</option>
              </select>
            </label>
            <label className="field">
              <span>Changed when |change| ≥</span>
              <input type="number" step="0.05" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
            </label>
            {problem && <p className="muted" role="status">{problem}</p>}
            <div>
              <button type="submit" className="button button--primary" disabled={!!problem}>Run</button>
            </div>
          </form>
          <div className="ops-main">
            <RunStatus state={state} onCancel={cancel} analysis="correlation" what="run" failed="The correlation could not be computed" />
            {state.run && <div className={state.status === 'running' ? 'ops-stale' : ''}><Results run={state.run} /></div>}
          </div>
        </div>
      )}
    </section>
  );
}
