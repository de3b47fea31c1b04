import { useCallback, useEffect, useMemo, useReducer, useState, type FormEvent } from 'react';
import type { ColumnQuality, OverTimeSeries } from '../../../core/analyses/drift/types';
import type { DatasetSummary, DriftArgs } from '../../../core/api/types';
import { useApp } from '../app/context';
import { errorMessage } from '../errors';
import { formatCount } from '../format';
import { ColumnDetail } from './ColumnDetail';
import { DatasetPairPicker } from '../shared/DatasetPairPicker';
import { DriftTable } from './DriftTable';
import { formatShare } from './driftFormat';
import { FilterBuilder } from './FilterBuilder';
import { pairContext, type Pair } from '../shared/pair';
import { RunStatus } from '../shared/RunStatus';
import { sortByDrift } from './score';
import { formToSettings, hasErrors, settingsToForm, type ColumnOverrideForm, type FormErrors, type PairContext, type SettingsForm } from '../shared/settingsForm';
import { SettingsPanel } from './SettingsPanel';
import { effectiveSelection, selectionReducer } from './tableNav';
import { useDriftRun } from './useDriftRun';
import { MonitorThis } from '../monitors/MonitorThis';

interface Loaded {
  readonly ctx: PairContext;
  readonly form: SettingsForm;
}

/**
 * One pair of datasets: reads the current dataset's columns and the settings saved for the pair,
 * runs the analysis, and shows the table and the selected column. Mounted afresh per pair (keyed),
 * so nothing of another pair's run can leak into it.
 */
