import { useCallback, useEffect, useState } from 'react';
import type { AnalysisInfo, CheckResult, Monitor, MonitorDefinition, MonitorEvaluation } from '../../../core/api/types';
import { useApp } from '../app/context';
import { routeParams } from '../app/routes';
import { notifyNewAlerts } from '../platform/notify';
import { ErrorNotice } from '../app/ErrorNotice';
import { errorMessage } from '../errors';
import { formatDateTime } from '../format';
import { num } from '../../../core/format/numbers';
import { MonitorForm } from './MonitorForm';
import { MonitorHistory } from './MonitorHistory';
import { StatusBadge } from './StatusBadge';
import '../shared/shared.css';
import './monitors.css';

/** "current vs reference" for analyses with a reference slot, else the datasets; then the baseline. */
function datasetsText(m: Monitor): string {
  const { reference, ...others } = m.datasets;
  const main = Object.values(others).join(', ');
  const text = reference !== undefined ? `${main} vs ${reference}` : main;
  const latest = Object.entries(m.window ?? {}).map(([slot, w]) => ('rows' in w ? `last ${w.rows.toLocaleString('en-US')} rows of ${slot}` : `last ${w.last} of ${slot}`));
  const windowed = latest.length ? `${text} (${latest.join(', ')})` : text;
  return m.reference && !Object.values(m.datasets).includes(m.reference) ? `${windowed} (baseline ${m.reference})` : windowed;
}

/**
 * The Monitors screen: every monitor with its latest status, "Run checks now", a monitor's
 * history, adding one by hand and removing one. The same API as `plumbline monitor` and `check`.
 */
export function MonitorsScreen() {
  const { platform, datasets } = useApp();
  const client = platform.client;
  const [monitors, setMonitors] = useState<Monitor[] | null>(null);
  const [analyses, setAnalyses] = useState<AnalysisInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<CheckResult | null>(null);
  // A link (the Overview's alert) may name the monitor whose history to open.
  const [selected, setSelected] = useState<string | null>(() => routeParams().monitor ?? null);
  const [history, setHistory] = useState<{ name: string; list: MonitorEvaluation[] } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const refresh = useCallback(() => {
    client.listMonitors({}).then(
      (m) => {
        setMonitors(m);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [client]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    client.listAnalyses({}).then(setAnalyses, (e: unknown) => setError(errorMessage(e)));
  }, [client]);
  useEffect(() => {
    if (selected === null) return;
    let live = true;
    client.monitorHistory({ name: selected, limit: 50 }).then(
      (list) => live && setHistory({ name: selected, list }),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client, selected, monitors]);

  const runChecks = async () => {
    setBusy(true);
    try {
      const result = await client.checkMonitors({});
      notifyNewAlerts(platform, result.newAlerts);
      setCheck(result);
      refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const add = async (m: MonitorDefinition) => {
    setBusy(true);
    try {
      await client.addMonitor({ monitor: m });
      setAddError(null);
      refresh();
    } catch (e) {
      setAddError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (name: string) => {
    if (confirming !== name) return setConfirming(name);
    setConfirming(null);
    try {
      await client.removeMonitor({ name });
      if (selected === name) setSelected(null);
      refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const count = (s: string) => check?.evaluations.filter((e) => e.status === s).length ?? 0;
  return (
    <section className="screen monitors" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          Monitors
        </h1>
        <div className="screen__actions">
          <button type="button" className="button button--primary" onClick={runChecks} disabled={busy || !monitors?.length}>
            {busy ? 'Running…' : 'Run checks now'}
          </button>
        </div>
      </header>
      {error && <ErrorNotice title="Monitors" message={error} onRetry={refresh} />}
      {check && (
        <p role="status" className={`monitors-summary monitors-summary--${check.status}`}>
          {check.evaluations.length} monitor{check.evaluations.length === 1 ? '' : 's'} checked: {count('pass')} passed, {count('warning')} warning, {count('critical')} critical, {count('error')} not evaluated ({check.runs} analysis run{check.runs === 1 ? '' : 's'}, {check.seconds.toFixed(2)} s).
        </p>
      )}
      <section className="panel" aria-labelledby="monitors-list-title">
        <h2 id="monitors-list-title" className="panel__title">
          Monitors in this workspace
        </h2>
        {monitors === null && !error && <p className="muted">Loading…</p>}
        {monitors !== null && monitors.length === 0 && <p className="muted">No monitors yet. Add one below, or with plumbline monitor add.</p>}
        {monitors !== null && monitors.length > 0 && (
          <div className="table-wrap">
            <table className="table monitors-table" aria-label="Monitors">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Name</th>
                  <th scope="col">Analysis</th>
                  <th scope="col">Datasets</th>
                  <th scope="col">Alert when</th>
                  <th scope="col" className="num">
                    Last value
                  </th>
                  <th scope="col">Last run</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {monitors.map((m) => (
                  <tr key={m.name} aria-selected={selected === m.name} className={selected === m.name ? 'is-selected' : undefined}>
                    <td>
                      <StatusBadge status={m.last?.status ?? null} />
                    </td>
                    <td className="monitors-table__name">
                      <button type="button" className="button button--quiet button--small" onClick={() => setSelected(m.name)} aria-label={`History of ${m.name}`}>
                        {m.name}
                      </button>
                    </td>
                    <td>{m.analysis}</td>
                    <td title={Object.entries(m.datasets).map(([slot, d]) => `${slot}: ${d}`).join('\n')}>{datasetsText(m)}</td>
                    <td>
                      <code>{m.metric}</code> {m.condition}
                      <div className="muted monitors-table__sub">{m.severity}</div>
                    </td>
                    <td className="num" title={m.last?.message}>
                      {num(m.last?.value)}
                    </td>
                    <td className="table__date" title={m.last?.at}>
                      {m.last ? formatDateTime(m.last.at) : '—'}
                    </td>
                    <td className="table__actions">
                      <button type="button" className="button button--danger button--small" onClick={() => void remove(m.name)} aria-label={confirming === m.name ? `Confirm removing ${m.name}` : `Remove ${m.name}`}>
                        {confirming === m.name ? 'Confirm remove' : 'Remove'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {selected !== null && <MonitorHistory name={selected} history={history?.name === selected ? history.list : null} />}
      {analyses !== null && datasets.datasets !== null && <MonitorForm analyses={analyses} datasets={datasets.datasets} busy={busy} error={addError} onAdd={(m) => void add(m)} />}
    </section>
  );
}
