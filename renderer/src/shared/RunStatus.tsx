/**
 * The status of an analysis run under a screen's settings: progress with the elapsed time and
 * Cancel while it runs, "cancelled (the previous result is shown)" with Run again, or the error —
 * worded once for every screen.
 */
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../app/ErrorNotice';
import { formatSeconds } from '../format';
import type { AnalysisRunState } from './useAnalysisRun';

export function RunStatus<T>({
  state,
  onCancel,
  onRerun,
  analysis,
  what,
  failed,
  detail,
  filterErrorsInline = false,
}: {
  state: AnalysisRunState<T>;
  onCancel: () => void;
  /** Offered after a cancel ("Run again") and an error (Retry). */
  onRerun?: () => void;
  analysis: string;
  /** What was cancelled: "the {what} was cancelled". */
  what: string;
  /** The error notice's title. */
  failed: string;
  /** What is being computed, beside the phase, e.g. "9,000 reference rows against 1,000 current rows". */
  detail?: string;
  /** The screen shows a segment-filter error at its filter box (where the caret points), not here. */
  filterErrorsInline?: boolean;
}) {
  const pct = state.progress?.total ? Math.round((100 * state.progress.done) / state.progress.total) : null;
  if (state.status === 'running') {
    return (
      <div className="import-status run-status" role="status" aria-live="polite">
        <div className="import-status__top">
          <span className="import-status__phase">{state.progress?.phase ?? `${analysis}: starting`}{pct !== null ? ` — ${pct}%` : ''}</span>
          {detail && <span className="muted run-status__detail">{detail}</span>}
          <Elapsed since={state.startedAt} />
          <button type="button" className="button button--small" onClick={onCancel}>Cancel</button>
        </div>
        <div className={pct !== null ? 'progress' : 'progress progress--indeterminate'} aria-hidden="true">
          <div className="progress__bar" style={pct !== null ? { width: `${pct}%` } : undefined} />
        </div>
      </div>
    );
  }
  if (state.status === 'cancelled') {
    return (
      <div className="notice" role="status">
        <div className="notice__body">The {what} was cancelled{state.run ? '; the previous result is shown' : ''}.</div>
        {onRerun && (
          <button type="button" className="button button--quiet" onClick={onRerun}>
            Run again
          </button>
        )}
      </div>
    );
  }
  if (state.status === 'error' && state.error && !(filterErrorsInline && state.filterPosition !== null)) return <ErrorNotice title={failed} message={state.error} onRetry={onRerun} />;
  return null;
}

/** Seconds since the run started, ticking; nothing in the first half second. */
function Elapsed({ since }: { since: number | null }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, []);
  if (since === null) return null;
  const s = (now - since) / 1000;
  return <span className="muted run-status__elapsed">{s >= 0.5 ? formatSeconds(s) : ''}</span>;
}
