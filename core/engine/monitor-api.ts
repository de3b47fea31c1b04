/**
 * The monitor methods of the API over one workspace, and the hook that runs the monitors reading
 * a dataset after it is imported, appended to or joined.
 */
import type { EngineApi } from '../api/api';
import type { CallContext } from '../api/context';
import type { ImportResult } from '../api/types';
import { newAlerts } from '../monitors/new-alerts';
import type { MonitorEvaluation } from '../monitors/types';
import { listMonitors, monitorByName, monitorHistory, recordEvaluations, removeMonitor, saveMonitor } from '../workspace/monitors';
import type { Workspace } from '../workspace/workspace';
import { definitionOf } from '../workspace/monitors';
import { evaluateMonitors, monitorsReading, validateMonitor } from './monitor-service';

type MonitorMethods = Pick<EngineApi, 'listMonitors' | 'addMonitor' | 'removeMonitor' | 'monitorHistory' | 'checkMonitors'>;

/**
 * Stores evaluations and returns the new alerts among them, handing them to `notify` (the app's
 * system notification; none in the CLI or browser mode, where the screen notifies).
 */
function store(ws: Workspace, evaluations: readonly MonitorEvaluation[], notify?: (alerts: readonly MonitorEvaluation[]) => void): MonitorEvaluation[] {
  const before = new Map(listMonitors(ws).map((m) => [m.name, m.last?.status ?? null]));
  recordEvaluations(ws, evaluations);
  const fresh = newAlerts(before, evaluations);
  if (fresh.length && notify) {
    try {
      notify(fresh);
    } catch {
      // A notification that cannot be shown must not fail the check that found the alert.
    }
  }
  return fresh;
}

export function createMonitorApi(ws: Workspace, notify?: (alerts: readonly MonitorEvaluation[]) => void): MonitorMethods & { afterImport(result: ImportResult, ctx: CallContext): Promise<ImportResult> } {
  return {
    async listMonitors() {
      return listMonitors(ws);
    },
    async addMonitor({ monitor, replace }) {
      return saveMonitor(ws, await validateMonitor(ws, monitor, true), replace ?? false);
    },
    async removeMonitor({ name }) {
      removeMonitor(ws, name);
      return { removed: name };
    },
    async monitorHistory({ name, limit }) {
      return monitorHistory(ws, name, limit);
    },
    async checkMonitors({ names, monitors }, ctx) {
      if (monitors) return evaluateMonitors(ws, monitors, 'check', ctx);
      const chosen = names ? names.map((n) => definitionOf(monitorByName(ws, n))) : listMonitors(ws).map(definitionOf);
      const result = await evaluateMonitors(ws, chosen, 'check', ctx);
      return { ...result, newAlerts: store(ws, result.evaluations, notify) };
    },
    async afterImport(result, ctx) {
      const reading = monitorsReading(listMonitors(ws).map(definitionOf), result.dataset);
      if (reading.length === 0) return result;
      const trigger = result.kind === 'create' ? 'import' : result.kind;
      try {
        const check = await evaluateMonitors(ws, reading, trigger, ctx);
        return { ...result, monitors: check.evaluations, newAlerts: store(ws, check.evaluations, notify) };
      } catch {
        // The import is committed; a cancel during the monitors must not make it look failed.
        return result;
      }
    },
  };
}
