import { useEffect, useRef, useState } from 'react';
import type { ColumnInfo, WatchFileEvent, WatchStatus } from '../../../core/api/types';
import { useApp } from '../app/context';
import { errorMessage } from '../errors';
import { formatCount, formatDateTime } from '../format';
import { notifyNewAlerts } from '../platform/notify';
import '../shared/shared.css';

/** How often the panel asks for the watch's status while one runs. */
const POLL_MS = 1000;

/**
 * "Watch a folder" on the dataset page: the engine watches the folder (the same rules as
 * `plumbline watch`) and this panel only starts, stops and shows it. The watch is kept in the
 * workspace under a name (the app and browser mode resume it when they open the workspace;
 * `plumbline watch --name` runs it); Stop removes it. The folder is typed (a path on the machine
 * running the engine) and, in the app, can be chosen with the system's folder chooser. When a file is taken the page
 * reloads the dataset (`onData`), and new alerts go to the notification path browser mode has
 * (in the app, the engine already asked Electron main to show them).
 */
export function WatchPanel({ dataset, columns, onData }: { dataset: string; columns: readonly ColumnInfo[]; onData: () => void }) {
  const { platform } = useApp();
  const [status, setStatus] = useState<WatchStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'append' | 'join'>('append');
  const [on, setOn] = useState(() => columns.find((c) => c.role === 'id')?.name ?? columns[0]?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The watch and how many files of it were already seen, so each taken file reloads the page and notifies once.
  const seen = useRef<{ startedAt: string; taken: number } | null>(null);

  const take = (s: WatchStatus | null) => {
    setStatus(s);
    if (!s) return;
    const before = seen.current?.startedAt === s.startedAt ? seen.current.taken : null;
    seen.current = { startedAt: s.startedAt, taken: s.takenCount };
    // A watch first seen: what it did before is not news.
    if (before === null || s.takenCount === before) return;
    const fresh = s.taken.slice(Math.max(0, s.taken.length - (s.takenCount - before)));
    notifyNewAlerts(platform, fresh.flatMap((e) => e.newAlerts ?? []));
    onData();
  };

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      try {
        const s = await platform.client.watchStatus({ dataset });
        if (!live) return;
        take(s);
        if (s) timer = setTimeout(() => void look(), POLL_MS);
      } catch (e) {
        if (live) setError(errorMessage(e));
      }
    };
    void look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // Polling restarts when a watch starts or stops (status flips between null and a watch).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platform, dataset, status === null]);

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      seen.current = null;
      take(await platform.client.startWatch({ dataset, folder: folder.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(mode === 'join' ? { join: { on } } : {}) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    if (!platform.chooseFolder) return;
    setError(null);
    try {
      const chosen = await platform.chooseFolder('Folder to watch');
      if (chosen) setFolder(chosen);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const stop = async () => {
    setBusy(true);
    setError(null);
    try {
      await platform.client.stopWatch({ dataset });
      seen.current = null;
      setStatus(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel watch-panel" aria-labelledby="watch-title">
      <h2 id="watch-title" className="panel__title">
        Watch a folder
      </h2>
      {!status && (
        <form className="watch-panel__form" onSubmit={(e) => void start(e)}>
          <p className="muted">
            Each complete new file in the folder is {mode === 'append' ? 'appended to this dataset' : 'joined to its rows by key'} and the monitors run. A file is complete when it has not changed
            for 2 seconds or <code>file.done</code> is written beside it; taken files move to <code>imported/</code>, failed ones to <code>failed/</code> with their error.
          </p>
          <div className="watch-panel__fields">
            <div className="drift-field watch-panel__folder">
              <label className="drift-field__label" htmlFor="watch-folder">
                Folder (on the machine running the engine)
              </label>
              <div className="watch-panel__folder-row">
                <input id="watch-folder" className="input" value={folder} onChange={(e) => setFolder(e.target.value)} required placeholder="/data/incoming" spellCheck={false} />
                {platform.chooseFolder && (
                  <button type="button" className="button" onClick={() => void choose()}>
                    Choose…
                  </button>
                )}
              </div>
            </div>
            <label className="drift-field">
              <span className="drift-field__label">Name</span>
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder={dataset} maxLength={200} spellCheck={false} />
            </label>
            <label className="drift-field">
              <span className="drift-field__label">Each file</span>
              <select className="input" value={mode} onChange={(e) => setMode(e.target.value as 'append' | 'join')}>
                <option value="append">appends rows</option>
                <option value="join">joins columns (labels) by key</option>
              </select>
            </label>
            {mode === 'join' && (
              <label className="drift-field">
                <span className="drift-field__label">Key column</span>
                <select className="input" value={on} onChange={(e) => setOn(e.target.value)}>
                  {columns.map((c) => (
                    <option key={c.index} value={c.name}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <div className="watch-panel__actions">
            <button type="submit" className="button button--primary" disabled={busy || !folder.trim()}>
              Start watching
            </button>
          </div>
        </form>
      )}
      {status && (
        <>
          <dl className="facts">
            <dt>Name</dt>
            <dd>
              {status.name} <span className="muted">(kept in this workspace: resumed when Plumbline opens it)</span>
            </dd>
            <dt>Folder</dt>
            <dd className="facts__path">{status.folder}</dd>
            <dt>Each file</dt>
            <dd>{status.mode === 'append' ? 'appends rows' : `joins columns by ${status.on ?? ''}`}</dd>
            <dt>Since</dt>
            <dd className="num" title={status.startedAt}>
              {formatDateTime(status.startedAt)}
            </dd>
            <dt>Files</dt>
            <dd className="num" aria-label="Files taken and moved aside">
              {formatCount(status.takenCount)} taken · {formatCount(status.failedCount)} moved aside
            </dd>
            <dt>Last event</dt>
            <dd>{status.lastEvent ? <EventLine event={status.lastEvent} brief /> : <span className="muted">waiting for a file</span>}</dd>
          </dl>
          {status.folderError && (
            <div className="notice notice--error" role="alert">
              <div className="notice__body">The folder could not be read: {status.folderError}. The watch keeps looking.</div>
            </div>
          )}
          {status.failed.length > 0 && (
            <>
              <h3 className="watch-panel__subtitle">Moved aside</h3>
              <ul className="watch-panel__failed">
                {[...status.failed].reverse().map((e) => (
                  <li key={`${e.at}:${e.movedTo}`}>
                    <EventLine event={e} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="watch-panel__actions">
            <button type="button" className="button" disabled={busy} onClick={() => void stop()}>
              Stop and remove
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** `brief`: a failure without its error (the list of files moved aside below has it). */
function EventLine({ event: e, brief = false }: { event: WatchFileEvent; brief?: boolean }) {
  const name = baseName(e.file);
  if (!e.ok && brief)
    return (
      <span>
        <span className="facts__path">{name}</span> moved aside <span className="muted num">{formatDateTime(e.at)}</span>
      </span>
    );
  return e.ok ? (
    <span>
      <span className="facts__path">{name}</span> taken <span className="num">({formatCount(e.rows ?? 0)} rows)</span> <span className="muted num">{formatDateTime(e.at)}</span>
    </span>
  ) : (
    <span>
      <span className="facts__path">{name}</span> failed: {e.error} <span className="muted">(moved to {e.movedTo})</span>
    </span>
  );
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
