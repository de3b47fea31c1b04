import { useState } from 'react';
import type { MonitorDefinition } from '../../../core/api/types';
import { useApp } from '../app/context';
import { errorMessage } from '../errors';

/**
 * "Monitor this" beside a result: adds a monitor that re-checks this figure, with the settings
 * that produced it, whenever data arrives or the checks run. The Monitors screen edits or removes it.
 */
export function MonitorThis({ monitor }: { monitor: MonitorDefinition }) {
  const { platform } = useApp();
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const add = async () => {
    try {
      const m = await platform.client.addMonitor({ monitor });
      setState({ ok: true, text: `Monitor “${m.name}” added: it alerts (${m.severity}) when ${m.metric} ${m.condition}. See Monitors.` });
    } catch (e) {
      setState({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <span className="monitor-this">
      <button type="button" className="button button--quiet button--small" onClick={() => void add()} disabled={state?.ok === true}>
        Monitor this
      </button>
      {state && (
        <span role={state.ok ? 'status' : 'alert'} className={state.ok ? 'muted' : 'field-error monitor-this__error'}>
          {' '}
          {state.text}
        </span>
      )}
    </span>
  );
}
