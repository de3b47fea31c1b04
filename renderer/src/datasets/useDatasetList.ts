import { useCallback, useEffect, useRef, useState } from 'react';
import type { DatasetSummary } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export interface DatasetList {
  /** null until the first answer arrives. */
  readonly datasets: readonly DatasetSummary[] | null;
  readonly error: string | null;
  refresh(): void;
}

export function useDatasetList(client: PlumblineClient): DatasetList {
  const [datasets, setDatasets] = useState<readonly DatasetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const g = ++generation.current;
    client.listDatasets({}).then(
      (list) => {
        if (g !== generation.current) return; // a newer refresh is under way
        setDatasets(list);
        setError(null);
      },
      (e: unknown) => {
        if (g !== generation.current) return;
        setError(errorMessage(e));
      },
    );
  }, [client]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  return { datasets, error, refresh };
}
