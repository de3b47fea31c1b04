import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { WorkspaceInfo } from '../../../core/api/types';
import type { Platform } from '../platform/platform';
import { AppContext, type AppServices } from './context';
import { SCREENS, hrefFor, isStartHash, parseHash, type Route } from './routes';
import { Nav } from './Nav';
import { useDatasetList } from '../datasets/useDatasetList';
import { useImporter } from '../datasets/useImporter';
import { DatasetsScreen } from '../datasets/DatasetsScreen';
import { DatasetDetailScreen } from '../datasets/DatasetDetailScreen';
import { SCREEN_COMPONENTS } from './screens';
import { ImportStatus } from '../datasets/ImportStatus';
import { notifyNewAlerts } from '../platform/notify';

export function App({ platform }: { platform: Platform }) {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  const datasets = useDatasetList(platform.client);
  const listRef = useRef(datasets.datasets);
  // A layout effect, so the list the importer reads is current before the page can take a click
  // (a passive effect could still hold the old list when "Import with options…" was pressed).
  useLayoutEffect(() => {
    listRef.current = datasets.datasets;
  }, [datasets.datasets]);
  const importer = useImporter(platform.client, {
    takenNames: () => (listRef.current ?? []).map((d) => d.name),
    onChanged: datasets.refresh,
  });

  const navigate = useCallback((hash: string) => {
    if (window.location.hash !== hash) window.location.hash = hash;
  }, []);

  // Opened with no screen named: the Overview once the workspace has data, Datasets while it is
  // empty (named in the address, so a later import does not move the analyst away).
  const loaded = datasets.datasets;
  const starting = isStartHash(window.location.hash) && !datasets.error;
  useEffect(() => {
    if (!isStartHash(window.location.hash) || loaded === null) return;
    navigate(hrefFor({ screen: loaded.length > 0 ? 'overview' : 'datasets' }));
  }, [loaded, navigate]);

  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Move focus to the new screen's heading, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.screen, route.dataset]);

  useEffect(() => {
    platform.client.workspaceInfo({}).then(setWorkspace, () => setWorkspace(null));
  }, [platform]);

  // The CLI may change the same workspace meanwhile: look again when the window comes back.
  const { refresh } = datasets;
  useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [refresh]);

  useEffect(() => {
    const label = route.dataset ?? SCREENS.find((s) => s.id === route.screen)?.label;
    document.title = label ? `${label} — Plumbline` : 'Plumbline';
  }, [route.screen, route.dataset]);

  // Monitors run after an import, an append or a join: announce what got worse (browser mode; the app's main does it).
  const { outcome } = importer;
  useEffect(() => {
    if (outcome?.kind === 'imported') notifyNewAlerts(platform, outcome.results.flatMap((r) => r.newAlerts ?? []));
  }, [outcome, platform]);

  const { importFiles } = importer;
  useEffect(
    () =>
      platform.onOpenFiles((files) => {
        navigate(hrefFor({ screen: 'datasets' }));
        void importFiles(files);
      }),
    [platform, importFiles, navigate],
  );

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  const onDragEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth.current++;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = importer.job ? 'none' : 'copy';
  };
  const onDragLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    // Handled here: the preload must not import the same drop again (it sees defaultPrevented).
    e.preventDefault();
    e.stopPropagation();
    dragDepth.current = 0;
    setDragging(false);
    if (importer.job) return;
    const files = platform.pathsFromDrop(Array.from(e.dataTransfer.files));
    if (files.length === 0) return;
    navigate(hrefFor({ screen: 'datasets' }));
    void importer.importFiles(files);
  };

  const services: AppServices = useMemo(
    () => ({ platform, importer, datasets, navigate }),
    [platform, importer, datasets, navigate],
  );

  return (
    <AppContext.Provider value={services}>
      <div className="app" onDragEnter={onDragEnter} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
          Skip to content
        </a>
        <Nav current={route.screen} workspace={workspace} datasetCount={datasets.datasets?.length ?? null} />
        <main id="main" className="main" ref={mainRef} tabIndex={-1}>
          {starting && <p className="muted">Loading…</p>}
          {!starting && route.screen !== 'datasets' && <ImportStatus compact />}
          {!starting && route.screen === 'datasets' && route.dataset === undefined && <DatasetsScreen />}
          {!starting && route.screen === 'datasets' && route.dataset !== undefined && <DatasetDetailScreen key={route.dataset} name={route.dataset} />}
          {!starting && route.screen !== 'datasets' && <RoutedScreen screen={route.screen} />}
        </main>
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            <div className="drop-overlay__box">{importer.job ? 'An import is already running' : 'Drop files to import them'}</div>
          </div>
        )}
      </div>
    </AppContext.Provider>
  );
}

/** The screen the route registry names for this route. */
function RoutedScreen({ screen }: { screen: Exclude<Route['screen'], 'datasets'> }) {
  const Screen = SCREEN_COMPONENTS[screen];
  return <Screen />;
}
