/** Every input `plumbline fairness` has, as form controls: columns, decision, attributes, reference groups, τ, chunks, bootstrap, filter. */
import type { ColumnInfo } from '../../../core/api/types';
import { PALETTE } from '../../../core/format/palette';
import { ThresholdSlider } from '../shared/ThresholdSlider';
import { clampToStep, gridStops } from '../shared/sliderKeys';

/** The fairness threshold moves on a 0.01 grid (the Performance screen's slider, over these stops). */
const THRESHOLD_STOPS = gridStops(0, 1, 0.01);
import { attributeLabels, timestampColumn, type FairnessForm } from './fairnessForm';

export interface SettingsProps {
  readonly form: FairnessForm;
  readonly columns: readonly ColumnInfo[];
  /** Attribute label → its groups, from the last run (for the reference-group choice). */
  readonly groupsOf: Readonly<Record<string, readonly string[]>>;
  readonly onChange: (f: FairnessForm) => void;
}

export function FairnessSettings({ form, columns, groupsOf, onChange }: SettingsProps) {
  const set = <K extends keyof FairnessForm>(k: K, v: FairnessForm[K]) => onChange({ ...form, [k]: v });
  const names = columns.map((c) => c.name);
  const numeric = columns.filter((c) => c.type === 'real' || c.type === 'integer').map((c) => c.name);
  const categorical = columns.filter((c) => c.type !== 'real' && c.type !== 'timestamp').map((c) => c.name);
  const toggle = (a: string) => set('attributes', form.attributes.includes(a) ? form.attributes.filter((x) => x !== a) : [...form.attributes, a]);
  const ts = timestampColumn(columns);
  return (
    <div className="fairness-settings">
      <fieldset>
        <legend>Outcome and decision</legend>
        <label className="field">
          <span>Label</span>
          <select value={form.label} onChange={(e) => set('label', e.target.value)}>
            <option value="">—</option>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <div className="field" role="radiogroup" aria-label="Decision">
          <span>Decision</span>
          <label><input type="radio" name="decision" checked={form.decisionKind === 'score'} onChange={() => set('decisionKind', 'score')} /> score at a threshold</label>
          <label><input type="radio" name="decision" checked={form.decisionKind === 'prediction'} onChange={() => set('decisionKind', 'prediction')} /> prediction column (1 = positive)</label>
        </div>
        {form.decisionKind === 'score' ? (
          <>
            <label className="field">
              <span>Score</span>
              <select value={form.score} onChange={(e) => set('score', e.target.value)}>
                <option value="">—</option>
                {numeric.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <ThresholdSlider
              stops={THRESHOLD_STOPS}
              label="Threshold (positive when score ≥ threshold)"
              value={form.threshold}
              onChange={(v) => set('threshold', clampToStep(v, 0, 1, 0.01))}
              marks={[{ value: 0.5, label: 'default', color: PALETTE.threshold }]}
              format={(v) => v.toFixed(2)}
            />
            <label className="field">
              <span>Threshold (exact value)</span>
              <input
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={form.threshold}
                onChange={(e) => {
                  const v = Number(e.target.value);
                  if (e.target.value.trim() !== '' && Number.isFinite(v)) set('threshold', clampToStep(v, 0, 1, 0.01));
                }}
              />
            </label>
          </>
        ) : (
          <label className="field">
            <span>Prediction</span>
            <select value={form.prediction} onChange={(e) => set('prediction', e.target.value)}>
              <option value="">—</option>
              {names.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>Groups</legend>
        <div className="fairness-settings__attributes" role="group" aria-label="Attributes">
          {categorical.map((n) => (
            <label key={n}><input type="checkbox" checked={form.attributes.includes(n)} onChange={() => toggle(n)} /> {n}</label>
          ))}
        </div>
        <label><input type="checkbox" checked={form.intersect} disabled={form.attributes.length < 2} onChange={(e) => set('intersect', e.target.checked)} /> also the intersection of the chosen attributes ({form.attributes.join(' × ') || '—'})</label>
        <label className="field">
          <span>Reference group where none is chosen</span>
          <select value={form.referenceMethod} onChange={(e) => set('referenceMethod', e.target.value as FairnessForm['referenceMethod'])}>
            <option value="majority">the largest group</option>
            <option value="min_metric">per metric, the group with the smallest rate</option>
          </select>
        </label>
        {attributeLabels(form).map((a) => (
          <label className="field" key={a}>
            <span>Reference group of {a}</span>
            <select aria-label={`Reference group of ${a}`} value={form.referenceGroups[a] ?? ''} onChange={(e) => set('referenceGroups', { ...form.referenceGroups, [a]: e.target.value })}>
              <option value="">by the rule above</option>
              {(groupsOf[a] ?? []).map((g) => <option key={g} value={g}>{g}</option>)}
            </select>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Judging</legend>
        <label className="field">
          <span>τ (parity when τ ≤ disparity ≤ 1/τ)</span>
          <input type="number" min={0.01} max={1} step={0.01} value={form.tau} onChange={(e) => set('tau', Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Minimum group size</span>
          <input type="number" min={0} step={1} value={form.minGroupSize} onChange={(e) => set('minGroupSize', Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Bootstrap resamples (0 = none)</span>
          <input type="number" min={0} max={100000} step={1} value={form.bootstrap} onChange={(e) => set('bootstrap', Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Seed</span>
          <input type="number" step={1} value={form.seed} disabled={form.bootstrap === 0} onChange={(e) => set('seed', Number(e.target.value))} />
        </label>
      </fieldset>

      <fieldset>
        <legend>Over time and segment</legend>
        <label className="field">
          <span>Chunks</span>
          <select value={form.chunk} onChange={(e) => set('chunk', e.target.value as FairnessForm['chunk'])}>
            <option value="">none</option>
            <option value="day" disabled={!ts}>per day{ts ? '' : ' (no timestamp column)'}</option>
            <option value="week" disabled={!ts}>per week</option>
            <option value="month" disabled={!ts}>per month</option>
            <option value="rows">every N rows</option>
          </select>
        </label>
        {form.chunk === 'rows' && (
          <label className="field">
            <span>Rows per chunk</span>
            <input type="number" min={1} step={1} value={form.chunkRows} onChange={(e) => set('chunkRows', Number(e.target.value))} />
          </label>
        )}
        <label className="field">
          <span>Segment filter (e.g. <code>age &gt;= 30</code>; empty = all rows)</span>
          <input type="text" value={form.where} onChange={(e) => set('where', e.target.value)} />
        </label>
      </fieldset>
    </div>
  );
}
