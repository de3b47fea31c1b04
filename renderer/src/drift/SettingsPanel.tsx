import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formToSettings, type ChunkChoice, type FormErrors, type PairContext, type SeasonalReference, type SettingsForm, type TestChoiceForm, TESTS, defaultChunkRows } from '../shared/settingsForm';
import { formatCount } from '../format';
import { testName } from './driftFormat';

/**
 * Tests, thresholds, chunking for all columns. Edits a draft; Apply hands it to the screen, which
 * reruns the analysis and saves the settings for this pair of datasets.
 */
export function SettingsPanel({
  form,
  ctx,
  busy,
  onApply,
  onClose,
}: {
  form: SettingsForm;
  ctx: PairContext;
  busy: boolean;
  onApply: (form: SettingsForm) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(form);
  const [errors, setErrors] = useState<FormErrors>({});
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const set = <K extends keyof SettingsForm>(k: K, v: SettingsForm[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { errors: errs } = formToSettings(draft, ctx);
    setErrors(errs);
    if (Object.keys(errs).length === 0) onApply(draft);
  };
  const overrides = Object.entries(draft.perColumn);

  return (
    <aside className="drift-settings" aria-labelledby="drift-settings-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form onSubmit={submit} className="drift-settings__form">
        <header className="drift-settings__header">
          <h2 id="drift-settings-title">Settings</h2>
          <button type="button" className="button button--quiet button--small" onClick={onClose} aria-label="Close settings">
            ✕
          </button>
        </header>

        <fieldset className="drift-settings__group">
          <legend>All columns</legend>
          <label className="drift-field">
            <span className="drift-field__label">Test</span>
            <select aria-label="Test" ref={first} className="input" value={draft.test} onChange={(e) => set('test', e.target.value as TestChoiceForm)}>
              {/* Short enough for the narrowest settings column; the rule is spelled out below. */}
              <option value="auto">auto (as Evidently)</option>
              {TESTS.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label} — {t.kinds}
                </option>
              ))}
            </select>
            {draft.test === 'auto' && <span className="drift-field__help">auto: chosen by column kind and reference size, as Evidently does.</span>}
          </label>
          <label className="drift-field">
            <span className="drift-field__label">Threshold</span>
            <input aria-label="Threshold"
              className="input"
              inputMode="decimal"
              placeholder="the test's default"
              value={draft.threshold}
              onChange={(e) => set('threshold', e.target.value)}
              aria-invalid={errors.threshold ? true : undefined}
              aria-describedby="drift-threshold-help"
            />
            <span id="drift-threshold-help" className="drift-field__help">
              p-value tests: drift when p &lt; threshold (default 0.05). Distances: drift when ≥ threshold (default 0.1).
            </span>
            {errors.threshold && <span className="drift-field__error">{errors.threshold}</span>}
          </label>
          <label className="drift-field">
            <span className="drift-field__label">Dataset drift when drifted columns reach (%)</span>
            <input aria-label="Dataset drift when drifted columns reach (%)"
              className="input"
              inputMode="decimal"
              placeholder="50"
              value={draft.driftShare}
              onChange={(e) => set('driftShare', e.target.value)}
              aria-invalid={errors.driftShare ? true : undefined}
            />
            {errors.driftShare && <span className="drift-field__error">{errors.driftShare}</span>}
          </label>
        </fieldset>

        <fieldset className="drift-settings__group">
          <legend>Drift over time</legend>
          <label className="drift-field">
            <span className="drift-field__label">Chunks of the current data</span>
            <select aria-label="Chunks of the current data" className="input" value={draft.chunk} onChange={(e) => set('chunk', e.target.value as ChunkChoice)}>
              <option value="day" disabled={!ctx.timestamp}>
                by day{ctx.timestamp ? ` (${ctx.timestamp})` : ''}
              </option>
              <option value="week" disabled={!ctx.timestamp}>
                by week{ctx.timestamp ? ` (${ctx.timestamp})` : ''}
              </option>
              <option value="month" disabled={!ctx.timestamp}>
                by month{ctx.timestamp ? ` (${ctx.timestamp})` : ''}
              </option>
              <option value="rows">by number of rows</option>
            </select>
            {!ctx.timestamp && <span className="drift-field__help">The current dataset has no timestamp column, so it is cut by rows.</span>}
          </label>
          {draft.chunk === 'rows' && (
            <label className="drift-field">
              <span className="drift-field__label">Rows per chunk</span>
              <input aria-label="Rows per chunk"
                className="input"
                inputMode="numeric"
                placeholder={`${formatCount(defaultChunkRows(ctx.currentRows))} (a tenth)`}
                value={draft.chunkRows}
                onChange={(e) => set('chunkRows', e.target.value)}
                aria-invalid={errors.chunkRows ? true : undefined}
              />
              {errors.chunkRows && <span className="drift-field__error">{errors.chunkRows}</span>}
            </label>
          )}
          <label className="drift-check">
            <input type="checkbox" checked={draft.referenceChunks} onChange={(e) => set('referenceChunks', e.target.checked)} />
            <span>
              Thresholds from reference chunks (NannyML): a chunk drifts when its statistic leaves mean ± 3σ of the reference’s chunks
            </span>
          </label>
          <label className="drift-field">
            <span className="drift-field__label">Seasonal reference</span>
            <select
              aria-label="Seasonal reference"
              className="input"
              value={draft.chunk === 'rows' || !ctx.timestamp ? 'off' : draft.seasonalReference}
              disabled={draft.chunk === 'rows' || !ctx.timestamp}
              onChange={(e) => set('seasonalReference', e.target.value as SeasonalReference)}
            >
              <option value="off">whole reference</option>
              <option value="month">same months of the year</option>
              <option value="weekday">same days of the week</option>
            </select>
            <span className="drift-field__help">
              For columns that vary with the season: each chunk is compared with the reference rows of the same months (or weekdays), not the whole year.
            </span>
          </label>
        </fieldset>

        {overrides.length > 0 && (
          <fieldset className="drift-settings__group">
            <legend>Per-column tests</legend>
            <ul className="drift-settings__overrides">
              {overrides.map(([name, o]) => (
                <li key={name}>
                  <span className="drift-settings__override-name">{name}</span>
                  <span className="muted">
                    {o.test === 'auto' ? 'auto' : testName(o.test)}
                    {o.threshold ? `, threshold ${o.threshold}` : ''}
                  </span>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    onClick={() => {
                      const rest = Object.fromEntries(Object.entries(draft.perColumn).filter(([k]) => k !== name));
                      set('perColumn', rest);
                    }}
                    aria-label={`Remove the test chosen for ${name}`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        )}

        <div className="drift-settings__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Apply
          </button>
          <button type="button" className="button" onClick={() => setDraft(form)}>
            Revert
          </button>
        </div>
      </form>
    </aside>
  );
}
