import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnType } from '../../../core/data/column';
import { useApp } from '../app/context';
import { errorMessage } from '../errors';
import { buildClause, ClauseError, opsFor, valueCount, type ClauseJoin, type ClauseOp } from './filterClause';
import type { Pair } from '../shared/pair';

interface Col {
  readonly name: string;
  readonly type: ColumnType;
}

/** Columns of both datasets, by name; the current dataset's type wins when they disagree. */
function mergeColumns(current: readonly Col[], reference: readonly Col[]): Col[] {
  const byName = new Map<string, Col>();
  for (const c of [...reference, ...current]) byName.set(c.name, { name: c.name, type: c.type });
  return [...byName.values()];
}

/**
 * "+ Condition": an inline row that writes one quoted, escaped clause into the segment filter
 * text (which stays the single source of truth; nothing is applied until the user applies it).
 */
export function FilterBuilder({ pair, text, onChange, disabled }: { pair: Pair; text: string; onChange: (text: string) => void; disabled?: boolean }) {
  const { platform } = useApp();
  const client = platform.client;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [columns, setColumns] = useState<Col[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [column, setColumn] = useState('');
  const [op, setOp] = useState<ClauseOp>('=');
  const [values, setValues] = useState<[string, string]>(['', '']);
  const [join, setJoin] = useState<ClauseJoin>('AND');
  const [error, setError] = useState<string | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const columnRef = useRef<HTMLSelectElement>(null);

  const { current, reference } = pair;
  useEffect(() => {
    if (!open || columns !== null) return;
    let live = true;
    Promise.all([client.getDataset({ dataset: current }), client.getDataset({ dataset: reference })]).then(
      ([cur, ref]) => {
        if (!live) return;
        const cols = mergeColumns(cur.columnInfo, ref.columnInfo);
        setColumns(cols);
        setColumn((c) => c || (cols[0]?.name ?? ''));
      },
      (e: unknown) => {
        if (live) setLoadError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [open, columns, client, current, reference]);

  useEffect(() => {
    if (open && columns) columnRef.current?.focus();
  }, [open, columns]);

  const type = columns?.find((c) => c.name === column)?.type ?? 'text';
  const ops = opsFor(type);
  const effectiveOp: ClauseOp = ops.includes(op) ? op : '=';
  const nValues = valueCount(effectiveOp);
  const hasText = text.trim() !== '';

  const close = () => {
    setOpen(false);
    setError(null);
    toggleRef.current?.focus();
  };

  const add = () => {
    try {
      onChange(buildClause({ column, type, op: effectiveOp, values: values.slice(0, nValues), join, existing: text }));
      setValues(['', '']);
      close();
    } catch (e) {
      if (e instanceof ClauseError) setError(e.message);
      else throw e;
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      // Enter adds the condition rather than submitting (applying) the filter form around it.
      e.preventDefault();
      add();
    }
  };

  const placeholder = type === 'timestamp' ? '2026-03-01' : type === 'boolean' ? 'TRUE or FALSE' : type === 'integer' || type === 'real' ? 'number' : 'value';
  const setValue = (i: 0 | 1, v: string) => {
    setError(null);
    setValues((vs) => (i === 0 ? [v, vs[1]] : [vs[0], v]));
  };

  return (
    <>
      <button
        ref={toggleRef}
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        aria-controls={open ? `${id}-row` : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        disabled={disabled}
      >
        + Condition
      </button>
      {open && (
        <div id={`${id}-row`} className="drift-builder" role="group" aria-label="New condition" onKeyDown={onKeyDown}>
          {loadError ? (
            <p className="drift-field__error" role="alert">
              The columns could not be read: {loadError}
            </p>
          ) : columns === null ? (
            <span className="drift-field__help">Reading the columns…</span>
          ) : (
            <>
              {hasText && (
                <label className="drift-field">
                  <span className="drift-field__label">Join</span>
                  <select className="input input--small" value={join} onChange={(e) => setJoin(e.target.value as ClauseJoin)}>
                    <option value="AND">AND</option>
                    <option value="OR">OR</option>
                  </select>
                </label>
              )}
              <label className="drift-field">
                <span className="drift-field__label">Column</span>
                <select
                  ref={columnRef}
                  className="input input--small drift-builder__column"
                  value={column}
                  onChange={(e) => {
                    setColumn(e.target.value);
                    setError(null);
                  }}
                >
                  {columns.map((c) => (
                    <option key={c.name} value={c.name}>
                      {c.name} ({c.type})
                    </option>
                  ))}
                </select>
              </label>
              <label className="drift-field">
                <span className="drift-field__label">Operator</span>
                <select
                  className="input input--small"
                  value={effectiveOp}
                  onChange={(e) => {
                    setOp(e.target.value as ClauseOp);
                    setError(null);
                  }}
                >
                  {ops.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
              {nValues >= 1 && (
                <label className="drift-field">
                  <span className="drift-field__label">{effectiveOp === 'IN' ? 'Values, comma-separated' : nValues === 2 ? 'From' : 'Value'}</span>
                  <input
                    className="input input--small drift-builder__value"
                    value={values[0]}
                    onChange={(e) => setValue(0, e.target.value)}
                    placeholder={effectiveOp === 'IN' ? 'a, b, c' : placeholder}
                    spellCheck={false}
                    autoComplete="off"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                </label>
              )}
              {nValues === 2 && (
                <label className="drift-field">
                  <span className="drift-field__label">To</span>
                  <input
                    className="input input--small drift-builder__value"
                    value={values[1]}
                    onChange={(e) => setValue(1, e.target.value)}
                    placeholder={placeholder}
                    spellCheck={false}
                    autoComplete="off"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                </label>
              )}
              <button type="button" className="button button--small" onClick={add}>
                Add
              </button>
              <button type="button" className="button button--quiet button--small" onClick={close}>
                Cancel
              </button>
              {error && (
                <p id={`${id}-error`} className="drift-field__error drift-builder__error" role="alert">
                  {error}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </>
  );
}
