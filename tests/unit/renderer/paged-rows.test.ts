import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RowPage } from '../../../core/api/types';
import type { CallOptions, PlumblineClient } from '../../../core/transport/transport';
import { usePagedRows } from '../../../renderer/src/datasets/usePagedRows';

function fakeClient() {
  const calls: { offset: number; limit: number; signal?: AbortSignal; resolve: () => void }[] = [];
  const previewRows = vi.fn(
    ({ dataset, offset = 0, limit = 100 }: { dataset: string; offset?: number; limit?: number }, opts: CallOptions = {}) =>
      new Promise<RowPage>((resolve) => {
        const rows = Array.from({ length: limit }, (_, i) => [offset + i]);
        calls.push({ offset, limit, signal: opts.signal, resolve: () => resolve({ dataset, offset, total: 1_000_000, columns: ['i'], rows }) });
      }),
  );
  return { client: { previewRows } as unknown as PlumblineClient, previewRows, calls };
}

describe('usePagedRows', () => {
  it('fetches the 200-row pages covering a range once, and serves rows from them', async () => {
    const { client, previewRows, calls } = fakeClient();
    const { result } = renderHook(() => usePagedRows(client, 'd', 1_000_000));
    act(() => result.current.ensure(190, 230));
    expect(calls.map((c) => [c.offset, c.limit])).toEqual([
      [0, 200],
      [200, 200],
    ]);
    act(() => result.current.ensure(190, 230)); // already in flight
    expect(previewRows).toHaveBeenCalledTimes(2);
    expect(result.current.row(199)).toBeUndefined();
    await act(async () => calls.forEach((c) => c.resolve()));
    await waitFor(() => expect(result.current.row(199)).toEqual([199]));
    expect(result.current.row(230)).toEqual([230]);
  });

  it('cancels requests for pages scrolled far past, and never asks beyond the last row', () => {
    const { client, calls } = fakeClient();
    const { result } = renderHook(() => usePagedRows(client, 'd', 1000));
    act(() => result.current.ensure(0, 10));
    act(() => result.current.ensure(900, 2000));
    expect(calls[0].signal?.aborted).toBe(true);
    expect(calls.slice(1).map((c) => c.offset)).toEqual([800]);
  });

  it('keeps a bounded cache', async () => {
    const { client, calls } = fakeClient();
    const { result } = renderHook(() => usePagedRows(client, 'd', 1_000_000));
    for (let p = 0; p < 60; p++) {
      act(() => result.current.ensure(p * 200, p * 200 + 10));
      await act(async () => calls[calls.length - 1].resolve());
    }
    await waitFor(() => expect(result.current.row(59 * 200)).toEqual([59 * 200]));
    expect(result.current.row(0)).toBeUndefined(); // evicted, farthest from the view
  });
});
