import type { ScreenId } from '../app/routes';

/** Screens not built yet say plainly what they will do. No sample charts, no invented numbers. */
const PLANNED: Record<Exclude<ScreenId, 'datasets'>, { title: string; text: string }> = {
  drift: {
    title: 'Drift',
    text: 'Drift will compare a current dataset with a reference one, feature by feature (population stability index, Kolmogorov–Smirnov, chi-square, Wasserstein distance), and flag the columns whose distribution moved. It is not built yet.',
  },
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
  reports: {
    title: 'Reports',
    text: 'Reports will export any analysis as a self-contained HTML document and a PDF that embeds the results and the data’s provenance. It is not built yet.',
  },
};

export function PlannedScreen({ screen }: { screen: Exclude<ScreenId, 'datasets'> }) {
  const p = PLANNED[screen];
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
