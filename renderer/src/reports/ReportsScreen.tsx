import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../app/ErrorNotice';
import { NeedTwoDatasets } from '../app/NeedData';
import type { AnalysisSpec, ExportRecord, ReportSectionInfo } from '../../../core/api/types';
import { useApp } from '../app/context';
import { defaultPair, readLastPair, writeLastPair, type Pair } from '../shared/pair';
import { errorMessage } from '../errors';
import { ExportHistory } from './ExportHistory';
import { ReportDesigner } from './ReportDesigner';
import { VerifyPanel } from './VerifyPanel';
import '../shared/shared.css';
import './reports.css';

/**
 * The Reports screen: the pair of datasets (the Drift screen's, by default), the report designer
 * for it, the export history from the audit log, and verification of a report.
 */
export function ReportsScreen() {
  const { platform, datasets } = useApp();
  const client = platform.client;
  const list = datasets.datasets;
  const [chosen, setChosen] = useState<Pair | null>(null);
  const [spec, setSpec] = useState<{ spec: AnalysisSpec; n: number } | null>(null);
  const [sections, setSections] = useState<ReportSectionInfo[] | null>(null);
  const [sectionsError, setSectionsError] = useState<string | null>(null);
  const [history, setHistory] = useState<ExportRecord[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.reportSections({}).then(
      // The designer builds a report of a reference/current pair, i.e. a drift run; the other
      // analyses' sections reach a report through a saved spec (plumbline report --spec).
      (s) => live && setSections(s.filter((x) => x.analysis === undefined || x.analysis === 'drift')),
      (e: unknown) => live && setSectionsError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const refreshHistory = useCallback(() => {
    client.listExports({}).then(
      (h) => {
        setHistory(h);
        setHistoryError(null);
      },
      (e: unknown) => setHistoryError(errorMessage(e)),
    );
  }, [client]);
  useEffect(refreshHistory, [refreshHistory]);

  const names = new Set((list ?? []).map((d) => d.name));
  const pair = list === null ? null : chosen && names.has(chosen.reference) && names.has(chosen.current) ? chosen : defaultPair(list, readLastPair());
  const choose = (p: Pair) => {
    writeLastPair(p);
    setSpec(null);
    setChosen(p);
  };
  const loadSpec = (s: AnalysisSpec) => {
    const p = { reference: s.reference ?? '', current: s.current ?? '' };
    writeLastPair(p);
    setChosen(p);
    setSpec((old) => ({ spec: s, n: (old?.n ?? 0) + 1 }));
  };

  return (
    <section className="screen reports" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          Reports
        </h1>
      </header>

      {(list === null || sections === null) && !datasets.error && !sectionsError && <p className="muted">Loading…</p>}
      {datasets.error ? (
        <ErrorNotice title="The dataset list could not be loaded" message={datasets.error} onRetry={datasets.refresh} />
      ) : (
        sectionsError && <ErrorNotice title="The report sections could not be loaded" message={sectionsError} />
      )}
      {list !== null && pair === null && (
        <NeedTwoDatasets>
          A report compares a current dataset with a reference one: which bytes were analysed, how, against which thresholds, with what result. Import two datasets, or load the demo pair.
        </NeedTwoDatasets>
      )}
      {list !== null && pair !== null && sections !== null && (
        <ReportDesigner
          key={`${pair.reference}\u0000${pair.current}\u0000${spec?.n ?? 0}`}
          datasets={list}
          pair={pair}
          sections={sections}
          spec={spec && spec.spec.reference === pair.reference && spec.spec.current === pair.current ? spec.spec : null}
          onPair={choose}
          onLoadSpec={loadSpec}
          onExported={refreshHistory}
        />
      )}
      {list !== null && pair !== null && <VerifyPanel />}
      <ExportHistory exports={history} error={historyError} onRetry={refreshHistory} />
    </section>
  );
}
