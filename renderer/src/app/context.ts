import { createContext, useContext } from 'react';
import type { Platform } from '../platform/platform';
import type { Importer } from '../datasets/useImporter';
import type { DatasetList } from '../datasets/useDatasetList';

export interface AppServices {
  readonly platform: Platform;
  readonly importer: Importer;
  readonly datasets: DatasetList;
  navigate(hash: string): void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside <AppContext.Provider>');
  return s;
}
