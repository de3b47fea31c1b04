/**
 * A run's results, GrowthBook-style: the decision card with its reason, the SRM banner with its
 * plain sentence, per metric × treatment the value of each arm, the lift with its interval bar,
 * chance to win or p-value (adjusted beside raw) coloured by verdict, guardrail rows, power, the
 * module's charts (lift, cumulative lift over time, segments) and the segment table.
 */
import type { AbResult, MetricResult } from '../../../core/analyses/ab/types';
import type { ChartSpec } from '../../../core/api/types';
import { num, pValue } from '../../../core/format/numbers';
import { barGeometry, signed } from './abForm';
import { SpecChart } from '../shared/SpecChart';

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;

function liftOf(m: MetricResult): { est: number | null; low: number | null; high: number | null; relative: boolean } {
  if (m.relative_lift !== null) return { est: m.relative_lift, low: m.ci_low, high: m.ci_high, relative: true };
  return { est: m.absolute_lift, low: m.absolute_ci_low, high: m.absolute_ci_high, relative: false };
}

/** One scale per metric (relative lifts), so a wide interval of one metric does not flatten the others' bars. */
function scalesOf(rows: readonly MetricResult[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const m of rows) {
    const l = liftOf(m);
    if (!l.relative || l.low === null || l.high === null) continue;
    const [lo, hi] = out.get(m.metric) ?? [0, 0];
    out.set(m.metric, [Math.min(lo, l.low), Math.max(hi, l.high)]);
  }
  for (const [k, [lo, hi]] of out) {
    const pad = (hi - lo) * 0.05 || 0.01;
    out.set(k, [lo - pad, hi + pad]);
  }
  return out;
}

function IntervalBar({ m, scale }: { m: MetricResult; scale: [number, number] }) {
  const l = liftOf(m);
  let s = scale;
  if (!l.relative && l.low !== null && l.high !== null) {
    const pad = (Math.max(l.high, 0) - Math.min(l.low, 0)) * 0.05 || 1;
    s = [Math.min(l.low, 0) - pad, Math.max(l.high, 0) + pad];
  }
  const g = barGeometry(l.low, l.est, l.high, s[0], s[1]);
  if (!g) return <span className="muted">no interval</span>;
  return (
    <div className={`ab-bar ab-bar--${m.verdict}`} aria-hidden="true">
      <span className="ab-bar__zero" style={{ left: `${g.zero}%` }} />
      <span className="ab-bar__span" style={{ left: `${g.left}%`, width: `${g.width}%` }} />
      <span className="ab-bar__point" style={{ left: `${g.point}%` }} />
    </div>
  );
}

function LiftText({ m }: { m: MetricResult }) {
  const l = liftOf(m);
  const f = l.relative ? pct : (v: number) => num(v);
  return (
    <>
      <span className="ab-lift">{`${signed(l.est, f)}${l.relative ? '' : ' abs.'}`}</span>
      <span className="ab-ci">{`[${signed(l.low, f)}, ${signed(l.high, f)}]`}</span>
    </>
  );
}

