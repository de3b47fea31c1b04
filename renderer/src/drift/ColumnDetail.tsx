import { useState } from 'react';
import type { ColumnQuality, DriftColumnResult, OverTimeResult, OverTimeSeries } from '../../../core/analyses/drift/types';
import type { ChartSpec } from '../../../core/api/types';
import { SpecChart } from '../shared/SpecChart';
import { ColumnOverride } from './ColumnOverride';
import { roleBadge } from './DriftTable';
import { formatP, formatShare, formatStat, seasonalText, testName } from './driftFormat';
import { QualityTable } from './QualityTable';
import { QuantileTable } from './QuantileTable';
import { isPValueTest } from './score';
import type { ColumnOverrideForm } from '../shared/settingsForm';

export interface ColumnDetailProps {
  readonly column: DriftColumnResult;
  /** The run's chart specs by id (the drift module's, as the report draws them). */
  readonly charts: ReadonlyMap<string, ChartSpec>;
  readonly series: OverTimeSeries | undefined;
  readonly overTime: OverTimeResult | undefined;
  readonly quality: ColumnQuality | undefined;
  readonly override: ColumnOverrideForm | undefined;
  readonly overrideError: string | undefined;
  readonly busy: boolean;
  readonly onOverride: (column: string, value: ColumnOverrideForm | null) => void;
}

/** Everything about one column, drawn from the run already in memory: selecting never refetches. */
export function ColumnDetail({ column: c, charts, series, overTime, quality, override, overrideError, busy, onOverride }: ColumnDetailProps) {
  const badge = roleBadge(c.role);
  const verdict = c.error ? 'could not be tested' : c.drifted ? 'drifted' : 'no drift';
  const distribution = charts.get(`distribution:${c.column}`);
  const ecdf = charts.get(`ecdf:${c.column}`);
  const overTimeSpec = charts.get(`over-time:${c.column}`);
  const rule = c.test === null ? '' : isPValueTest(c.test) ? `p < ${formatStat(c.threshold)}` : `statistic ≥ ${formatStat(c.threshold)}`;
  return (
    <section className="drift-detail" aria-labelledby="drift-detail-title" data-column={c.column}>
      <header className="drift-detail__header">
        <h2 id="drift-detail-title" className="drift-detail__title">
          {c.column}
        </h2>
        <div className="drift-detail__badges">
          <span className={c.error ? 'drift-badge drift-badge--error' : c.drifted ? 'drift-badge drift-badge--drift' : 'drift-badge drift-badge--ok'}>{verdict}</span>
          {badge && <span className="drift-badge drift-badge--role">{badge}</span>}
          <span className="tag">{c.kind}</span>
        </div>
      </header>
      <p className="drift-detail__facts">
        {testName(c.test)}
        {c.statistic !== null && <> · statistic {formatStat(c.statistic)}</>}
        {c.p_value !== null && <> · p {formatP(c.p_value)}</>}
        {rule && <> · drift when {rule}</>}
        {c.raw_distance !== null && <> · raw distance {formatStat(c.raw_distance)}</>}
      </p>
      <p className="drift-detail__reason">
        <span className="muted">Why this test: </span>
        {c.reason}
      </p>
      {c.note && <p className="drift-detail__note">Note: {c.note}</p>}
      {c.error && (
        <p className="notice notice--error drift-detail__error" role="status">
          {c.error}
        </p>
      )}

      <ColumnOverride key={c.column} column={c.column} kind={c.kind} value={override} error={overrideError} disabled={busy} onApply={onOverride} />

      {/* The charts are the module's specs, titled inside the figure as in the report; the headings are for screen readers. */}
      <div className="drift-chart">
        <h3 className="visually-hidden" data-testid="distribution-title">
          Distribution of {c.column}
        </h3>
        {distribution ? (
          <SpecChart spec={distribution} className="drift-chart__plot" label={`Reference and current shares of ${c.column} by ${c.kind === 'numerical' ? 'bin' : 'category'}`} />
        ) : (
          <p className="drift-chart__empty muted">No distribution to show for this column{c.error ? ' (it could not be tested)' : ''}.</p>
        )}
        {distribution && <SharesTable column={c} />}
      </div>
      {/* Kept mounted (hidden) while a column has no ECDF, as the other charts are: the next
          numerical column redraws this plot in place instead of building a new one and purging
          the old (bea4877). */}
      <EcdfSlot spec={ecdf} column={c} />
      {c.kind === 'numerical' && (
        <div className="drift-chart">
          <h3 className="drift-chart__title">Quantiles</h3>
          <QuantileTable column={c} />
        </div>
      )}
      {series && overTime && (
        <div className="drift-chart">
          <h3 className="drift-chart__title">Drift over time</h3>
          {series.note && <p className="drift-chart__note muted">{series.note}</p>}
          {series.band && (
            <p className="drift-chart__note">
              A chunk drifts outside the reference band (mean ± 3σ) of {series.band.reference_chunks} reference chunks: {formatStat(series.band.lower)} to {formatStat(series.band.upper)}.
            </p>
          )}
          {seasonalText(series, overTime) && <p className="drift-chart__note drift-seasonal">{seasonalText(series, overTime)}</p>}
          {overTimeSpec && series.points.length > 0 ? (
            <SpecChart spec={overTimeSpec} zoom className="drift-chart__plot" label={`${c.column} over ${series.points.length} chunks: ${series.points.filter((p) => p.drifted).length} drifted`} />
          ) : (
            <p className="drift-chart__empty muted">No chunks: the current data has no rows to cut.</p>
          )}
        </div>
      )}
      <div className="drift-chart">
        <h3 className="drift-chart__title">Data quality</h3>
        <QualityTable quality={quality} />
      </div>
    </section>
  );
}

/**
 * The column's ECDF; for a column without one, the last ECDF drawn stays in its div, hidden and
 * untouched (the same spec object, so nothing is redrawn), without its data-chart id.
 */
function EcdfSlot({ spec, column: c }: { spec: ChartSpec | undefined; column: DriftColumnResult }) {
  const label = `Cumulative distributions of ${c.column}, reference and current${c.distribution?.ks_gap ? `; largest gap D = ${formatStat(c.distribution.ks_gap.distance)}` : ''}`;
  const [last, setLast] = useState<{ spec: ChartSpec; label: string } | null>(spec ? { spec, label } : null);
  if (spec && last?.spec !== spec) setLast({ spec, label });
  const shown = spec ? { spec, label } : last;
  if (!shown) return null;
  return (
    <div className="drift-chart" hidden={!spec}>
      {spec && <h3 className="visually-hidden">Cumulative distribution of {c.column} (KS distance marked)</h3>}
      <SpecChart spec={shown.spec} className="drift-chart__plot" label={shown.label} hidden={!spec} />
    </div>
  );
}

/** The shares the distribution chart draws, as a table for screen readers (every bin or category). */
function SharesTable({ column: c }: { column: DriftColumnResult }) {
  const d = c.distribution;
  if (!d) return null;
  const what = c.kind === 'numerical' ? 'Bin' : 'Category';
  return (
    <table className="visually-hidden">
      <caption>Shares by {what.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col">Reference</th>
          <th scope="col">Current</th>
        </tr>
      </thead>
      <tbody>
        {d.labels.map((l, i) => (
          <tr key={i}>
            <th scope="row">{l}</th>
            <td>{formatShare(d.reference_shares[i])}</td>
            <td>{formatShare(d.current_shares[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
