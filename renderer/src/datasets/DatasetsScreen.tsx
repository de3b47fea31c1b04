import { useState } from 'react';
import { ErrorNotice } from '../app/ErrorNotice';
import type { DatasetSummary } from '../../../core/api/types';
import { useApp } from '../app/context';
import { hrefFor } from '../app/routes';
import { errorMessage } from '../errors';
import { formatCount, formatDateTime } from '../format';
import { ImportDialog } from './ImportDialog';
import { ImportStatus } from './ImportStatus';
import type { PreparedFile } from './useImporter';

export function DatasetsScreen() {
  const { platform, importer, datasets } = useApp();
  const busy = importer.job !== null;
  const list = datasets.datasets;

  const [dialog, setDialog] = useState<PreparedFile | null>(null);

  const open = async () => {
    const files = await platform.chooseFiles();
    await importer.importFiles(files);
  };

  const openWithOptions = async () => {
    const [file] = await platform.chooseFiles();
    if (!file) return;
    const prepared = await importer.inspect(file);
    if (prepared) setDialog(prepared);
  };

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          Datasets
        </h1>
        <div className="screen__actions">
          {list !== null && list.length > 0 && (
            <button type="button" className="button" onClick={() => void importer.importDemo()} disabled={busy}>
              Load demo data
            </button>
          )}
          {list !== null && list.length > 0 && (
            <>
              <button type="button" className="button" onClick={() => void openWithOptions()} disabled={busy}>
                Import with options…
              </button>
              <button type="button" className="button button--primary" onClick={() => void open()} disabled={busy}>
                Open file…
              </button>
            </>
          )}
        </div>
      </header>

      <ImportStatus />

      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}

      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {list !== null && list.length === 0 && (
        <div className="empty">
          <h2 className="empty__title">No datasets yet</h2>
          <p className="empty__text">
            Import a prediction log or a reference dataset (CSV, TSV, JSON Lines or Parquet) to start, or drop files onto this window. Plumbline copies
            the data into this workspace; nothing leaves this machine.
          </p>
          <div className="empty__actions">
            <button type="button" className="button button--primary" onClick={() => void open()} disabled={busy}>
              Open file…
            </button>
            <button type="button" className="button" onClick={() => void importer.importDemo()} disabled={busy}>
              Load demo data
            </button>
          </div>
          <button type="button" className="button button--quiet button--small" onClick={() => void openWithOptions()} disabled={busy}>
            Import with options (delimiter, roles, bad rows)…
          </button>
        </div>
      )}
      {list !== null && list.length > 0 && <DatasetTable datasets={list} />}
      {dialog && (
        <ImportDialog
          prepared={dialog}
          datasets={list ?? []}
          reinspect={importer.reinspect}
          onClose={() => setDialog(null)}
          onImport={(prepared, args) => {
            setDialog(null);
            void importer.importPrepared(prepared, args);
          }}
        />
      )}
    </section>
  );
}

function DatasetTable({ datasets }: { datasets: readonly DatasetSummary[] }) {
  const { platform, datasets: store } = useApp();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (name: string) => {
    setDeleting(name);
    setError(null);
    try {
      await platform.client.deleteDataset({ dataset: name });
    } catch (e) {
      setError(`Could not delete ${name}: ${errorMessage(e)}`);
    } finally {
      setDeleting(null);
      setConfirming(null);
      store.refresh();
    }
  };

  return (
    <>
      {error && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">{error}</div>
          <button type="button" className="button button--quiet" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className="table-wrap">
        <table className="table" aria-label="Datasets">
          <colgroup>
            <col />
            <col className="table__col--count" />
            <col className="table__col--count" />
            <col className="table__col--date" />
            <col className="table__col--actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col" className="num">
                Columns
              </th>
              <th scope="col" className="table__date">
                Imported
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id}>
                <th scope="row" className="table__name">
                  <a href={hrefFor({ screen: 'datasets', dataset: d.name })}>{d.name}</a>
                </th>
                <td className="num">{formatCount(d.rows)}</td>
                <td className="num">{formatCount(d.columns)}</td>
                <td className="table__date" title={d.importedAt}>
                  {formatDateTime(d.importedAt)}
                </td>
                <td className="table__actions">
                  {confirming === d.name ? (
                    <span className="confirm" role="group" aria-label={`Confirm deleting ${d.name}`}>
                      <span className="confirm__text">Delete this dataset?</span>
                      <button
                        type="button"
                        className="button button--danger button--small"
                        onClick={() => void remove(d.name)}
                        disabled={deleting !== null}
                        autoFocus
                      >
                        {deleting === d.name ? 'Deleting…' : 'Delete'}
                      </button>
                      <button type="button" className="button button--small" onClick={() => setConfirming(null)} disabled={deleting !== null}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => setConfirming(d.name)}
                      aria-label={`Delete ${d.name}`}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
