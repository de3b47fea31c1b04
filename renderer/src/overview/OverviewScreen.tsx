/**
 * The Overview: is anything wrong, since when, and where to look. One card per model (a dataset
 * or a reference/current pair), worst first; each area's status from its monitors; the headline
 * figure against its baseline, label coverage and rows in the latest period; active alerts with
 * when they started; links to the screen and settings behind each. Everything comes from one API
 * call (`overview`); this screen formats and computes nothing.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MonitorDefinition, Overview } from '../../../core/api/types';
import { useApp } from '../app/context';
import { ErrorNotice } from '../app/ErrorNotice';
import { hrefFor } from '../app/routes';
import { errorMessage } from '../errors';
import { formatDateTime } from '../format';
import { askNotificationPermission, notificationPermission, notifyNewAlerts } from '../platform/notify';
import { HEALTH } from './labels';
import { ModelCard, UnmonitoredModel } from './ModelCard';
import '../shared/shared.css';
import '../monitors/monitors.css';
import './overview.css';

export function OverviewScreen() {
  const { platform, datasets, navigate } = useApp();
  const client = platform.client;
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    client.overview({}).then(
      (o) => {
        setOverview(o);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [client]);
  // Once the dataset list is in, and again when it changes (an import, an append: monitors ran after it).
  const list = datasets.datasets;
  useEffect(() => {
    if (list !== null) refresh();
  }, [refresh, list]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const runChecks = () => act(async () => notifyNewAlerts(platform, (await client.checkMonitors({})).newAlerts));
  const add = (m: MonitorDefinition) => act(async () => {
    await client.addMonitor({ monitor: m });
    notifyNewAlerts(platform, (await client.checkMonitors({ names: [m.name] })).newAlerts);
  });
  const [permission, setPermission] = useState(() => notificationPermission(platform));
  const askPermission = async () => setPermission(await askNotificationPermission());

  const monitored = overview?.models.filter((m) => m.status !== 'no-monitors') ?? [];
  const unmonitored = overview?.models.filter((m) => m.status === 'no-monitors') ?? [];
  const count = (s: string) => monitored.filter((m) => m.status === s).length;
  return (
    <section className="screen overview" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          Overview
        </h1>
        <div className="screen__actions">
          {permission === 'default' && (
            <button type="button" className="button" onClick={() => void askPermission()}>
              Notify me of new alerts
            </button>
          )}
          <button type="button" className="button button--primary" onClick={() => void runChecks()} disabled={busy || !overview?.monitors}>
            {busy ? 'Running…' : 'Run checks now'}
          </button>
        </div>
      </header>
      {error && <ErrorNotice title="Overview" message={error} onRetry={refresh} />}
      {overview === null && !error && <p className="muted">Loading…</p>}
      {overview !== null && overview.datasets === 0 && (
        <div className="empty">
          <h2 className="empty__title">No data yet</h2>
          <p className="empty__text">Import a prediction log and a reference dataset, then add monitors: this page then says whether the model is healthy.</p>
          <div className="empty__actions">
            <button type="button" className="button button--primary" onClick={() => navigate(hrefFor({ screen: 'datasets' }))}>
              Go to Datasets
            </button>
          </div>
        </div>
      )}
      {overview !== null && overview.datasets > 0 && (
        <p className="ov-summary" role="status">
          {monitored.length > 0
            ? `${monitored.length} monitored model${monitored.length === 1 ? '' : 's'}: ${count('critical')} critical, ${count('warning')} warning, ${count('pass')} healthy${count('not-run') ? `, ${count('not-run')} not checked yet` : ''}. `
            : 'No model has a monitor yet. '}
          {overview.monitors} monitor{overview.monitors === 1 ? '' : 's'} in this workspace; as of {formatDateTime(overview.at)}.
        </p>
      )}
      {monitored.length > 0 && (
        <div className="ov-models" aria-label="Monitored models">
          {monitored.map((m) => (
            <ModelCard key={m.id} model={m} />
          ))}
        </div>
      )}
      {unmonitored.length > 0 && (
        <section className="ov-unmonitored" aria-labelledby="ov-unmonitored-title">
          <h2 id="ov-unmonitored-title" className="ov-section-title">
            <span aria-hidden="true">{HEALTH['no-monitors'].symbol}</span> Without monitors ({unmonitored.length})
          </h2>
          <div className="ov-models">
            {unmonitored.map((m) => (
              <UnmonitoredModel key={m.id} model={m} busy={busy} onAdd={(d) => void add(d)} />
            ))}
          </div>
        </section>
      )}
    </section>
  );
}
