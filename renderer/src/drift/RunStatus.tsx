import { useEffect, useState } from 'react';
import { formatSeconds } from '../format';
import type { DriftRunState } from './useDriftRun';

/** Running: an indeterminate bar, the elapsed time and Cancel. Cancelled: say so, offer a rerun. */
export function RunStatus({ state, what, onCancel, onRerun }: { state: DriftRunState; what: string; onCancel: () => void; onRerun: () => void }) {
  if (state.status === 'cancelled') {
    return (
      <div className="notice" role="status">
        <div className="notice__body">The analysis was cancelled{state.run ? '; the previous result is shown' : ''}.</div>
        <button type="button" className="button button--quiet" onClick={onRerun}>
          Run again
        </button>
      </div>
    );
  }
  if (state.status !== 'running') return null;
  return (
    <div className="import-status drift-running" role="status" aria-live="polite">
      <div className="import-status__top">
        <span className="import-status__phase">{state.progress?.message ?? 'Computing drift…'}</span>
        <span className="muted drift-running__what">{what}</span>
        <Elapsed since={state.startedAt} />
        <button type="button" className="button button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div className={state.progress?.total ? 'progress' : 'progress progress--indeterminate'} aria-hidden="true">
        <div className="progress__bar" style={state.progress?.total ? { width: `${Math.min(100, (100 * state.progress.done) / state.progress.total)}%` } : undefined} />
      </div>
    </div>
  );
}

function Elapsed({ since }: { since: number | null }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, []);
  if (since === null) return null;
  const s = (now - since) / 1000;
  return <span className="muted drift-running__elapsed">{s >= 0.5 ? formatSeconds(s) : ''}</span>;
}
