/**
 * The status of an analysis run under a screen's settings: progress with Cancel while it runs,
 * "cancelled (the previous result is shown)", or the error — worded once for every screen.
 */
import { ErrorNotice } from '../app/ErrorNotice';
import type { AnalysisRunState } from './useAnalysisRun';

export function RunStatus<T>({ state, onCancel, analysis, what, failed }: { state: AnalysisRunState<T>; onCancel: () => void; analysis: string; what: string; failed: string }) {
  const pct = state.progress?.total ? Math.round((100 * state.progress.done) / state.progress.total) : null;
  if (state.status === 'running') {
    return (
      <div className="import-status" role="status" aria-live="polite">
        <div className="import-status__top">
          <span className="import-status__phase">{state.progress?.phase ?? `${analysis}: starting`}{pct !== null ? ` — ${pct}%` : ''}</span>
          <button type="button" className="button button--small" onClick={onCancel}>Cancel</button>
        </div>
        <div className={pct !== null ? 'progress' : 'progress progress--indeterminate'} aria-hidden="true">
          <div className="progress__bar" style={pct !== null ? { width: `${pct}%` } : undefined} />
        </div>
      </div>
    );
  }
  if (state.status === 'cancelled') return <p className="notice" role="status">The {what} was cancelled{state.run ? '; the previous result is shown' : ''}.</p>;
  if (state.status === 'error' && state.error) return <ErrorNotice title={failed} message={state.error} />;
  return null;
}
