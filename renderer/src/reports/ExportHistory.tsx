import type { ExportRecord } from '../../../core/api/types';
import { formatDateTime } from '../format';

/** Exports recorded in the workspace's audit log, newest first, with the hashes to check files against. */
export function ExportHistory({ exports, error, onRetry }: { exports: readonly ExportRecord[] | null; error: string | null; onRetry: () => void }) {
  return (
    <section className="panel reports-history" aria-labelledby="reports-history-title">
      <h2 id="reports-history-title" className="panel__title">
        Export history
      </h2>
      {error && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">
            <div className="notice__title">The export history could not be read</div>
            <div className="notice__message">{error}</div>
          </div>
          <button type="button" className="button button--quiet" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {!error && exports === null && <p className="muted">Loading…</p>}
      {!error && exports !== null && exports.length === 0 && <p className="muted">No report has been exported from this workspace yet.</p>}
      {!error && exports !== null && exports.length > 0 && (
        <div className="table-wrap table-wrap--scroll">
          <table className="table table--dense reports-history__table" aria-label="Exported reports">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Title</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Pages
                </th>
                <th scope="col">File</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e, i) => (
                <tr key={`${e.reportId}-${e.at}-${i}`} data-report-id={e.reportId}>
                  <td className="table__date" title={e.at}>
                    {formatDateTime(e.at)}
                  </td>
                  <td className="reports-history__title">
                    {e.title || '—'}
                    <div className="muted reports-history__sub">
                      {e.current} vs {e.reference} · {e.reportId}
                    </div>
                  </td>
                  <td>{e.format.toUpperCase()}</td>
                  <td className="num">{e.pages ?? '—'}</td>
                  <td className="reports-history__path">{e.path}</td>
                  <td className="reports-history__hash">
                    <code>{e.sha256}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
