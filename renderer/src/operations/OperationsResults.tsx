/**
 * An operations run on screen: headline cards (latency percentiles, throughput, error rate,
 * predicted-positive rate, with the reference's value beneath), the module's charts drawn by
 * SpecChart, the per-version and per-chunk tables. Every number is the run's; nothing is computed here.
 */
import type { AnalysisRun } from '../../../core/api/types';
import type { LatencySummary, OperationsOptions, OperationsResult, SliceFigures } from '../../../core/analyses/operations/types';
import { LazySpecChart } from './LazySpecChart';

export type OperationsRun = AnalysisRun<OperationsResult, OperationsOptions>;

const num = (v: number | null | undefined, digits = 4) => (v === null || v === undefined ? '—' : Number(v.toPrecision(digits)).toLocaleString('en-US'));
const pct = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(d)}%`);

function Card({ label, value, base, field }: { label: string; value: string; base?: string | null; field: string }) {
  return (
    <div className="ops-card" data-field={field}>
      <dt>{label}</dt>
      <dd>
        {value}
        {base != null && <span className="ops-card__base">reference {base}</span>}
      </dd>
    </div>
  );
}

const latencyCells = (l: LatencySummary | null) => (
  <>
    <td className="n" data-field="p50">{num(l?.p50)}</td>
    <td className="n" data-field="p95">{num(l?.p95)}</td>
    <td className="n" data-field="p99">{num(l?.p99)}</td>
    <td className="n">{num(l?.mean)}</td>
    <td className="n">{num(l?.max)}</td>
  </>
);

function FiguresRow({ name, s, id }: { name: string; s: SliceFigures; id: string }) {
  return (
    <tr data-row={id}>
      <th scope="row">{name}</th>
      <td className="n">{s.rows.toLocaleString('en-US')}</td>
      {latencyCells(s.latency)}
      <td className="n" data-field="error_rate">{pct(s.error_rate, 2)}</td>
      <td className="n" data-field="positive_rate">{pct(s.predicted_positive_rate)}</td>
    </tr>
  );
}

const HEAD = ['rows', 'P50 ms', 'P95 ms', 'P99 ms', 'mean ms', 'max ms', 'error rate', 'positive rate'];

export function OperationsResults({ run }: { run: OperationsRun }) {
  const r = run.result;
  const b = r.reference;
  const charts = run.charts ?? [];
  const chart = (id: string) => {
    const spec = charts.find((c) => c.id === id);
    return spec ? <LazySpecChart key={id} spec={spec} /> : null;
  };
  const health = ['latency-over-time', 'throughput-over-time', 'error-rate-over-time', 'latency-by-version'].map(chart).filter(Boolean);
  // Per model version over time (present when the log has two versions or more).
  const byVersion = ['latency-by-version-over-time', 'throughput-by-version-over-time', 'error-rate-by-version-over-time'].map(chart).filter(Boolean);
  const predictions = ['score-histogram', 'positive-rate-over-time', 'score-over-time', 'prediction-distribution', 'volume-by-hour', 'volume-by-weekday'].map(chart).filter(Boolean);
  const c = r.columns;
  return (
    <div className="ops-results">
      <p className="ops-lead" data-testid="ops-lead">
        {r.rows.toLocaleString('en-US')} rows of <b>{String(run.settings.dataset)}</b>
        {r.throughput?.first ? ` from ${r.throughput.first.slice(0, 16).replace('T', ' ')} to ${(r.throughput.last ?? '').slice(0, 16).replace('T', ' ')} UTC` : ''}
        {b ? <>; baseline <b>{String(run.settings.reference)}</b></> : ''}. Columns: latency <code>{c.latency ?? '—'}</code>, status <code>{c.status ?? '—'}</code>, version <code>{c.version ?? '—'}</code>, score <code>{c.score ?? '—'}</code>, prediction <code>{c.prediction ?? '—'}</code>, timestamp <code>{c.timestamp ?? '—'}</code>.
      </p>
      {r.notes.map((n) => <p key={n} className="notice" role="note">{n}</p>)}
      <dl className="ops-cards" aria-label="Headline figures">
        <Card field="p50" label="Latency P50 (ms)" value={num(r.latency?.p50)} base={b ? num(b.latency?.p50) : null} />
        <Card field="p95" label="Latency P95 (ms)" value={num(r.latency?.p95)} base={b ? num(b.latency?.p95) : null} />
        <Card field="p99" label="Latency P99 (ms)" value={num(r.latency?.p99)} base={b ? num(b.latency?.p99) : null} />
        <Card field="throughput" label="Rows per hour" value={num(r.throughput?.rows_per_hour)} base={b ? num(b.rows_per_hour) : null} />
        <Card field="error_rate" label="Error rate" value={pct(r.error_rate, 2)} base={b ? pct(b.error_rate, 2) : null} />
        <Card field="positive_rate" label="Predicted positive" value={pct(r.predictions.predicted_positive_rate)} base={b ? pct(b.predicted_positive_rate) : null} />
      </dl>
      <section className="ops-section" aria-labelledby="ops-health">
        <h2 id="ops-health">System health</h2>
        <div className="ops-scroll">
          <table className="ops-table ops-versions">
            <caption>Overall{r.by_version ? ' and per model version' : ''}</caption>
            <thead><tr><th />{HEAD.map((h) => <th key={h} className="n">{h}</th>)}</tr></thead>
            <tbody>
              <FiguresRow id="all" name="all rows" s={{ rows: r.rows, latency: r.latency, error_rate: r.error_rate, errors: null, predicted_positive_rate: r.predictions.predicted_positive_rate, mean_score: null }} />
              {b && <FiguresRow id="reference" name="reference" s={b} />}
              {(r.by_version ?? []).map((v) => <FiguresRow key={v.version} id={`version=${v.version}`} name={`${c.version} = ${v.version}`} s={v} />)}
            </tbody>
          </table>
        </div>
        <div className="ops-charts">{health}</div>
        {byVersion.length > 0 && (
          <>
            <h3 className="ops-subtitle">Over time by {c.version ?? 'model version'}</h3>
            <div className="ops-charts">{byVersion}</div>
          </>
        )}
      </section>
      <section className="ops-section" aria-labelledby="ops-predictions">
        <h2 id="ops-predictions">Prediction analysis</h2>
        {r.predictions.positive_rule && <p className="muted">Positive: <code>{r.predictions.positive_rule}</code>. The predicted-positive rate is the proxy to watch while labels are late.</p>}
        <div className="ops-charts">{predictions}</div>
      </section>
      {r.over_time && (
        <section className="ops-section" aria-labelledby="ops-chunks">
          <h2 id="ops-chunks">Per chunk</h2>
          <p className="muted">
            {r.over_time.chunk.by === 'period' ? `One chunk per ${r.over_time.chunk.period} (UTC)` : `Chunks of ${r.over_time.chunk.size.toLocaleString('en-US')} rows`}
            {r.over_time.automatic ? ', chosen from the span of the log' : ''}.
          </p>
          <div className="ops-scroll">
            <table className="ops-table ops-chunks">
              <thead><tr><th>chunk</th><th className="n">rows</th><th className="n">rows/hour</th><th className="n">P50 ms</th><th className="n">P95 ms</th><th className="n">P99 ms</th><th className="n">error rate</th><th className="n">positive rate</th><th className="n">mean score</th></tr></thead>
              <tbody>
                {r.over_time.chunks.map((k) => (
                  <tr key={k.key} data-row={k.key}>
                    <th scope="row">{k.label}</th>
                    <td className="n">{k.rows.toLocaleString('en-US')}</td>
                    <td className="n">{num(k.rows_per_hour)}</td>
                    <td className="n">{num(k.latency?.p50)}</td>
                    <td className="n">{num(k.latency?.p95)}</td>
                    <td className="n" data-field="p99">{num(k.latency?.p99)}</td>
                    <td className="n">{pct(k.error_rate, 2)}</td>
                    <td className="n">{pct(k.predicted_positive_rate)}</td>
                    <td className="n">{num(k.mean_score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
