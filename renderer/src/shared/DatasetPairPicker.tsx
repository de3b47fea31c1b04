import './shared.css';
import type { DatasetSummary } from '../../../core/api/types';
import { formatCount } from '../format';
import type { Pair } from './pair';

export function DatasetPairPicker({
  datasets,
  pair,
  onChange,
}: {
  datasets: readonly DatasetSummary[];
  pair: Pair;
  onChange: (pair: Pair) => void;
}) {
  const option = (d: DatasetSummary) => (
    <option key={d.id} value={d.name}>
      {d.name} ({formatCount(d.rows)} rows)
    </option>
  );
  return (
    <div className="drift-pair" role="group" aria-label="Datasets to compare">
      <label className="drift-field">
        <span className="drift-field__label">Reference</span>
        <select aria-label="Reference" className="input drift-pair__select" value={pair.reference} onChange={(e) => onChange({ ...pair, reference: e.target.value })}>
          {datasets.map(option)}
        </select>
      </label>
      <button
        type="button"
        className="button button--quiet button--small drift-pair__swap"
        onClick={() => onChange({ reference: pair.current, current: pair.reference })}
        aria-label="Swap reference and current"
        title="Swap reference and current"
      >
        ⇄
      </button>
      <label className="drift-field">
        <span className="drift-field__label">Current</span>
        <select aria-label="Current" className="input drift-pair__select" value={pair.current} onChange={(e) => onChange({ ...pair, current: e.target.value })}>
          {datasets.map(option)}
        </select>
      </label>
    </div>
  );
}
