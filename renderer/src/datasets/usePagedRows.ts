/**
 * Rows of a dataset fetched on demand in fixed pages, for the virtualised preview. Only pages near
 * what is on screen are requested; requests for pages scrolled past are cancelled, and the cache
 * keeps a bounded number of pages so scrolling through a million rows does not hold them all.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CellValue } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export const PAGE_SIZE = 200;
const MAX_CACHED_PAGES = 40;

type Row = readonly CellValue[];

export interface PagedRows {
  /** The row at an absolute index, or undefined while its page loads. */
  row(index: number): Row | undefined;
  /** Asks for the rows first..last (absolute, inclusive) to be loaded. */
  ensure(first: number, last: number): void;
  readonly error: string | null;
}

export function usePagedRows(client: PlumblineClient, dataset: string, total: number, pageSize = PAGE_SIZE): PagedRows {
  const pages = useRef(new Map<number, readonly Row[]>());
  const inflight = useRef(new Map<number, AbortController>());
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const cache = pages.current;
    const running = inflight.current;
    return () => {
      for (const ac of running.values()) ac.abort();
      running.clear();
      cache.clear();
    };
  }, [client, dataset]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (total <= 0) return;
      const lo = Math.max(0, Math.floor(first / pageSize));
      const hi = Math.min(Math.floor((total - 1) / pageSize), Math.floor(Math.max(first, last) / pageSize));
      // Abandon requests for pages that scrolled out of reach.
      for (const [p, ac] of inflight.current) {
        if (p < lo - 1 || p > hi + 1) {
          ac.abort();
          inflight.current.delete(p);
        }
      }
      for (let p = lo; p <= hi; p++) {
        if (pages.current.has(p) || inflight.current.has(p)) continue;
        const ac = new AbortController();
        inflight.current.set(p, ac);
        client.previewRows({ dataset, offset: p * pageSize, limit: pageSize }, { signal: ac.signal }).then(
          (page) => {
            if (ac.signal.aborted) return;
            inflight.current.delete(p);
            pages.current.set(p, page.rows);
            evict(pages.current, lo, hi);
            setError(null);
            setVersion((v) => v + 1);
          },
          (e: unknown) => {
            if (ac.signal.aborted) return;
            inflight.current.delete(p);
            setError(errorMessage(e));
          },
        );
      }
    },
    [client, dataset, total, pageSize],
  );

  const row = useCallback(
    (index: number) => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize],
    [pageSize],
  );

  return { row, ensure, error };
}

/** Drops the cached pages farthest from the visible range once the cache is full. */
function evict(cache: Map<number, readonly Row[]>, lo: number, hi: number): void {
  if (cache.size <= MAX_CACHED_PAGES) return;
  const distance = (p: number) => (p < lo ? lo - p : p > hi ? p - hi : 0);
  const byDistance = [...cache.keys()].sort((a, b) => distance(b) - distance(a));
  for (const p of byDistance.slice(0, cache.size - MAX_CACHED_PAGES)) cache.delete(p);
}
