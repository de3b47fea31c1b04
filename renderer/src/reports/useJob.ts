/**
 * One long operation at a time (an export, a verification, a spec): its label, progress and Cancel.
 * Cancelling aborts the call; the engine answers CANCELLED, which ends the job quietly.
 */
import { useCallback, useRef, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { Progress } from '../../../core/api/types';
import type { CallOptions } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export interface Job {
  readonly label: string;
  readonly progress: Progress | null;
  readonly cancelling: boolean;
}

export type JobOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly cancelled: boolean; readonly error: string | null };

export function useJob() {
  const [job, setJob] = useState<Job | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async <T,>(label: string, work: (opts: CallOptions) => Promise<T>): Promise<JobOutcome<T>> => {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setJob({ label, progress: null, cancelling: false });
    try {
      const value = await work({
        signal: ac.signal,
        onProgress: (p) => {
          if (controller.current === ac) setJob((j) => (j ? { ...j, progress: p } : j));
        },
      });
      if (ac.signal.aborted) return { ok: false, cancelled: true, error: null };
      return { ok: true, value };
    } catch (e) {
      const cancelled = ac.signal.aborted || (e instanceof PlumblineError && e.code === 'CANCELLED');
      return { ok: false, cancelled, error: cancelled ? null : errorMessage(e) };
    } finally {
      if (controller.current === ac) {
        controller.current = null;
        setJob(null);
      }
    }
  }, []);

  const cancel = useCallback(() => {
    if (!controller.current) return;
    setJob((j) => (j ? { ...j, cancelling: true } : j));
    controller.current.abort();
  }, []);

  return { job, run, cancel };
}
