/**
 * The Overview: per model, each area's status from its monitors (worst first), the headline figure
 * now and on the baseline, label coverage, rows in the latest period and the active alerts with
 * when they started. Read-only: it runs no analysis, it reads what monitors last stored (run
 * `check`, an import or "Run checks now" to refresh them) and two column statistics.
 */
import { ANALYSES } from '../analyses/registry';
import { formatTimestamp } from '../data/values';
import { countInRange, periodStart, type WindowPeriod } from '../data/row-window';
import type { Monitor, MonitorDefinition } from '../monitors/types';
import { activeSince } from '../overview/alerts';
import { areaScreen, healthOf, healthRank, monitorArea, worstHealth } from '../overview/areas';
import { groupModels, modelId, pairFromSettingsKey, type ModelKey } from '../overview/models';
import { AREAS, type Area, type AreaHealth, type Headline, type LabelCoverage, type LatestPeriod, type Overview, type OverviewAlert, type OverviewLink, type OverviewModel } from '../overview/types';
import { listMonitors, monitorHistory } from '../workspace/monitors';
import { settingKeys } from '../workspace/settings';
import type { Workspace } from '../workspace/workspace';

/** How far back "since" can look: enough evaluations for months of daily checks. */
const HISTORY_LIMIT = 1000;

/** The figure a model's card leads with: the model's quality first, then drift, then the rest. */
const HEADLINE_ORDER: readonly Area[] = ['performance', 'drift', 'fairness', 'ab', 'quality', 'operations'];

export function buildOverview(ws: Workspace): Overview {
  const monitors = listMonitors(ws);
  const datasets = ws.listDatasets();
  const slotsOf = (id: string) => ANALYSES.find((a) => a.id === id)?.datasets.map((d) => d.slot) ?? null;
  const pairs = settingKeys(ws).map((k) => pairFromSettingsKey(k, slotsOf)).filter((p): p is ModelKey => p !== null);
  const names = new Set(monitors.map((m) => m.name));
  const groups = groupModels(monitors, pairs, datasets.map((d) => d.name));
  const usual = usualReference(groups.map((g) => g.key));
  const models = groups.map((g) => buildModel(ws, g.key, g.monitors.map((i) => monitors[i]), { taken: (n) => names.has(n), usualReference: usual }));
  models.sort((a, b) => healthRank(b.status) - healthRank(a.status) || b.alerts.length - a.alerts.length || a.current.localeCompare(b.current) || (a.reference ?? '').localeCompare(b.reference ?? ''));
  return { at: new Date().toISOString(), datasets: datasets.length, monitors: monitors.length, models };
}

function linkTo(m: Monitor): OverviewLink {
  const area = monitorArea(m);
  const screen = areaScreen(area);
  const datasets = { ...m.datasets };
  // A performance baseline that is not in a slot is still the reference the screen compares with.
  if (screen === 'performance' && m.reference !== undefined && datasets.reference === undefined) datasets.reference = m.reference;
  return screen === 'monitors' ? { screen, datasets, monitor: m.name } : { screen, datasets };
}

function modelLink(key: ModelKey): OverviewLink {
  return key.reference !== null ? { screen: 'drift', datasets: { reference: key.reference, current: key.current } } : { screen: 'performance', datasets: { current: key.current } };
}

/** The reference most models compare with: a new log is offered drift against it. */
function usualReference(keys: readonly ModelKey[]): string | null {
  const counts = new Map<string, number>();
  for (const k of keys) if (k.reference !== null) counts.set(k.reference, (counts.get(k.reference) ?? 0) + 1);
  let best: string | null = null;
  for (const [r, n] of counts) if (best === null || n > counts.get(best)!) best = r;
  return best;
}

interface SuggestContext {
  readonly taken: (name: string) => boolean;
  readonly usualReference: string | null;
}

function buildModel(ws: Workspace, key: ModelKey, monitors: readonly Monitor[], suggest: SuggestContext): OverviewModel {
  const ds = ws.findDataset(key.current);
  const health = (m: Monitor) => healthOf(m.last?.status ?? null, m.severity);
  const areas: AreaHealth[] = [];
  for (const area of AREAS) {
    const mine = monitors.filter((m) => monitorArea(m) === area);
    if (mine.length === 0) continue;
    const worst = [...mine].sort((a, b) => healthRank(health(b)) - healthRank(health(a)))[0];
    areas.push({
      area,
      status: worstHealth(mine.map(health)),
      monitors: mine.length,
      alerting: mine.filter((m) => m.last !== null && m.last.status !== 'pass').length,
      message: worst.last?.message ?? null,
      link: linkTo(worst),
    });
  }
  areas.sort((a, b) => healthRank(b.status) - healthRank(a.status));
  const alerts = monitors.flatMap((m) => alert(ws, m));
  const labels = ds ? labelCoverage(ws, key.current) : null;
  alerts.sort((a, b) => healthRank(healthOf(b.status, b.severity)) - healthRank(healthOf(a.status, a.severity)) || a.since.localeCompare(b.since));
  return {
    id: modelId(key),
    current: key.current,
    reference: key.reference,
    rows: ds?.rows ?? 0,
    status: areas.length === 0 ? 'no-monitors' : worstHealth(areas.map((a) => a.status)),
    areas,
    unwatched: AREAS.filter((a) => !areas.some((x) => x.area === a)),
    headline: headline(monitors),
    labels,
    latest: ds ? latestPeriod(ws, key.current) : null,
    alerts,
    suggestion: monitors.length ? null : suggestMonitor(key, labels !== null, suggest),
    link: modelLink(key),
  };
}

