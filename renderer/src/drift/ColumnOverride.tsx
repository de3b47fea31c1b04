import { useState, type FormEvent } from 'react';
import type { ColumnKind } from '../../../core/analyses/drift/types';
import { TESTS, type ColumnOverrideForm, type TestChoiceForm } from '../shared/settingsForm';

/** This column's own test and threshold; applying reruns the analysis and saves the settings. */
export function ColumnOverride({
  column,
  kind,
  value,
  error,
  disabled,
  onApply,
}: {
  column: string;
  kind: ColumnKind;
  value: ColumnOverrideForm | undefined;
  error: string | undefined;
  disabled: boolean;
  onApply: (column: string, value: ColumnOverrideForm | null) => void;
}) {
  const [test, setTest] = useState<TestChoiceForm>(value?.test ?? 'auto');
  const [threshold, setThreshold] = useState(value?.threshold ?? '');
  const tests = TESTS.filter((t) => t.kinds === 'both' || t.kinds.includes(kind));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(column, test === 'auto' && threshold.trim() === '' ? null : { test, threshold });
  };
  return (
    <form className="drift-override" onSubmit={submit} aria-label="Test for this column">
      <label className="drift-field">
        <span className="drift-field__label">Test for this column</span>
        <select aria-label="Test for this column" className="input input--small drift-override__test" value={test} onChange={(e) => setTest(e.target.value as TestChoiceForm)}>
          <option value="auto">as for all columns</option>
          {tests.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="drift-field">
        <span className="drift-field__label">Threshold</span>
        <input aria-label="Threshold"
          className="input input--small"
          inputMode="decimal"
          placeholder="default"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </label>
      <button type="submit" className="button button--small" disabled={disabled}>
        Apply
      </button>
      {value && (
        <button type="button" className="button button--quiet button--small" disabled={disabled} onClick={() => onApply(column, null)}>
          Reset
        </button>
      )}
      {error && (
        <p className="drift-field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
