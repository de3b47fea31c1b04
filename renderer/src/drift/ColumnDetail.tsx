import type { ColumnQuality, DriftColumnResult, OverTimeResult, OverTimeSeries } from '../../../core/analyses/drift/types';
import { DistributionChart } from './charts/DistributionChart';
import { EcdfChart } from './charts/EcdfChart';
import { OverTimeChart } from './charts/OverTimeChart';
import { ColumnOverride } from './ColumnOverride';
import { roleBadge } from './DriftTable';
import { formatP, formatStat, seasonalText, testName } from './driftFormat';
import { QualityTable } from './QualityTable';
import { QuantileTable } from './QuantileTable';
import { isPValueTest } from './score';
import type { ColumnOverrideForm } from '../shared/settingsForm';

export interface ColumnDetailProps {
  readonly column: DriftColumnResult;
  readonly series: OverTimeSeries | undefined;
  readonly overTime: OverTimeResult | undefined;
  readonly quality: ColumnQuality | undefined;
  readonly override: ColumnOverrideForm | undefined;
  readonly overrideError: string | undefined;
  readonly busy: boolean;
  readonly onOverride: (column: string, value: ColumnOverrideForm | null) => void;
}

/** Everything about one column, drawn from the run already in memory: selecting never refetches. */
export function ColumnDetail({ column: c, series, overTime, quality, override, overrideError, busy, onOverride }: ColumnDetailProps) {
  const badge = roleBadge(c.role);
  const verdict = c.error ? 'could not be tested' : c.drifted ? 'drifted' : 'no drift';
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

      <div className="drift-chart">
        <h3 className="drift-chart__title" data-testid="distribution-title">
          Distribution of <span className="drift-chart__column">{c.column}</span>
        </h3>
        <DistributionChart column={c} />
      </div>
      <div className="drift-chart" hidden={c.kind !== 'numerical'}>
        <h3 className="drift-chart__title">Cumulative distribution (KS distance marked)</h3>
        <EcdfChart column={c} />
      </div>
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
          {seasonalText(series, overTime) && <p className="drift-chart__note drift-seasonal">{seasonalText(series, overTime)}</p>}
          <OverTimeChart series={series} overTime={overTime} />
        </div>
      )}
      <div className="drift-chart">
        <h3 className="drift-chart__title">Data quality</h3>
        <QualityTable quality={quality} />
      </div>
    </section>
  );
}