function alert(ws: Workspace, m: Monitor): OverviewAlert[] {
  if (m.last === null || m.last.status === 'pass') return [];
  const active = activeSince(monitorHistory(ws, m.name, HISTORY_LIMIT));
  if (!active) return [];
  return [{ monitor: m.name, area: monitorArea(m), severity: m.severity, status: m.last.status, message: m.last.message, ...active, link: linkTo(m) }];
}

/** The first monitor by area order, preferring one with a baseline (a drop/rise condition) so "now vs baseline" has both. */
function headline(monitors: readonly Monitor[]): Headline | null {
  const ranked = [...monitors].sort((a, b) => HEADLINE_ORDER.indexOf(monitorArea(a)) - HEADLINE_ORDER.indexOf(monitorArea(b)) || Number(b.last?.baseline != null) - Number(a.last?.baseline != null));
  const m = ranked[0];
  if (!m) return null;
  return { monitor: m.name, area: monitorArea(m), metric: m.metric, value: m.last?.value ?? null, baseline: m.last?.baseline ?? null, status: m.last?.status ?? null, at: m.last?.at ?? null, link: linkTo(m) };
}

/** The label-role column's non-missing share (its null count is kept by import, append and join). */
function labelCoverage(ws: Workspace, name: string): LabelCoverage | null {
  const ds = ws.dataset(name);
  const label = ws.columns(ds.id).find((c) => c.role === 'label');
  if (!label) return null;
  const labelled = ds.rows - label.nullCount;
  return { column: label.name, labelled, rows: ds.rows, share: ds.rows > 0 ? labelled / ds.rows : null };
}

/** The period that fits the data's span: a month for a season of logs, a week for weeks, else a day. */
export function periodFor(spanMs: number): WindowPeriod {
  const day = 86_400_000;
  return spanMs >= 60 * day ? 'month' : spanMs >= 14 * day ? 'week' : 'day';
}

/** Rows in the latest period and the one before, from the timestamp column's sorted copy (cached after the first read). */
function latestPeriod(ws: Workspace, name: string): LatestPeriod | null {
  const ds = ws.dataset(name);
  const ts = ws.columns(ds.id).find((c) => c.role === 'timestamp' && c.type === 'timestamp');
  if (!ts) return null;
  const col = ws.readColumnSorted(ds, ts);
  const sorted = col.kind === 'numeric' ? col.sortedFinite : undefined;
  if (!sorted || sorted.length === 0) return null;
  const newest = sorted[sorted.length - 1];
  const period = periodFor(newest - sorted[0]);
  const from = periodStart(newest, period);
  const before = periodStart(from, period);
  return { column: ts.name, period, from: formatTimestamp(from), to: formatTimestamp(newest), rows: countInRange(sorted, from, newest), previousRows: countInRange(sorted, before, from) };
}

/**
 * The monitor a model without one is offered: dataset drift for a pair, or for a lone log against
 * the reference the other models use; else accuracy for a labelled log (once performance has metrics).
 */
function suggestMonitor(key: ModelKey, labelled: boolean, { taken, usualReference }: SuggestContext): MonitorDefinition | null {
  const name = (base: string) => {
    let n = base;
    for (let i = 2; taken(n); i++) n = `${base} ${i}`;
    return n;
  };
  const reference = key.reference ?? (usualReference !== key.current ? usualReference : null);
  if (reference !== null) {
    return { name: name(`${key.current}: dataset drift`), analysis: 'drift', datasets: { reference, current: key.current }, metric: 'share_drifted', condition: '>= 0.5', severity: 'warning' };
  }
  if (!labelled || !ANALYSES.some((a) => a.id === 'performance')) return null;
  return { name: name(`${key.current}: accuracy`), analysis: 'performance', datasets: { current: key.current }, metric: 'accuracy', condition: '< 0.8', severity: 'warning' };
}
