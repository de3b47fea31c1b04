/** Hash routes: they work unchanged under Electron's app:// protocol and browser mode's http://. */

export type ScreenId = 'overview' | 'datasets' | 'drift' | 'performance' | 'fairness' | 'ab' | 'operations' | 'correlation' | 'monitors' | 'reports';

export interface Route {
  readonly screen: ScreenId;
  /** Set on the dataset detail page. */
  readonly dataset?: string;
  /**
   * What the screen opens on, from a link elsewhere (the Overview's click-through):
   * `#/drift?reference=a&current=b`, `#/monitors?monitor=name`. Screens read it once, when they open.
   */
  readonly params?: Readonly<Record<string, string>>;
}

export const SCREENS: readonly { id: ScreenId; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'datasets', label: 'Datasets' },
  { id: 'drift', label: 'Drift' },
  { id: 'performance', label: 'Performance' },
  { id: 'fairness', label: 'Fairness' },
  { id: 'ab', label: 'A/B' },
  { id: 'operations', label: 'Operations' },
  { id: 'correlation', label: 'Correlation' },
  { id: 'monitors', label: 'Monitors' },
  { id: 'reports', label: 'Reports' },
];

const IDS = new Set<string>(SCREENS.map((s) => s.id));

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const parts = (q < 0 ? raw : raw.slice(0, q)).split('/');
  const params = q < 0 ? undefined : Object.fromEntries(new URLSearchParams(raw.slice(q + 1)));
  const screen = parts[0] && IDS.has(parts[0]) ? (parts[0] as ScreenId) : 'datasets';
  if (screen === 'datasets' && parts.length > 1 && parts[1]) {
    try {
      return { screen, dataset: decodeURIComponent(parts.slice(1).join('/')) };
    } catch {
      return { screen };
    }
  }
  return params ? { screen, params } : { screen };
}

export function hrefFor(route: Route): string {
  const base = route.dataset !== undefined ? `#/${route.screen}/${encodeURIComponent(route.dataset)}` : `#/${route.screen}`;
  const params = route.params && Object.keys(route.params).length ? `?${new URLSearchParams(route.params as Record<string, string>).toString()}` : '';
  return base + params;
}

/** The current route's params: what a screen opening from a link is asked to show. */
export function routeParams(): Readonly<Record<string, string>> {
  return parseHash(window.location.hash).params ?? {};
}

/** True when the window opened with no screen named: the app then picks Overview or Datasets. */
export function isStartHash(hash: string): boolean {
  return hash.replace(/^#\/?/, '') === '';
}
