import type { ReactNode } from 'react';
import { useApp } from './context';
import { hrefFor } from './routes';

/** The empty state of a screen whose analysis has no data yet: what it needs, Go to Datasets, Load demo data. */
export function NeedData({ title, children }: { title: string; children: ReactNode }) {
  const { navigate, importer } = useApp();
  return (
    <div className="empty">
      <h2 className="empty__title">{title}</h2>
      <p className="empty__text">{children}</p>
      <div className="empty__actions">
        <button type="button" className="button button--primary" onClick={() => navigate(hrefFor({ screen: 'datasets' }))}>
          Go to Datasets
        </button>
        <button type="button" className="button" onClick={() => void importer.importDemo()} disabled={importer.job !== null}>
          Load demo data
        </button>
      </div>
    </div>
  );
}

/** The empty state of every screen that compares a current dataset with a reference one. */
export function NeedTwoDatasets({ children }: { children: ReactNode }) {
  return <NeedData title="Two datasets are needed">{children}</NeedData>;
}
