import { useEffect, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { ColumnInfo, ColumnRole, DatasetDetail, ImportRecord } from '../../../core/api/types';
import { COLUMN_ROLES } from '../../../core/data/column';
import { useApp } from '../app/context';
import { hrefFor } from '../app/routes';
import { errorMessage } from '../errors';
import { countOf, formatBytes, formatCount, formatDateTime, formatSeconds } from '../format';
import { ColumnSummaries } from './ColumnSummaries';
import { RowPreview } from './RowPreview';
import { WatchPanel } from './WatchPanel';

type State = { kind: 'loading' } | { kind: 'ready'; detail: DatasetDetail } | { kind: 'missing' } | { kind: 'error'; message: string };

export function DatasetDetailScreen({ name }: { name: string }) {
  const { platform } = useApp();
  const [state, setState] = useState<State>({ kind: 'loading' });
  // Bumped when a watched folder brought new data: the page reloads the dataset in place.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    platform.client.getDataset({ dataset: name }).then(
      (detail) => live && setState({ kind: 'ready', detail }),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof PlumblineError && e.code === 'NOT_FOUND') setState({ kind: 'missing' });
        else setState({ kind: 'error', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [platform, name, version]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={hrefFor({ screen: 'datasets' })}>Datasets</a>
        <span aria-hidden="true"> / </span>
      </nav>
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1} className="screen__title--data">
          {name}
        </h1>
      </header>
      {state.kind === 'loading' && <p className="muted">Loading…</p>}
      {state.kind === 'missing' && (
        <p>
          There is no dataset with this name in the workspace; it may have been deleted.{' '}
          <a href={hrefFor({ screen: 'datasets' })}>Back to the datasets</a>
        </p>
      )}
      {state.kind === 'error' && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">{state.message}</div>
        </div>
      )}
      {state.kind === 'ready' && (
        <>
          <Detail detail={state.detail} watch={<WatchPanel dataset={name} columns={state.detail.columnInfo} onData={() => setVersion((v) => v + 1)} />} />
        </>
      )}
    </section>
  );
}