export function DriftPairView({
  datasets,
  pair,
  onPair,
  settingsOpen,
  onCloseSettings,
}: {
  datasets: readonly DatasetSummary[];
  pair: Pair;
  onPair: (p: Pair) => void;
  settingsOpen: boolean;
  onCloseSettings: () => void;
}) {
  const { platform } = useApp();
  const client = platform.client;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<FormErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [filterDraft, setFilterDraft] = useState('');
  const { state, start, cancel } = useDriftRun(client);
  const [selection, dispatch] = useReducer(selectionReducer, { selected: null });

  const { reference, current } = pair;
  const run = useCallback(
    (form: SettingsForm, ctx: PairContext) => {
      const { settings, errors } = formToSettings(form, ctx);
      setFormErrors(errors);
      if (hasErrors(errors)) return;
      const args: DriftArgs = { reference, current, options: settings.options, ...(settings.where ? { where: settings.where } : {}) };
      start(args);
    },
    [reference, current, start],
  );

  useEffect(() => {
    let live = true;
    Promise.all([client.getDataset({ dataset: pair.current }), client.getDriftSettings(pair)]).then(
      ([cur, saved]) => {
        if (!live) return;
        const ctx = pairContext(cur);
        const form = settingsToForm(saved, ctx);
        setLoaded({ ctx, form });
        setFilterDraft(form.where);
        run(form, ctx);
      },
      (e: unknown) => {
        if (live) setLoadError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [client, pair, run]);

  /** New settings: rerun now, and remember them for this pair. */
  const apply = useCallback(
    (form: SettingsForm) => {
      if (!loaded) return;
      const { settings, errors } = formToSettings(form, loaded.ctx);
      setFormErrors(errors);
      if (hasErrors(errors)) return;
      setLoaded({ ...loaded, form });
      run(form, loaded.ctx);
      setSaveError(null);
      client.saveDriftSettings({ ...pair, settings }).catch((e: unknown) => setSaveError(`The settings could not be saved: ${errorMessage(e)}`));
    },
    [loaded, run, client, pair],
  );

  const result = state.run?.result ?? null;
  const sorted = useMemo(() => (result ? sortByDrift(result.columns) : []), [result]);
  const order = useMemo(() => sorted.map((s) => s.column.column), [sorted]);
  const series = useMemo(() => new Map<string, OverTimeSeries>((result?.over_time?.series ?? []).map((s) => [s.column, s])), [result]);
  const quality = useMemo(() => new Map<string, ColumnQuality>((result?.quality ?? []).map((q) => [q.column, q])), [result]);
  const selectedName = effectiveSelection(selection, order);
  const selected = sorted.find((s) => s.column.column === selectedName)?.column ?? null;

  const onSelect = useCallback((column: string) => dispatch({ type: 'select', column }), []);
  const onNavigate = useCallback((key: string) => dispatch({ type: 'key', key, order }), [order]);

  const onOverride = useCallback(
    (column: string, value: ColumnOverrideForm | null) => {
      if (!loaded) return;
      const rest = Object.fromEntries(Object.entries(loaded.form.perColumn).filter(([k]) => k !== column));
      apply({ ...loaded.form, perColumn: value ? { ...rest, [column]: value } : rest });
    },
    [loaded, apply],
  );

  const submitFilter = (e: FormEvent) => {
    e.preventDefault();
    if (loaded) apply({ ...loaded.form, where: filterDraft });
  };

  const running = state.status === 'running';
  const rowsOf = (name: string) => datasets.find((d) => d.name === name)?.rows;
  const refRows = rowsOf(pair.reference);
  const curRows = rowsOf(pair.current);
  const comparing = `${refRows === undefined ? '' : `${formatCount(refRows)} `}reference rows against ${curRows === undefined ? '' : `${formatCount(curRows)} `}current rows${loaded?.form.where ? ', in the segment' : ''}`;
  // A filter error goes under the filter box, where its caret points; RunStatus shows any other.
  const filterError = state.status === 'error' && state.filterPosition !== null ? state.error : null;
  // What is on screen was computed with other settings than those now applied.
  const stale = state.run !== null && state.status !== 'done';

  return (
    <>
      <div className="drift-toolbar">
        <DatasetPairPicker datasets={datasets} pair={pair} onChange={onPair} />
        <form className="drift-filter" onSubmit={submitFilter} role="search" aria-label="Segment filter">
          <label className="drift-field drift-filter__field">
            <span className="drift-field__label">Segment filter</span>
            <input aria-label="Segment filter"
              className="input drift-filter__input"
              value={filterDraft}
              onChange={(e) => setFilterDraft(e.target.value)}
              placeholder="e.g. device = 'mobile' AND age >= 30"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={filterError ? true : undefined}
              aria-describedby={filterError ? 'drift-filter-error' : undefined}
              disabled={!loaded}
            />
          </label>
          <button type="submit" className="button" disabled={!loaded}>
            Apply filter
          </button>
          <FilterBuilder pair={pair} text={filterDraft} onChange={setFilterDraft} disabled={!loaded} />
          {filterError && (
            <pre id="drift-filter-error" className="drift-filter__error" role="alert">
              {filterError}
            </pre>
          )}
        </form>
      </div>

      {settingsOpen && loaded && (
        <div id="drift-settings">
          <SettingsPanel key={JSON.stringify(loaded.form)} form={loaded.form} ctx={loaded.ctx} busy={running} onApply={apply} onClose={onCloseSettings} />
        </div>
      )}

      {loadError && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">
            <div className="notice__title">The datasets could not be read</div>
            <div className="notice__message">{loadError}</div>
          </div>
        </div>
      )}
      {saveError && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">{saveError}</div>
        </div>
      )}
      {hasErrors(formErrors) && !settingsOpen && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">{Object.values(formErrors).join(' ')} Open Settings to fix it.</div>
        </div>
      )}
      {!loaded && !loadError && <p className="muted">Reading the datasets…</p>}
      <RunStatus
        state={state}
        analysis="drift"
        what="analysis"
        detail={comparing}
        failed="The drift analysis failed"
        filterErrorsInline
        onCancel={cancel}
        onRerun={() => loaded && run(loaded.form, loaded.ctx)}
      />

      {result && state.run && (
        <p className="drift-summary" data-testid="drift-summary" aria-live="polite">
          <strong>
            {result.n_drifted} of {result.n_tested} columns drifted
          </strong>{' '}
          — dataset drift: <strong className={result.dataset_drift ? 'drift-summary__yes' : undefined}>{result.dataset_drift ? 'yes' : 'no'}</strong> (threshold{' '}
          {formatShare(result.drift_share_threshold)})
          <span className="muted">
            {' '}
            · {formatCount(result.n_reference_rows)} reference rows, {formatCount(result.n_current_rows)} current rows
            {state.run.settings.where ? (
              <>
                {' '}
                · segment <code className="drift-summary__where">{state.run.settings.where}</code>
              </>
            ) : null}
            {stale ? ' · showing the previous result' : ''}
          </span>{' '}
          <MonitorThis
            key={`${reference}\u0000${current}`}
            monitor={{
              name: `Dataset drift: ${current} vs ${reference}${state.run.settings.where ? ` where ${state.run.settings.where}` : ''}`.slice(0, 200),
              analysis: 'drift',
              datasets: { reference, current },
              options: state.run.settings.options,
              ...(state.run.settings.where ? { where: state.run.settings.where } : {}),
              metric: 'share_drifted',
              condition: `>= ${result.drift_share_threshold}`,
              severity: 'warning',
            }}
          />
        </p>
      )}
      {result?.warnings?.map((w) => (
        <div key={w} className="notice notice--warning" role="note">
          <div className="notice__body">{w}</div>
        </div>
      ))}

      {result && state.run && (
        <div className="drift-layout">
          <DriftTable rows={sorted} series={series} quality={quality} selected={selectedName} onSelect={onSelect} onNavigate={onNavigate} stale={stale} />
          <div className="drift-layout__detail" data-selected={selectedName ?? ''}>
            {selected ? (
              <ColumnDetail
                column={selected}
                charts={state.run.charts}
                series={series.get(selected.column)}
                overTime={result.over_time}
                quality={quality.get(selected.column)}
                override={loaded?.form.perColumn[selected.column]}
                overrideError={formErrors[`column:${selected.column}`]}
                busy={running}
                onOverride={onOverride}
              />
            ) : (
              <p className="muted">No columns in common to compare.</p>
            )}
          </div>
        </div>
      )}
    </>
  );
}
