/** Where an Overview link goes: the screen, with the datasets (or monitor) it should open on as route params. */
import type { OverviewLink } from '../../../core/api/types';
import { hrefFor } from '../app/routes';

export function linkHref(link: OverviewLink): string {
  const params: Record<string, string> = { ...link.datasets };
  if (link.monitor !== undefined) params.monitor = link.monitor;
  return hrefFor({ screen: link.screen, params });
}

const SCREEN_LABEL: Record<OverviewLink['screen'], string> = { drift: 'Drift', performance: 'Performance', fairness: 'Fairness', ab: 'A/B', monitors: 'Monitors', datasets: 'Datasets' };

export function screenLabel(link: OverviewLink): string {
  return SCREEN_LABEL[link.screen];
}
