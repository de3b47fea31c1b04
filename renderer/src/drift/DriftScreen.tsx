import { useState } from 'react';
import { ErrorNotice } from '../app/ErrorNotice';
import { NeedTwoDatasets } from '../app/NeedData';
import { useApp } from '../app/context';
import { routeParams } from '../app/routes';
import { DriftPairView } from './DriftPairView';
import { defaultPair, readLastPair, writeLastPair, type Pair } from '../shared/pair';
import '../shared/shared.css';
import './drift.css';

/** The Drift screen: picks the pair of datasets; everything about one pair lives in DriftPairView. */
export function DriftScreen() {
  const { datasets } = useApp();
  const list = datasets.datasets;
  // A link (the Overview's) may name the pair to open on.
  const [chosen, setChosen] = useState<Pair | null>(() => {
    const { reference, current } = routeParams();
    return reference !== undefined && current !== undefined ? { reference, current } : null;
  });
  const [settingsOpen, setSettingsOpen] = useState(false);

  const names = new Set((list ?? []).map((d) => d.name));
  const pair = list === null ? null : chosen && names.has(chosen.reference) && names.has(chosen.current) ? chosen : defaultPair(list, readLastPair());
  const choose = (p: Pair) => {
    writeLastPair(p);
    setChosen(p);
  };

  return (
    <section className="screen drift" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          Drift
        </h1>
        {pair && (
          <div className="screen__actions">
            <button type="button" className="button" aria-expanded={settingsOpen} aria-controls="drift-settings" onClick={() => setSettingsOpen((o) => !o)}>
              Settings
            </button>
          </div>
        )}
      </header>

      {list === null && !datasets.error && <p className="muted">Loading…</p>}
      {datasets.error && <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />}
      {list !== null && pair === null && (
        <NeedTwoDatasets>
          Drift compares a current dataset with a reference one. Import two datasets — for example the training data and this week’s prediction log — or load the demo pair.
        </NeedTwoDatasets>
      )}
      {list !== null && pair !== null && (
        <DriftPairView
          key={`${pair.reference}\u0000${pair.current}`}
          datasets={list}
          pair={pair}
          onPair={choose}
          settingsOpen={settingsOpen}
          onCloseSettings={() => setSettingsOpen(false)}
        />
      )}
    </section>
  );
}
