/**
 * The dataset page's per-column summary: what pandas' describe gives (count, missing, distinct,
 * min/mean/std/quantiles/max) for numbers, the top categories with their shares for text, and a
 * small histogram or bar list for each. Numbers come from the engine (describeDataset); this only
 * formats them. Column names and values are text nodes, never HTML.
 */
import { useEffect, useState } from 'react';
import type { CategoricalSummary, ColumnSummary, NumericSummary } from '../../../core/analyses/summary/types';
import type { DatasetDescription } from '../../../core/api/types';
import { useApp } from '../app/context';
import { errorMessage } from '../errors';
import { formatCount } from '../format';

type State = { kind: 'loading' } | { kind: 'ready'; description: DatasetDescription } | { kind: 'error'; message: string };

/** Mount it keyed by the dataset: a new dataset starts from 'loading'. */
export function ColumnSummaries({ dataset }: { dataset: string }) {
  const { platform } = useApp();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    platform.client.describeDataset({ dataset }).then(
      (description) => live && setState({ kind: 'ready', description }),
      (e: unknown) => live && setState({ kind: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [platform, dataset]);

  if (state.kind === 'loading') return <p className="muted">Summarising the columns…</p>;
  if (state.kind === 'error')
    return (
      <div className="notice notice--error" role="alert">
        <div className="notice__body">The column summary could not be computed: {state.message}</div>
      </div>
    );
  return (
    <div className="table-wrap table-wrap--scroll">
      <table className="table table--dense summary-table" aria-label="Column summary">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col" className="num">
              Missing
            </th>
            <th scope="col" className="num">
              Distinct
            </th>
            <th scope="col">Summary</th>
            <th scope="col">Distribution</th>
          </tr>
        </thead>
        <tbody>
          {state.description.columns.map((c) => (
            <tr key={c.name} data-column={c.name}>
              <th scope="row" className="table__name table__name--plain">
                {c.name} <span className={`tag tag--${c.type}`}>{c.type}</span>
              </th>
              <td className="num">{formatCount(c.count)}</td>
              <td className="num">{c.missing > 0 ? `${formatCount(c.missing)} (${share(c.missing, c.count + c.missing)})` : <span className="muted">0</span>}</td>
              <td className="num">{formatCount(c.distinct)}</td>
              <td>{c.kind === 'numeric' ? <NumericFacts s={c} /> : <TopCategories s={c} />}</td>
              <td>{c.kind === 'numeric' ? <HistogramChart s={c} /> : <CategoryBars s={c} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NumericFacts({ s }: { s: NumericSummary }) {
  if (s.count === 0) return <span className="muted">no values</span>;
  const q = (p: number) => s.quantiles.find((x) => x.q === p)?.value ?? null;
  const facts: [string, string][] = [
    ['min', stat(s.min, s)],
    ['25%', stat(q(0.25), s)],
    ['median', stat(q(0.5), s)],
    ['75%', stat(q(0.75), s)],
    ['max', stat(s.max, s)],
    ['mean', stat(s.mean, s)],
    ['std', s.type === 'timestamp' ? duration(s.std) : stat(s.std, s)],
  ];
  return (
    <dl className="summary-facts num">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function TopCategories({ s }: { s: CategoricalSummary }) {
  if (s.count === 0) return <span className="muted">no values</span>;
  const shown = s.top.slice(0, 5);
  const rest = s.count - shown.reduce((a, t) => a + t.count, 0);
  return (
    <ol className="summary-top">
      {shown.map((t) => (
        <li key={t.value}>
          <span className="summary-top__value">{t.value}</span> <span className="num muted">{share(t.count, s.count)}</span>
        </li>
      ))}
      {rest > 0 && <li className="muted">other values: {share(rest, s.count)}</li>}
    </ol>
  );
}

const W = 120;
const H = 32;

/** Ten equal-width bins, min to max (numpy.histogram). */
function HistogramChart({ s }: { s: NumericSummary }) {
  const counts = s.histogram.counts;
  if (counts.length === 0) return null;
  const top = Math.max(...counts);
  const bw = W / counts.length;
  return (
    <svg className="summary-chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Histogram of ${s.name}: ${counts.join(', ')} values in ten equal bins`}>
      {counts.map((c, i) => {
        const h = top > 0 ? Math.max(c > 0 ? 1 : 0, (c / top) * H) : 0;
        return <rect key={i} x={i * bw + 0.5} y={H - h} width={bw - 1} height={h} />;
      })}
    </svg>
  );
}

function CategoryBars({ s }: { s: CategoricalSummary }) {
  if (s.count === 0) return null;
  const shown = s.top.slice(0, 5);
  const bh = H / 5;
  return (
    <svg className="summary-chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Shares of the top values of ${s.name}`}>
      {shown.map((t, i) => (
        <rect key={t.value} x={0} y={i * bh + 0.5} width={Math.max(1, t.share * W)} height={bh - 1} />
      ))}
    </svg>
  );
}

function share(n: number, of: number): string {
  if (of === 0) return '—';
  const p = (100 * n) / of;
  return `${p < 0.1 && p > 0 ? '<0.1' : p.toFixed(p < 10 ? 1 : 0)}%`;
}

/** A statistic in the column's own terms: dates for timestamps, shares for booleans, 4 significant digits otherwise. */
function stat(v: number | null, s: ColumnSummary): string {
  if (v === null) return '—';
  if (s.type === 'timestamp') return new Date(v).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return formatCount(v);
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e9) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  const days = ms / 86_400_000;
  return days >= 1 ? `${Number(days.toPrecision(3))} days` : `${Number((ms / 3_600_000).toPrecision(3))} hours`;
}