/** `watch` is the Watch a folder panel, made by the screen so a reload of the dataset keeps it. */
function Detail({ detail, watch }: { detail: DatasetDetail; watch: React.ReactNode }) {
  const { platform } = useApp();
  const [columns, setColumns] = useState<readonly ColumnInfo[]>(detail.columnInfo);
  // A reload (a watched file landed) brings new columns and rows; the roles edited so far are in it.
  const [shown, setShown] = useState(detail);
  if (shown !== detail) {
    setShown(detail);
    setColumns(detail.columnInfo);
  }
  const [roleError, setRoleError] = useState<string | null>(null);
  const [saving, setSaving] = useState<number | null>(null);

  const changeRole = async (c: ColumnInfo, role: ColumnRole) => {
    setSaving(c.index);
    setRoleError(null);
    try {
      const updated = await platform.client.setColumnRole({ dataset: detail.name, column: c.name, role });
      setColumns((cols) => cols.map((x) => (x.index === c.index ? { ...x, ...updated } : x)));
    } catch (e) {
      setRoleError(`The role of ${c.name} could not be changed: ${errorMessage(e)}`);
    } finally {
      setSaving(null);
    }
  };

  return (
    <>
      <p className="summary num">
        {countOf(detail.rows, 'row')} · {countOf(detail.columns, 'column')} · imported{' '}
        <span title={detail.importedAt}>{formatDateTime(detail.importedAt)}</span>
      </p>

      <div className="detail-grid">
        <section className="panel" aria-labelledby="columns-title">
          <h2 id="columns-title" className="panel__title">
            Columns
          </h2>
          {roleError && (
            <div className="notice notice--error" role="alert">
              <div className="notice__body">{roleError}</div>
              <button type="button" className="button button--quiet" onClick={() => setRoleError(null)}>
                Dismiss
              </button>
            </div>
          )}
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--dense" aria-labelledby="columns-title">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="num">
                    Missing
                  </th>
                </tr>
              </thead>
              <tbody>
                {columns.map((c) => (
                  <tr key={c.index}>
                    <td className="num muted">{c.index + 1}</td>
                    <th scope="row" className="table__name table__name--plain">
                      {c.name}
                    </th>
                    <td>
                      <span className={`tag tag--${c.type}`}>{c.type}</span>
                      {c.widenedCount > 0 && (
                        <span className="muted" title="Values that did not fit the first inferred type and widened the column">
                          {' '}
                          ({formatCount(c.widenedCount)} widened)
                        </span>
                      )}
                    </td>
                    <td>
                      <select
                        className="select"
                        value={c.role}
                        aria-label={`Role of ${c.name}`}
                        disabled={saving !== null}
                        onChange={(e) => void changeRole(c, e.target.value as ColumnRole)}
                      >
                        {COLUMN_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="num">{c.nullCount > 0 ? formatCount(c.nullCount) : <span className="muted">0</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="panel" aria-labelledby="provenance-title">
          <h2 id="provenance-title" className="panel__title">
            Provenance
          </h2>
          {detail.imports.length === 0 && <p className="muted">No import is recorded for this dataset.</p>}
          {detail.imports.map((r) => (
            <Provenance key={r.id} record={r} />
          ))}
        </section>
      </div>

      {watch}

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title" className="panel__title">
          Column summary
        </h2>
        <ColumnSummaries key={`${detail.name}:${detail.rows}:${detail.columns}:${detail.imports.length}`} dataset={detail.name} />
      </section>

      <section className="panel panel--flush" aria-labelledby="preview-title">
        <h2 id="preview-title" className="panel__title">
          Rows
        </h2>
        <RowPreview key={`${detail.rows}:${detail.columns}:${detail.imports.length}`} dataset={detail.name} columns={columns} total={detail.rows} />
      </section>
    </>
  );
}

function Provenance({ record: r }: { record: ImportRecord }) {
  const delimiter = typeof r.parserSettings.delimiter === 'string' ? r.parserSettings.delimiter : null;
  return (
    <dl className="facts">
      {r.kind !== 'create' && (
        <>
          <dt>Kind</dt>
          <dd>{r.kind}</dd>
        </>
      )}
      <dt>Source</dt>
      <dd className="facts__path">
        {r.sourcePath}
        {r.parserSettings.uploaded === true && <span className="muted"> (uploaded in the browser)</span>}
      </dd>
      <dt>Size</dt>
      <dd className="num">
        {formatBytes(r.sizeBytes)} <span className="muted">({formatCount(r.sizeBytes)} bytes)</span>
      </dd>
      <dt>SHA-256</dt>
      <dd className="facts__hash">{r.sha256}</dd>
      <dt>Modified</dt>
      <dd className="num" title={r.modifiedAt ?? undefined}>
        {formatDateTime(r.modifiedAt)}
      </dd>
      <dt>Format</dt>
      <dd>
        {r.format.toUpperCase()}
        {delimiter !== null && <span className="muted"> · delimiter {delimiterName(delimiter)}</span>}
        {typeof r.parserSettings.encoding === 'string' && (
          <span className="muted" title={typeof r.parserSettings.encodingReason === 'string' ? r.parserSettings.encodingReason : undefined}>
            {' '}
            · {r.parserSettings.encoding}
            {r.parserSettings.encoding === 'latin1' && ' (not UTF-8: read as Latin-1)'}
          </span>
        )}
      </dd>
      <dt>Rows</dt>
      <dd className="num">
        {formatCount(r.rowsAccepted)} accepted · {formatCount(r.rowsRejected)} rejected
        {r.rowsRead !== r.rowsAccepted + r.rowsRejected && <span className="muted"> · {formatCount(r.rowsRead)} read</span>}
      </dd>
      <dt>Imported</dt>
      <dd className="num" title={r.finishedAt}>
        {formatDateTime(r.finishedAt)}
      </dd>
      <dt>Duration</dt>
      <dd className="num">{formatSeconds(r.seconds)}</dd>
    </dl>
  );
}

function delimiterName(d: string): string {
  if (d === ',') return 'comma';
  if (d === '\t') return 'tab';
  if (d === ';') return 'semicolon';
  if (d === '|') return 'pipe';
  return JSON.stringify(d);
}