export function ResultTable({ result, rows, segment, label }: { result: AbResult; rows: readonly MetricResult[]; segment: boolean; label: string }) {
  const bayes = result.engine === 'bayesian';
  const scales = scalesOf(rows);
  // In a breakdown the arms' values give way first on a narrow window (ab.css): the lift is the point.
  const armValue = segment ? 'num ab-arm-value' : 'num';
  return (
    <div className="table-wrap">
      <table className="table table--dense ab-table" aria-label={label}>
        <thead>
          <tr>
            {segment && <th scope="col">Segment</th>}
            <th scope="col">Metric</th>
            <th scope="col">Variant</th>
            <th scope="col" className={armValue}>
              {result.control} (control)
            </th>
            <th scope="col" className={armValue}>
              Treatment
            </th>
            <th scope="col" className="num">
              Lift [interval]
            </th>
            <th scope="col" className="ab-bar-cell">
              Interval
            </th>
            <th scope="col" className="num">
              {bayes ? 'Chance to win' : 'p-value'}
            </th>
            <th scope="col" className="num">
              Adjusted p
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m, i) => (
            <tr key={i} className={`ab-row ab-row--${m.verdict}`} data-metric={m.metric} data-variant={m.variant}>
              {segment && <td>{m.segment}</td>}
              <td>
                <span className="ab-metric">{m.metric}</span>
                <span className="muted ab-test"> {m.test}</span>
              </td>
              <td>{m.variant}</td>
              <td className={armValue} data-field="control_mean">
                {num(m.control_mean)}
              </td>
              <td className={armValue} data-field="treatment_mean">
                {num(m.treatment_mean)}
              </td>
              <td className="num" data-field="lift">
                <LiftText m={m} />
              </td>
              <td className="ab-bar-cell">
                <IntervalBar m={m} scale={scales.get(m.metric) ?? [-0.01, 0.01]} />
              </td>
              <td className="num" data-field={bayes ? 'chance_to_win' : 'p_value'}>
                {bayes ? (m.chance_to_win == null ? '—' : pct(m.chance_to_win)) : pValue(m.p_value)}
              </td>
              <td className="num">{pValue(m.p_value_adjusted)}</td>
              <td>
                <span className={`ab-verdict ab-verdict--${m.verdict}`}>{m.verdict === 'better' ? 'Better' : m.verdict === 'worse' ? 'Worse' : 'Inconclusive'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AbResults({ result, charts, stale }: { result: AbResult; charts: readonly ChartSpec[]; stale: boolean }) {
  const d = result.decision;
  const lift = charts.find((c) => c.id === 'lift');
  const overTime = charts.filter((c) => c.id.startsWith('over-time:'));
  const segments = charts.filter((c) => c.id.startsWith('segments:'));
  return (
    <div className={stale ? 'ab-results ab-results--stale' : 'ab-results'}>
      <div className={`ab-decision ab-decision--${d.action.replace(' ', '-')}`} role="status" aria-label="Decision">
        <div className="ab-decision__action">{d.action === 'ship' ? `Ship ${d.variant ?? ''}` : d.action === 'roll back' ? `Roll back ${d.variant ?? ''}` : 'Keep running'}</div>
        <p className="ab-decision__reason">{d.reason}</p>
      </div>

      <div className={result.srm.flag ? 'notice notice--error ab-srm' : 'ab-srm ab-srm--ok'} role={result.srm.flag ? 'alert' : 'status'} aria-label="Sample ratio">
        <strong>{result.srm.flag ? 'Sample ratio mismatch' : 'Sample ratio OK'}</strong> <span>{result.srm.message}</span>{' '}
        <span className="muted">
          Units: {result.variants.map((v) => `${v.name} ${v.units.toLocaleString('en-US')}`).join(' · ')}
        </span>
      </div>

      <h2 className="ab-h2">Results</h2>
      <p className="muted ab-legend">
        {result.engine === 'bayesian' ? 'Credible' : result.sequential ? 'Always-valid (sequential)' : 'Confidence'} intervals at {Math.round(100 * (1 - result.alpha))}%; p-values adjusted by{' '}
        {result.correction === 'holm' ? 'Holm–Bonferroni' : result.correction === 'bh' ? 'Benjamini–Hochberg' : 'nothing'}. Green: better; red: worse; grey: not distinguishable from control.
      </p>
      <ResultTable result={result} rows={result.results} segment={false} label="Lift per metric and treatment" />

      {result.guardrails.length > 0 && (
        <>
          <h2 className="ab-h2">Guardrails</h2>
          <div className="table-wrap">
            <table className="table table--dense" aria-label="Guardrails">
              <thead>
                <tr>
                  <th scope="col">Guardrail</th>
                  <th scope="col">Treatment</th>
                  <th scope="col" className="num">
                    Estimate [interval]
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Meaning</th>
                </tr>
              </thead>
              <tbody>
                {result.guardrails.map((g, i) => (
                  <tr key={i} className={`ab-row ab-row--${g.status === 'passed' ? 'better' : g.status === 'failed' ? 'worse' : 'inconclusive'}`}>
                    <td>{g.guardrail}</td>
                    <td>{g.variant}</td>
                    <td className="num">
                      {g.relative ? `${signed(g.estimate, pct)} [${signed(g.ci_low, pct)}, ${signed(g.ci_high, pct)}]` : `${signed(g.estimate, (v) => num(v))} [${signed(g.ci_low, (v) => num(v))}, ${signed(g.ci_high, (v) => num(v))}]`}
                    </td>
                    <td>
                      <span className={`ab-verdict ab-verdict--${g.status === 'passed' ? 'better' : g.status === 'failed' ? 'worse' : 'inconclusive'}`}>{g.status}</span>
                    </td>
                    <td>{g.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {result.power.length > 0 && (
        <ul className="ab-power">
          {result.power.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}

      {lift && (
        <div className="ab-charts">
          <SpecChart spec={lift} className="ab-chart" />
        </div>
      )}
      {overTime.length > 0 && (
        <>
          <h2 className="ab-h2">Cumulative lift over time</h2>
          <p className="muted">The lift of every day up to the one shown; the band is its {result.sequential ? 'always-valid' : 'fixed-horizon'} interval, which narrows as units accumulate.</p>
          <div className="ab-charts">
            {overTime.map((c) => (
              <SpecChart key={c.id} spec={c} className="ab-chart" />
            ))}
          </div>
        </>
      )}
      {result.segments && (
        <>
          <h2 className="ab-h2">By {result.segments.column}</h2>
          <p className="muted ab-legend">{result.segments.significance}</p>
          <ResultTable result={result} rows={result.segments.results} segment={true} label={`Lift by ${result.segments.column}`} />
          <div className="ab-charts">
            {segments.map((c) => (
              <SpecChart key={c.id} spec={c} className="ab-chart" />
            ))}
          </div>
        </>
      )}
      {result.notes.length > 0 && (
        <ul className="ab-notes muted">
          {result.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
