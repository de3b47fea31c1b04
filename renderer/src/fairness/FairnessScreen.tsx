/**
 * The Fairness screen (issue #12): choose a dataset, the label and decision (score at a threshold,
 * or a prediction), attributes and their intersection, reference groups, τ, chunks and bootstrap;
 * run in the engine's worker with progress and Cancel; read the verdicts, Fairlearn's summaries,
 * the disparity plot, the group table and the over-time view.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColumnInfo } from '../../../core/api/types';
import { ErrorNotice } from '../app/ErrorNotice';
import { useApp } from '../app/context';
import { routeParams } from '../app/routes';
import { errorMessage } from '../errors';
import { FairnessResults } from './FairnessResults';
import { FairnessSettings } from './FairnessSettings';
import { defaultForm, formOptions, formProblem, type FairnessForm } from './fairnessForm';
import { useFairnessRun } from './useFairnessRun';
import { RunStatus } from '../shared/RunStatus';
import '../shared/shared.css';
import './fairness.css';
import { NeedData } from '../app/NeedData';

export function FairnessScreen() {
  const { datasets, platform } = useApp();
  const client = platform.client;
  const list = datasets.datasets;
  const [dataset, setDataset] = useState<string | null>(() => routeParams().dataset ?? null);
  // Kept with the dataset they belong to, so a new choice shows nothing stale while it loads.
  const [loaded, setLoaded] = useState<{ dataset: string; columns: readonly ColumnInfo[]; form: FairnessForm } | null>(null);
  const [failed, setFailed] = useState<{ dataset: string; message: string } | null>(null);
  const { state, start, cancel } = useFairnessRun(client);

  const chosen = dataset ?? (list && list.length ? (list.find((d) => /current|log|compas/i.test(d.name)) ?? list[0]).name : null);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    client.getDataset({ dataset: chosen }).then(
      (d) => {
        if (!live) return;
        const f = defaultForm(d.columnInfo);
        setLoaded({ dataset: chosen, columns: d.columnInfo, form: f });
        if (!formProblem(f, d.columnInfo)) start(chosen, formOptions(f, d.columnInfo), f.where);
      },
      (e: unknown) => live && setFailed({ dataset: chosen, message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, chosen, start]);

  const groupsOf = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const g of state.run?.result.groups ?? []) (out[g.attribute] ??= []).push(g.group);
    return out;
  }, [state.run]);

  const current = loaded?.dataset === chosen ? loaded : null;
  const columns = current?.columns ?? null;
  const form = current?.form ?? null;
  const setForm = (f: FairnessForm) => current && setLoaded({ ...current, form: f });
  const loadError = failed?.dataset === chosen ? failed.message : null;
  const problem = form && columns ? formProblem(form, columns) : null;
  const run = () => form && columns && chosen && !problem && start(chosen, formOptions(form, columns), form.where);

  return (
    <section className="screen fairness" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>Fairness</h1>
      </header>
      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}
      {list !== null && list.length === 0 && (
        <NeedData title="A dataset is needed">A fairness audit reads one dataset with a label, the model’s decision (a score or a prediction) and attribute columns such as race or sex.</NeedData>
      )}
      {list !== null && list.length > 0 && chosen && (
        <div className="fairness-layout">
          <form
            className="fairness-form"
            aria-label="Fairness settings"
            onSubmit={(e) => {
              e.preventDefault();
              run();
            }}
          >
            <label className="field">
              <span>Dataset</span>
              <select value={chosen} onChange={(e) => setDataset(e.target.value)}>
                {list.map((d) => <option key={d.name} value={d.name}>{d.name}</option>)}
              </select>
            </label>
            {loadError && <ErrorNotice title="The dataset could not be read" message={loadError} />}
            {form && columns && <FairnessSettings form={form} columns={columns} groupsOf={groupsOf} onChange={setForm} />}
            {problem && <p className="muted" role="status">{problem}</p>}
            <div className="fairness-form__actions">
              <button type="submit" className="button button--primary" disabled={!form || !!problem}>Run audit</button>
            </div>
          </form>
          <div className="fairness-main">
            <RunStatus state={state} onCancel={cancel} analysis="fairness" what="audit" failed="The audit could not run" />
            {state.run && <div className={state.status === 'running' ? 'fairness-stale' : ''}><FairnessResults key={state.run.settings.dataset as string} run={state.run} /></div>}
          </div>
        </div>
      )}
    </section>
  );
}
