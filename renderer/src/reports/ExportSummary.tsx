import { useState } from 'react';
import type { ExportReportResult } from '../../../core/api/types';
import { useApp } from '../app/context';
import { formatBytes, formatSeconds } from '../format';
import { EXPORTS_URL, baseName } from '../platform/platform';

/** What the last export wrote: where, its SHA-256, pages, report id, time. */
export function ExportSummary({ result }: { result: ExportReportResult }) {
  const { platform } = useApp();
  const [revealError, setRevealError] = useState(false);
  const name = baseName(result.path);
  return (
    <section className="reports-summary" aria-label="Last export" data-testid="export-summary">
      <div className="notice" role="status">
        <div className="notice__body">
          <div className="notice__title">
            Exported {result.format.toUpperCase()}
            {result.pages !== null ? `, ${result.pages} pages` : ''} in {formatSeconds(result.seconds)}
          </div>
        </div>
      </div>
      <dl className="facts">
        <dt>File</dt>
        <dd className="facts__path">{result.path}</dd>
        <dt>SHA-256</dt>
        <dd className="facts__hash" data-testid="export-sha256">
          {result.sha256}
        </dd>
        <dt>Report id</dt>
        <dd className="facts__hash">{result.reportId}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(result.bytes)}
          {result.pages !== null ? ` · ${result.pages} pages` : ''}
        </dd>
      </dl>
      <div className="reports-summary__actions">
        {platform.showInFolder && (
          <button
            type="button"
            className="button button--small"
            onClick={() => void platform.showInFolder!(result.path).then((ok) => setRevealError(!ok), () => setRevealError(true))}
          >
            Show in folder
          </button>
        )}
        {platform.kind === 'browser' && (
          <a className="button button--small" href={`${EXPORTS_URL}${encodeURIComponent(name)}`} download={name}>
            Download again
          </a>
        )}
        {revealError && <span className="muted">The file cannot be shown (it may have been moved).</span>}
      </div>
    </section>
  );
}
