import type { ScreenId } from '../app/routes';

/**
 * Screens not built yet say plainly what they will do. No sample charts, no invented numbers.
 * Built screens (Drift, Reports) come from the route registry (app/screens.tsx) and never get here.
 */
const PLANNED: Partial<Record<Exclude<ScreenId, 'datasets'>, { title: string; text: string }>> = {
  performance: {
    title: 'Performance',
    text: 'Performance will score predictions against labels — classification and regression metrics over time, including labels that arrive late. It is not built yet.',
  },
  fairness: {
    title: 'Fairness',
    text: 'Fairness will break model metrics down by group and report the disparities against a reference group, as an Aequitas bias report does. It is not built yet.',
  },
  ab: {
    title: 'A/B',
    text: 'A/B will compare two model versions on the same traffic and show the difference in each metric with its confidence interval. It is not built yet.',
  },
};

export function PlannedScreen({ screen }: { screen: Exclude<ScreenId, 'datasets'> }) {
  const p = PLANNED[screen] ?? { title: screen, text: 'This screen is not built yet.' };
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title" tabIndex={-1}>
          {p.title}
        </h1>
      </header>
      <p className="planned">{p.text}</p>
    </section>
  );
}
