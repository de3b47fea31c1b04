import { useState } from 'react';
import type { AnalysisInfo, DatasetSummary, MonitorDefinition, Severity } from '../../../core/api/types';
import { latestChunkSlot, WINDOW_PERIODS, type RowWindow, type WindowPeriod } from '../../../core/api/latest-chunk';

/** The Latest chunk choice: the whole dataset, a period ending at its newest timestamp, or its last N rows. */
type Chunk = 'all' | WindowPeriod | 'rows';

/** The monitor's `window` for the choice, or undefined (whole dataset; or no rows count given). */
export function chunkWindow(chunk: Chunk, rows: string): RowWindow | undefined {
  if (chunk === 'all') return undefined;
  if (chunk !== 'rows') return { last: chunk };
  const n = Number(rows);
  return Number.isSafeInteger(n) && n > 0 ? { rows: n } : undefined;
}

/**
 * Adds a monitor by hand: the analysis, a dataset per slot it reads, an optional baseline
 * reference (for drop/rise), the metric name, the condition and the severity. The engine validates
 * (the condition's syntax, the slots, the datasets) and its message is shown as it is.
 */
export function MonitorForm({ analyses, datasets, busy, error, onAdd }: { analyses: readonly AnalysisInfo[]; datasets: readonly DatasetSummary[]; busy: boolean; error: string | null; onAdd: (m: MonitorDefinition) => void }) {
  const [name, setName] = useState('');
  const [analysisId, setAnalysisId] = useState(analyses[0]?.id ?? '');
  const [slots, setSlots] = useState<Record<string, string>>({});
  const [reference, setReference] = useState('');
  const [metric, setMetric] = useState('share_drifted');
  const [condition, setCondition] = useState('>= 0.5');
  const [severity, setSeverity] = useState<Severity>('warning');
  const [chunk, setChunk] = useState<Chunk>('all');
  const [chunkRows, setChunkRows] = useState('10000');
  const analysis = analyses.find((a) => a.id === analysisId);
  const chunkSlot = analysis ? latestChunkSlot(analysis.datasets) : null;
  const hasReferenceSlot = analysis?.datasets.some((d) => d.slot === 'reference') ?? false;
  const slotValue = (slot: string, i: number) => slots[slot] ?? datasets[Math.min(datasets.length - 1, slot === 'reference' ? 1 : i === 0 && hasReferenceSlot ? 1 : 0)]?.name ?? '';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!analysis) return;
    const chosen = Object.fromEntries(analysis.datasets.map((d, i) => [d.slot, slotValue(d.slot, i)]));
    const window = chunkSlot === null ? undefined : chunkWindow(chunk, chunkRows);
    onAdd({
      name: name.trim(),
      analysis: analysis.id,
      datasets: chosen,
      ...(reference && !hasReferenceSlot ? { reference } : {}),
      metric: metric.trim(),
      condition: condition.trim(),
      severity,
      ...(window && chunkSlot !== null ? { window: { [chunkSlot]: window } } : {}),
    });
  };

  return (
    <form className="panel monitors-form" aria-labelledby="monitors-add-title" onSubmit={submit}>
      <h2 id="monitors-add-title" className="panel__title">
        Add a monitor
      </h2>
      <div className="monitors-form__grid">
        <label className="drift-field">
          <span className="drift-field__label">Name</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <label className="drift-field">
          <span className="drift-field__label">Analysis</span>
          <select className="input" value={analysisId} onChange={(e) => setAnalysisId(e.target.value)}>
            {analyses.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </label>
        {analysis?.datasets.map((d, i) => (
          <label key={d.slot} className="drift-field">
            <span className="drift-field__label">Dataset: {d.slot}</span>
            <select className="input" value={slotValue(d.slot, i)} onChange={(e) => setSlots({ ...slots, [d.slot]: e.target.value })} title={d.description}>
              {datasets.map((ds) => (
                <option key={ds.id} value={ds.name}>
                  {ds.name}
                </option>
              ))}
            </select>
          </label>
        ))}
        {!hasReferenceSlot && (
          <label className="drift-field">
            <span className="drift-field__label">Baseline reference (for drop/rise)</span>
            <select className="input" value={reference} onChange={(e) => setReference(e.target.value)}>
              <option value="">none</option>
              {datasets.map((ds) => (
                <option key={ds.id} value={ds.name}>
                  {ds.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="drift-field">
          <span className="drift-field__label">Metric</span>
          <input className="input" value={metric} onChange={(e) => setMetric(e.target.value)} required placeholder="share_drifted, drift_score:age, accuracy" />
        </label>
        <label className="drift-field">
          <span className="drift-field__label">Alert when</span>
          <input className="input" value={condition} onChange={(e) => setCondition(e.target.value)} required placeholder="< 0.85, drop > 5%, outside [0.8, 1.25]" />
        </label>
        <label className="drift-field">
          <span className="drift-field__label">Latest chunk{chunkSlot ? ` of ${chunkSlot}` : ''}</span>
          <select
            className="input"
            value={chunkSlot === null ? 'all' : chunk}
            onChange={(e) => setChunk(e.target.value as Chunk)}
            disabled={chunkSlot === null}
            title={chunkSlot === null ? `${analysis?.title ?? 'This analysis'} reads two datasets besides the reference: write its window per dataset in a spec file` : 'Judge only the latest rows (a period ends at the newest timestamp)'}
          >
            <option value="all">whole dataset</option>
            {WINDOW_PERIODS.map((p) => (
              <option key={p} value={p}>
                last {p}
              </option>
            ))}
            <option value="rows">last N rows</option>
          </select>
        </label>
        {chunkSlot !== null && chunk === 'rows' && (
          <label className="drift-field">
            <span className="drift-field__label">Rows (N)</span>
            <input className="input num" type="number" min={1} step={1} value={chunkRows} onChange={(e) => setChunkRows(e.target.value)} required />
          </label>
        )}
        <label className="drift-field">
          <span className="drift-field__label">Severity</span>
          <select className="input" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            <option value="warning">warning</option>
            <option value="critical">critical</option>
          </select>
        </label>
      </div>
      {error && (
        <p className="field-error monitors-form__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !analysis || datasets.length === 0}>
        Add monitor
      </button>
    </form>
  );
}
