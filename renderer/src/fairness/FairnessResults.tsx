/** One run drawn: verdicts per attribute, Fairlearn's summaries, the disparity plot, the group table and the over-time view. */
import { useState } from 'react';
import type { DisparityRate, FairnessResult, GroupResult, Interval } from '../../../core/analyses/fairness/types';
import { SpecChart } from '../shared/SpecChart';
import { DEFAULT_TABLE_METRICS, tableMetrics, toggleMetric } from './groupColumns';
import { groupStatus, METRICS, tooSmallWhy } from './groupStatus';
import type { FairnessRun } from './useFairnessRun';

const NAMES: Record<DisparityRate, string> = {
  tpr: 'true positive rate', tnr: 'true negative rate', fpr: 'false positive rate', fnr: 'false negative rate', fdr: 'false discovery rate',
  for: 'false omission rate', npv: 'negative predictive value', precision: 'precision', ppr: 'share of all predicted positives', pprev: 'selection rate',
};

export function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? '—' : String(Number(v.toPrecision(digits)));
}

function Iv({ iv }: { iv: Interval | undefined }) {
  return iv ? <span className="muted fairness-iv">[{fmt(iv.low)}, {fmt(iv.high)}]</span> : null;
}

function Status({ r, g }: { r: FairnessResult; g: GroupResult }) {
  const s = groupStatus(r, g);
  if (s.status === 'reference') return <span className="badge">reference</span>;
  if (s.status === 'too_small') {
    return (
      <span className="badge badge--muted" title={tooSmallWhy(r, g)}>
        too small to judge ({g.flags.too_small ? `${g.size} < ${r.min_group_size} rows` : 'small reference'}); not counted
      </span>
    );
  }
  if (s.status === 'fail') return <span className="badge badge--fail">fails {s.failed.join(', ')}</span>;
  if (s.status === 'undefined') return <span className="badge badge--muted">undefined</span>;
  return <span className="badge badge--pass">within</span>;
}

function Verdicts({ r }: { r: FairnessResult }) {
  return (
    <ul className="fairness-verdicts">
      {r.attributes.map((a) => {
        const failing = METRICS.filter((m) => r.groups.some((g) => g.attribute === a.attribute && groupStatus(r, g).failed.includes(m)));
        return (
          <li key={a.attribute} className={failing.length ? 'fail' : 'pass'}>
            <b>{a.attribute}</b>: reference “{a.reference_group ?? '—'}” ({a.reference_method === 'chosen' ? 'chosen' : a.reference_method === 'majority' ? 'largest group' : 'smallest rate per metric'}) —{' '}
            {failing.length ? `judged groups outside [${r.tau}, ${fmt(1 / r.tau, 4)}] on ${failing.join(', ')}` : 'every judged group within the band'}
            {a.too_small_groups.length > 0 && `; too small to judge: ${a.too_small_groups.join(', ')}`}
            {a.notes.map((n) => <div key={n} className="muted">{n}</div>)}
          </li>
        );
      })}
    </ul>
  );
}

