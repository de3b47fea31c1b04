import { useState } from 'react';
import type { VerifyReportResult } from '../../../core/api/types';
import { useApp } from '../app/context';
import { JobStatus } from './JobStatus';
import { useJob } from './useJob';

const PDF_FILTERS = [{ name: 'PDF report', extensions: ['pdf'] }];

/**
 * Verify a report: the PDF's embedded results are recomputed from this workspace (in browser mode
 * the PDF is uploaded first). Shows pass, or every difference the engine names.
 */
export function VerifyPanel() {
  const { platform } = useApp();
  const { job, run, cancel } = useJob();
  const [result, setResult] = useState<(VerifyReportResult & { file: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function verify() {
    setError(null);
    setResult(null);
    const outcome = await run('Verifying the report', async (opts) => {
      const path = await platform.openFile({ title: 'Verify a report', filters: PDF_FILTERS }, opts);
      if (path === null) return null;
      return { ...(await platform.client.verifyReport({ path }, opts)), file: path };
    });
    if (outcome.ok) setResult(outcome.value);
    else if (!outcome.cancelled) setError(outcome.error);
  }

  return (
    <section className="panel reports-verify" aria-labelledby="reports-verify-title">
      <h2 id="reports-verify-title" className="panel__title">
        Verify a report
      </h2>
      <p className="muted reports-hint">
        Choose a PDF exported by Plumbline: the results embedded in it are recomputed from this workspace, and any change of data, settings or numbers is named.
      </p>
      <div>
        <button type="button" className="button" onClick={() => void verify()} disabled={job !== null}>
          Verify a report…
        </button>
      </div>
      {job && <JobStatus job={job} onCancel={cancel} />}
      {error && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">
            <div className="notice__title">The report could not be verified</div>
            <div className="notice__message">{error}</div>
          </div>
        </div>
      )}
      {result && result.ok && (
        <div className="notice reports-verify__pass" role="status" data-testid="verify-result">
          <div className="notice__body">
            <div className="notice__title">Verified: report {result.reportId ?? ''} matches this workspace</div>
            <div className="notice__message">Same data (SHA-256 of every import), same settings, same numbers.</div>
          </div>
        </div>
      )}
      {result && !result.ok && (
        <div className="notice notice--error" role="alert" data-testid="verify-result">
          <div className="notice__body">
            <div className="notice__title">
              Report {result.reportId ?? ''} does not match this workspace: {result.differences.length} {result.differences.length === 1 ? 'difference' : 'differences'}
            </div>
            <ul className="reports-verify__diffs">
              {result.differences.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
