/**
 * "Import with options…": what the engine read at the start of the file (format, delimiter,
 * columns with guessed types and roles, the first rows) and the choices it leaves to the user —
 * name, delimiter, column names, types (and a timestamp's format), roles, bad rows, and whether the file makes a new dataset, adds rows to one or
 * attaches columns (late labels) to one by key.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ColumnRole, ColumnType, DatasetSummary, ImportArgs } from '../../../core/api/types';
import { COLUMN_ROLES, COLUMN_TYPES } from '../../../core/data/column';
import { errorMessage } from '../errors';
import { uniqueName } from '../format';
import { ImportWarnings } from './ImportWarnings';
import type { PreparedFile } from './useImporter';

type Mode = 'create' | 'append' | 'join';

const DELIMITERS: readonly { value: string; label: string }[] = [
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe ( | )' },
];

export interface ImportDialogProps {
  readonly prepared: PreparedFile;
  readonly datasets: readonly DatasetSummary[];
  reinspect(prepared: PreparedFile, delimiter?: string): Promise<PreparedFile>;
  onImport(prepared: PreparedFile, args: Omit<ImportArgs, 'path'>): void;
  onClose(): void;
}

export function ImportDialog({ prepared: initial, datasets, reinspect, onImport, onClose }: ImportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [prepared, setPrepared] = useState(initial);
  // null until the user types: the suggestion follows the dataset list, which may arrive (or
  // change) after the file was inspected, so the suggested name is never one already taken.
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? uniqueName(initial.suggestedName, new Set(datasets.map((d) => d.name)));
  const [mode, setMode] = useState<Mode>('create');
  const [chosenTarget, setTarget] = useState<string | null>(null);
  const target = chosenTarget ?? datasets[0]?.name ?? '';
  const ins = prepared.inspection;
  const [joinOn, setJoinOn] = useState(() => ins.columns.find((c) => c.role === 'id')?.name ?? ins.header[0] ?? '');
  const [roles, setRoles] = useState<Record<string, ColumnRole>>({});
  // Only types the user changed are sent: the rest stay inferred over the whole file, not just its start.
  const [types, setTypes] = useState<Record<string, ColumnType>>({});
  // New names by the column's name as read (a repeated header name already carries its suffix).
  const [names, setNames] = useState<Record<string, string>>({});
  // Formats of columns read as timestamps (strptime-style, e.g. %Y%m%d); empty = the usual forms.
  const [formats, setFormats] = useState<Record<string, string>>({});
  const [skipBad, setSkipBad] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    if (typeof d.showModal === 'function') d.showModal();
    else d.open = true; // environments without modal dialogs (jsdom)
  }, []);

  const changeDelimiter = async (delimiter: string) => {
    setBusy(true);
    setError(null);
    try {
      setPrepared(await reinspect(prepared, delimiter));
      setRoles({});
      setTypes({});
      setNames({});
      setFormats({});
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const nameTaken = mode === 'create' && datasets.some((d) => d.name === name.trim());
  const newName = (column: string) => names[column]?.trim() || column;
  const finalNames = ins.header.map(newName);
  const repeated = finalNames.find((n, i) => finalNames.indexOf(n) !== i);
  const invalid =
    (mode === 'create' && (!name.trim() || nameTaken)) || (mode !== 'create' && !target) || (mode === 'join' && !joinOn) || repeated !== undefined;

  // Added rows take the dataset's types, and so does the key of a join.
  const typeFixed = (column: string) => mode === 'append' || (mode === 'join' && column === joinOn);
  const sentTypes = Object.fromEntries(Object.entries(types).filter(([c]) => !typeFixed(c)));
  const typeOf = (c: { name: string; type: ColumnType }) => (!typeFixed(c.name) && types[c.name]) || c.type;
  const sentFormats = Object.fromEntries(
    ins.columns.filter((c) => typeOf(c) === 'timestamp' && !typeFixed(c.name) && formats[c.name]?.trim()).map((c) => [c.name, formats[c.name].trim()]),
  );
  // The engine applies renames first, so roles, types, formats and the join key name the new names.
  const renamed = <T,>(byColumn: Record<string, T>) => Object.fromEntries(Object.entries(byColumn).map(([c, v]) => [newName(c), v]));
  const rename = Object.fromEntries(ins.header.filter((h) => newName(h) !== h).map((h) => [h, newName(h)]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    const args: Omit<ImportArgs, 'path'> = {
      ...(mode === 'create' ? { name: name.trim() } : {}),
      ...(mode === 'append' ? { append: target } : {}),
      ...(mode === 'join' ? { join: { dataset: target, on: newName(joinOn) } } : {}),
      ...(ins.delimiter ? { delimiter: ins.delimiter } : {}),
      ...(Object.keys(rename).length > 0 ? { rename } : {}),
      ...(Object.keys(roles).length > 0 ? { roles: renamed(roles) } : {}),
      ...(mode !== 'append' && Object.keys(sentTypes).length > 0 ? { types: renamed(sentTypes) } : {}),
      ...(mode !== 'append' && Object.keys(sentFormats).length > 0 ? { timestampFormats: renamed(sentFormats) } : {}),
      ...(skipBad ? { onError: 'skip' as const } : {}),
    };
    onImport(prepared, args);
  };

  const delimiterKnown = ins.delimiter === null || DELIMITERS.some((d) => d.value === ins.delimiter);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onCancel={onClose} onClose={onClose}>
      <form className="dialog__form" onSubmit={submit}>
        <header className="dialog__header">
          <h2 id={`${id}-title`} className="dialog__title">
            Import {prepared.label}
          </h2>
          <p className="muted dialog__subtitle">
            {ins.format.toUpperCase()} · <span title={ins.encodingReason}>{ins.encoding}</span>
            {ins.delimiter !== null && ` · ${ins.header.length} columns`}
          </p>
        </header>

        <div className="dialog__body">
          <fieldset className="fields">
            <legend className="visually-hidden">What to do with the file</legend>
            <div className="radio">
              <label>
                <input type="radio" name="mode" checked={mode === 'create'} onChange={() => setMode('create')} /> New dataset, named
              </label>
              <input
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                disabled={mode !== 'create'}
                aria-label="Dataset name"
                aria-invalid={nameTaken || undefined}
              />
            </div>
            {nameTaken && <div className="field-error">A dataset with this name exists; choose another name.</div>}
            <div className="radio">
              <label>
                <input type="radio" name="mode" checked={mode === 'append'} onChange={() => setMode('append')} disabled={datasets.length === 0} /> Add
                its rows to
              </label>
              <DatasetSelect datasets={datasets} value={target} onChange={setTarget} disabled={mode !== 'append'} label="Dataset to add rows to" />
            </div>
            <div className="radio">
              <label>
                <input type="radio" name="mode" checked={mode === 'join'} onChange={() => setMode('join')} disabled={datasets.length === 0} /> Attach
                its columns (e.g. late labels) to
              </label>
              <DatasetSelect datasets={datasets} value={target} onChange={setTarget} disabled={mode !== 'join'} label="Dataset to attach columns to" />
              <span>matching on</span>
              <select className="input" value={joinOn} onChange={(e) => setJoinOn(e.target.value)} disabled={mode !== 'join'} aria-label="Key column">
                {ins.header.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>

          <div className="fields fields--inline">
            {ins.delimiter !== null && (
              <label>
                Delimiter{' '}
                <select className="input" value={ins.delimiter} onChange={(e) => void changeDelimiter(e.target.value)} disabled={busy}>
                  {!delimiterKnown && <option value={ins.delimiter}>{JSON.stringify(ins.delimiter)}</option>}
                  {DELIMITERS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="checkbox">
              <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
              Leave out rows that cannot be read (they are counted) instead of stopping
            </label>
          </div>

          {Object.keys(sentTypes).length > 0 && mode !== 'append' && (
            <p className="muted">A value that does not fit a chosen type makes its row a bad row, named by line and column; it is never converted.</p>
          )}

          <ImportWarnings warnings={ins.warnings ?? []} place="dialog" label="Before you import" />
          {repeated !== undefined && <div className="field-error">Two columns would be named {JSON.stringify(repeated)}; change one of the Names.</div>}

          {error && (
            <div className="notice notice--error" role="alert">
              <div className="notice__body">{error}</div>
            </div>
          )}

          <div className="dialog__columns">
            <div className="table-wrap table-wrap--scroll dialog__table">
              <table className="table table--dense" aria-label="Columns found">
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Role</th>
                  </tr>
                </thead>
                <tbody>
                  {ins.columns.map((c) => (
                    <tr key={c.name}>
                      <th scope="row" className="table__name table__name--plain">
                        {c.name}
                      </th>
                      <td>
                        <input
                          className="input input--small"
                          aria-label={`Name of ${c.name}`}
                          value={names[c.name] ?? c.name}
                          onChange={(e) => setNames((n) => ({ ...n, [c.name]: e.target.value }))}
                        />
                      </td>
                      <td>
                        <select
                          className="select"
                          aria-label={`Type of ${c.name}`}
                          title={typeFixed(c.name) ? 'Takes the dataset\'s type' : undefined}
                          disabled={typeFixed(c.name)}
                          value={(!typeFixed(c.name) && types[c.name]) || c.type}
                          onChange={(e) => setTypes((t) => chooseType(t, c.name, e.target.value as ColumnType, c.type))}
                        >
                          {COLUMN_TYPES.map((t) => (
                            <option key={t} value={t}>
                              {t === c.type ? `${t} (detected)` : t}
                            </option>
                          ))}
                        </select>
                        {typeOf(c) === 'timestamp' && !typeFixed(c.name) && (
                          <input
                            className="input input--small"
                            aria-label={`Format of ${c.name}`}
                            title="strptime-style: %Y %y %m %d %H %M %S %f %z, e.g. %Y%m%d or %d/%m/%Y %H:%M. Empty: ISO 8601 (T or space), YYYYMMDD or epoch seconds/milliseconds."
                            placeholder="format, e.g. %d/%m/%Y"
                            value={formats[c.name] ?? ''}
                            onChange={(e) => setFormats((f) => ({ ...f, [c.name]: e.target.value }))}
                          />
                        )}
                      </td>
                      <td>
                        <select
                          className="select"
                          aria-label={`Role of ${c.name}`}
                          value={roles[c.name] ?? c.role}
                          onChange={(e) => setRoles((r) => ({ ...r, [c.name]: e.target.value as ColumnRole }))}
                        >
                          {COLUMN_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="table-wrap table-wrap--scroll dialog__table">
              <table className="table table--dense table--sample" aria-label="First rows">
                <thead>
                  <tr>
                    {ins.header.map((h, i) => (
                      <th key={i} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ins.sampleRows.map((row, r) => (
                    <tr key={r}>
                      {row.map((v, i) => (
                        <td key={i} className={v === null ? 'preview__cell--null' : undefined}>
                          {v === null ? 'null' : v}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>

        <footer className="dialog__footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={invalid || busy}>
            Import
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** Choosing the detected type again drops the choice, so the whole file decides as usual. */
function chooseType(chosen: Record<string, ColumnType>, column: string, type: ColumnType, detected: ColumnType): Record<string, ColumnType> {
  const { [column]: _previous, ...rest } = chosen;
  return type === detected ? rest : { ...rest, [column]: type };
}

function DatasetSelect(props: { datasets: readonly DatasetSummary[]; value: string; onChange: (v: string) => void; disabled: boolean; label: string }) {
  return (
    <select className="input" value={props.value} onChange={(e) => props.onChange(e.target.value)} disabled={props.disabled} aria-label={props.label}>
      {props.datasets.map((d) => (
        <option key={d.id} value={d.name}>
          {d.name}
        </option>
      ))}
    </select>
  );
}
