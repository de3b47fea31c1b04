import { useId } from 'react';
import type { MonitorDefinition, OverviewModel } from '../../../core/api/types';
import { monitorAddCommand } from '../../../core/format/monitor-command';
import { num, percent } from '../../../core/format/numbers';
import { hrefFor } from '../app/routes';
import { formatCount, formatDateTime } from '../format';
import { AREA_LABEL, ALERT, HEALTH } from './labels';
import { linkHref, screenLabel } from './links';

/** "sick vs base", or the dataset alone. */
export function modelTitle(m: OverviewModel): string {
  return m.reference !== null ? `${m.current} vs ${m.reference}` : m.current;
}

function Figures({ model }: { model: OverviewModel }) {
  const h = model.headline;
  return (
    <dl className="ov-figures">
      {h && (
        <div className="ov-figure">
          <dt>
            <code>{h.metric}</code>
          </dt>
          <dd>
            <span className="ov-figure__value">{num(h.value)}</span>
            <span className="ov-figure__sub" title={h.baseline === null ? 'A drop or rise condition compares the figure with the same figure on the reference.' : undefined}>
              {h.baseline !== null ? `baseline ${num(h.baseline)}` : 'no baseline'}
            </span>
          </dd>
        </div>
      )}
      <div className="ov-figure">
        <dt>Labels</dt>
        <dd>
          {model.labels ? (
            <>
              <span className="ov-figure__value">{percent(model.labels.share, 0)}</span>
              <span className="ov-figure__sub">
                {formatCount(model.labels.labelled)} of {formatCount(model.labels.rows)} rows have <code>{model.labels.column}</code>
              </span>
            </>
          ) : (
            <span className="ov-figure__sub">no label column</span>
          )}
        </dd>
      </div>
      <div className="ov-figure">
        <dt>{model.latest ? `Latest ${model.latest.period}` : 'Rows'}</dt>
        <dd>
          {model.latest ? (
            <>
              <span className="ov-figure__value">{formatCount(model.latest.rows)}</span>
              <span className="ov-figure__sub" title={`${model.latest.column}: ${model.latest.from} – ${model.latest.to}`}>
                rows to {formatDateTime(model.latest.to, 'UTC')} UTC; {formatCount(model.latest.previousRows)} the {model.latest.period} before
              </span>
            </>
          ) : (
            <>
              <span className="ov-figure__value">{formatCount(model.rows)}</span>
              <span className="ov-figure__sub">no timestamp column, so no latest period</span>
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

/** One monitored model: its status, each area worst first, figures, and active alerts with when they started. */
export function ModelCard({ model }: { model: OverviewModel }) {
  const status = HEALTH[model.status];
  const titleId = useId();
  return (
    <article className={`ov-card ov-card--${model.status}`} aria-labelledby={titleId}>
      <header className="ov-card__header">
        <span className={`ov-status ov-status--${model.status}`}>
          <span aria-hidden="true">{status.symbol}</span> {status.word}
        </span>
        <h2 className="ov-card__title" id={titleId}>
          {modelTitle(model)}
        </h2>
        <a className="ov-card__open" href={linkHref(model.link)}>
          Open in {screenLabel(model.link)}
        </a>
      </header>
      <div className="ov-card__body">
        <ul className="ov-areas" aria-label={`Areas of ${modelTitle(model)}`}>
          {model.areas.map((a) => (
            <li key={a.area} className={`ov-area ov-area--${a.status}`}>
              <a href={linkHref(a.link)} className="ov-area__link">
                <span className={`ov-status ov-status--${a.status}`}>
                  <span aria-hidden="true">{HEALTH[a.status].symbol}</span> <span className="ov-area__name">{AREA_LABEL[a.area]}</span>
                </span>
                <span className="ov-area__count">
                  {a.alerting > 0 ? `${a.alerting} of ${a.monitors} alerting` : `${a.monitors} monitor${a.monitors === 1 ? '' : 's'}`}
                </span>
                <span className="ov-area__message" title={a.message ?? undefined}>
                  {a.message ?? 'not checked yet: run the checks'}
                </span>
                <span className="visually-hidden">{`, ${HEALTH[a.status].word}; open ${screenLabel(a.link)}`}</span>
              </a>
            </li>
          ))}
          {model.unwatched.length > 0 && (
            <li className="ov-area ov-area--unwatched muted">
              Not monitored: {model.unwatched.map((a) => AREA_LABEL[a]).join(', ')}
            </li>
          )}
        </ul>
        <Figures model={model} />
      </div>
      {model.alerts.length > 0 && (
        <section className="ov-alerts" aria-label={`Active alerts of ${modelTitle(model)}`}>
          <h3 className="ov-alerts__title">Active alerts</h3>
          <ul>
            {model.alerts.map((al) => (
              <li key={al.monitor} className={`ov-alert ov-alert--${al.status}`}>
                <span className={`monitor-status monitor-status--${al.status}`}>{ALERT[al.status]}</span>
                <span className="ov-alert__name">{al.monitor}</span>
                <span className="ov-alert__message">{al.message}</span>
                <span className="ov-alert__since" title={al.since}>
                  since {formatDateTime(al.since)} ({al.evaluations} check{al.evaluations === 1 ? '' : 's'})
                </span>
                <span className="ov-alert__links">
                  <a href={linkHref(al.link)}>Open {screenLabel(al.link)}</a>
                  {al.link.screen !== 'monitors' && <a href={linkHref({ screen: 'monitors', datasets: {}, monitor: al.monitor })}>History</a>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** A model no monitor watches: how to add one (a button, its command line, or the Monitors screen), and its figures. */
export function UnmonitoredModel({ model, busy, onAdd }: { model: OverviewModel; busy: boolean; onAdd: (m: MonitorDefinition) => void }) {
  const s = model.suggestion;
  const titleId = useId();
  return (
    <article className="ov-card ov-card--no-monitors" aria-labelledby={titleId}>
      <header className="ov-card__header">
        <span className="ov-status ov-status--no-monitors">
          <span aria-hidden="true">{HEALTH['no-monitors'].symbol}</span> {HEALTH['no-monitors'].word}
        </span>
        <h2 className="ov-card__title" id={titleId}>
          {modelTitle(model)}
        </h2>
        <a className="ov-card__open" href={linkHref(model.link)}>
          Open in {screenLabel(model.link)}
        </a>
      </header>
      <div className="ov-card__body">
        <div className="ov-add">
          {s ? (
            <>
              <p>
                Nothing checks this model yet. Add a monitor that alerts ({s.severity}) when <code>{s.metric}</code> {s.condition}:
              </p>
              <p>
                <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => onAdd(s)}>
                  Add this monitor
                </button>{' '}
                or choose another on the <a href={hrefFor({ screen: 'monitors' })}>Monitors screen</a>, or with “Monitor this” beside a result.
              </p>
              <p className="ov-add__cli">
                In a pipeline: <code>{monitorAddCommand(s)}</code>
              </p>
            </>
          ) : (
            <p>
              Nothing checks this dataset yet. Open a result for it and choose “Monitor this”, or add a monitor on the <a href={hrefFor({ screen: 'monitors' })}>Monitors screen</a> (or with <code>plumbline monitor add</code>).
            </p>
          )}
        </div>
        <Figures model={model} />
      </div>
    </article>
  );
}
