/** Hash routes: they work unchanged under Electron's app:// protocol and browser mode's http://. */

export type ScreenId = 'datasets' | 'drift' | 'performance' | 'fairness' | 'ab' | 'operations' | 'correlation' | 'monitors' | 'reports';

export interface Route {
  readonly screen: ScreenId;
  /** Set on the dataset detail page. */
  readonly dataset?: string;
}

export const SCREENS: readonly { id: ScreenId; label: string }[] = [
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
  const parts = hash.replace(/^#\/?/, '').split('/');
  const screen = parts[0] && IDS.has(parts[0]) ? (parts[0] as ScreenId) : 'datasets';
  if (screen === 'datasets' && parts.length > 1 && parts[1]) {
    try {
      return { screen, dataset: decodeURIComponent(parts.slice(1).join('/')) };
    } catch {
      return { screen };
    }
  }
  return { screen };
}

export function hrefFor(route: Route): string {
  return route.dataset !== undefined ? `#/${route.screen}/${encodeURIComponent(route.dataset)}` : `#/${route.screen}`;
}
