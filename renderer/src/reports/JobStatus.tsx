import { progressFraction } from '../format';
import { phaseLabel } from './reportForm';
import type { Job } from './useJob';

/** A running job: what it does now, a progress bar, Cancel. */
export function JobStatus({ job, onCancel }: { job: Job; onCancel: () => void }) {
  const f = job.progress ? progressFraction(job.progress.done, job.progress.total) : null;
  const phase = job.cancelling ? 'Cancelling' : job.progress ? phaseLabel(job.progress.phase) : 'Starting';
  return (
    <div className="reports-job" aria-label={job.label}>
      <div className="reports-job__top">
        <span>
          <span className="reports-job__label">{job.label}</span> <span className="muted">— {phase}…</span>
        </span>
        <button type="button" className="button button--small" onClick={onCancel} disabled={job.cancelling}>
          Cancel
        </button>
      </div>
      <div
        className={`progress${f === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label={`${job.label}: ${phase}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={f === null ? undefined : Math.round(f * 100)}
      >
        <div className="progress__bar" style={f === null ? undefined : { width: `${(f * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}