function Summary({ r }: { r: FairnessResult }) {
  const keys = ['demographic_parity', 'equalized_odds', 'equal_opportunity'] as const;
  return (
    <table className="data fairness-summary">
      <caption>Fairlearn summaries (largest minus smallest group value; ratio smallest over largest)</caption>
      <thead>
        <tr><th scope="col">attribute</th>{keys.map((k) => <th scope="col" key={k} colSpan={2}>{k.replace('_', ' ')}: difference / ratio</th>)}</tr>
      </thead>
      <tbody>
        {r.summary.map((s) => (
          <tr key={s.attribute}>
            <th scope="row">{s.attribute}</th>
            {keys.flatMap((k) => [`${k}_difference`, `${k}_ratio`]).map((f) => (
              <td key={f} className="n" data-field={f}>
                {fmt((s as unknown as Record<string, number | null>)[f], 4)} <Iv iv={s.intervals[f]} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Checkboxes for the table's metrics (the chart's metric is always shown) and the counts. */
function ColumnChooser({ chosen, chartMetric, counts, onToggle, onCounts }: { chosen: ReadonlySet<DisparityRate>; chartMetric: DisparityRate; counts: boolean; onToggle: (m: DisparityRate) => void; onCounts: (on: boolean) => void }) {
  return (
    <details className="fairness-columns">
      <summary>Table columns: {tableMetrics(chosen, chartMetric).join(', ')}{counts ? ', counts' : ''}</summary>
      <fieldset>
        <legend className="visually-hidden">Metrics in the group table</legend>
        {METRICS.map((m) => (
          <label key={m} title={NAMES[m]}>
            <input type="checkbox" checked={chosen.has(m) || m === chartMetric} disabled={m === chartMetric} onChange={() => onToggle(m)} /> {m}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={counts} onChange={(e) => onCounts(e.target.checked)} /> counts (label +, predicted +)
        </label>
      </fieldset>
    </details>
  );
}

/**
 * Rate and disparity per chosen metric, each value over its interval (a second line, which may
 * wrap), the verdict under the group's name: the table fits the results column without scrolling.
 */
function GroupTable({ r, metrics, counts }: { r: FairnessResult; metrics: readonly DisparityRate[]; counts: boolean }) {
  return (
    <table className="data fairness-groups">
      <caption>Groups: sizes, verdicts at τ, rates with 95% Wilson intervals, and disparities against the reference</caption>
      <thead>
        <tr>
          <th scope="col">group<br /><span className="muted">verdict at τ</span></th><th scope="col" className="n">size</th>
          {metrics.map((m) => [
            <th scope="col" className="n" key={m} title={NAMES[m]}>{m}</th>,
            <th scope="col" className="n" key={`${m}_d`} title={`${NAMES[m]} ÷ the reference group's`}>{m} disp.</th>,
          ])}
          {counts && <><th scope="col" className="n">label +</th><th scope="col" className="n">predicted +</th></>}
        </tr>
      </thead>
      <tbody>
        {r.groups.map((g) => {
          const s = groupStatus(r, g);
          return (
            <tr key={`${g.attribute}\u0000${g.group}`} className={s.status === 'too_small' ? 'fairness-groups__small' : s.status === 'fail' ? 'fairness-groups__fail' : ''} data-group={`${g.attribute}=${g.group}`}>
              <th scope="row">
                <span className="fairness-groups__attribute">{g.attribute}</span>
                <span className="fairness-groups__name">{g.group}{g.pooled && <span className="muted"> (pooled)</span>}</span>
                <Status r={r} g={g} />
              </th>
              <td className="n" data-field="size">{g.size}</td>
              {metrics.map((m) => [
                <td className="n" key={m} data-field={m}>{fmt(g[m])} <Iv iv={g.rate_intervals[m]} /></td>,
                <td className="n" key={`${m}_d`} data-field={`${m}_disparity`}>{fmt(g[`${m}_disparity`])} <Iv iv={g.disparity_intervals[m]} /></td>,
              ])}
              {counts && <><td className="n">{g.group_label_pos}</td><td className="n">{g.pp}</td></>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FairnessResults({ run }: { run: FairnessRun }) {
  const r = run.result;
  const [metric, setMetric] = useState<DisparityRate>('fpr');
  const [attribute, setAttribute] = useState(r.attributes[0]?.attribute ?? '');
  const [chosen, setChosen] = useState<ReadonlySet<DisparityRate>>(() => new Set(DEFAULT_TABLE_METRICS));
  const [counts, setCounts] = useState(false);
  const charts = run.charts ?? [];
  const disparity = charts.find((c) => c.id === `disparity:${metric}`);
  const overTime = charts.find((c) => c.id === `over-time:${metric}:${attribute}`);
  return (
    <div className="fairness-results">
      <p className="fairness-lead">
        Decision {r.decision.kind === 'score' ? `${r.decision.column} ≥ ${r.decision.threshold}` : `${r.decision.column} = 1`} against label {r.label.column};{' '}
        {r.rows.used_any} of {r.rows.total} rows used; parity when {r.tau} ≤ disparity ≤ {fmt(1 / r.tau, 4)}.
        {r.bootstrap ? ` Intervals of disparities and summaries: ${r.bootstrap.resamples} bootstrap resamples (seed ${r.bootstrap.seed}).` : ' No bootstrap: disparities have no interval (set resamples to get them).'}
      </p>
      {r.notes.map((n) => <p key={n} className="muted">{n}</p>)}
      <Verdicts r={r} />
      <div className="fairness-scroll">
        <Summary r={r} />
      </div>
      <div className="fairness-metric">
        <label className="field">
          <span>Metric</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as DisparityRate)}>
            {METRICS.map((m) => <option key={m} value={m}>{m} — {NAMES[m]}</option>)}
          </select>
        </label>
      </div>
      <div className="fairness-pair">
        {disparity && <SpecChart className="fairness-chart" spec={disparity} label={`${metric} disparity per group with the parity band`} />}
        <div>
          <ColumnChooser chosen={chosen} chartMetric={metric} counts={counts} onToggle={(m) => setChosen((c) => toggleMetric(c, m))} onCounts={setCounts} />
          <div className="fairness-scroll" tabIndex={0} role="region" aria-label="Group table">
            <GroupTable r={r} metrics={tableMetrics(chosen, metric)} counts={counts} />
          </div>
        </div>
      </div>
      {r.over_time && (
        <section aria-label="Over time">
          <h2>Over time</h2>
          <div className="fairness-metric">
            <label className="field">
              <span>Attribute</span>
              <select value={attribute} onChange={(e) => setAttribute(e.target.value)}>
                {r.attributes.map((a) => <option key={a.attribute} value={a.attribute}>{a.attribute}</option>)}
              </select>
            </label>
          </div>
          {overTime ? <SpecChart className="fairness-chart" spec={overTime} label={`${metric} disparity of ${attribute} per chunk`} /> : <p className="muted">The over-time view shows the key metrics (pprev, fpr, fnr, precision); choose one of them.</p>}
        </section>
      )}
      <details>
        <summary>Definitions</summary>
        <p>{r.methods}</p>
      </details>
    </div>
  );
}
