/**
 * The live preview: renderReport for the form's arguments, debounced; a newer request aborts the
 * older one, so what is shown always belongs to the latest arguments (or says it is updating).
 */
import { useEffect, useState } from 'react';
import { PlumblineError } from '../../../core/api/errors';
import type { ReportArgs } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { errorMessage } from '../errors';

export interface PreviewState {
  /** The last report rendered (kept while a newer one renders). */
  readonly html: string | null;
  readonly reportId: string | null;
  readonly loading: boolean;
  /** The latest arguments' error, if their rendering failed. */
  readonly error: string | null;
  /** `html` was rendered from other arguments than the current ones. */
  readonly stale: boolean;
}

interface Answer {
  /** The arguments (as JSON) this answer is for. */
  readonly key: string;
  readonly html?: string;
  readonly reportId?: string;
  readonly error?: string;
}

export const PREVIEW_DELAY_MS = 400;

export function usePreview(client: PlumblineClient, args: ReportArgs | null, delayMs = PREVIEW_DELAY_MS): PreviewState {
  const key = args ? JSON.stringify(args) : null;
  const [rendered, setRendered] = useState<Answer | null>(null);
  const [failed, setFailed] = useState<Answer | null>(null);

  useEffect(() => {
    if (key === null) return;
    const request = JSON.parse(key) as ReportArgs;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client.renderReport(request, { signal: controller.signal }).then(
        (r) => {
          if (!controller.signal.aborted) setRendered({ key, html: r.html, reportId: r.reportId });
        },
        (e: unknown) => {
          if (controller.signal.aborted || (e instanceof PlumblineError && e.code === 'CANCELLED')) return;
          setFailed({ key, error: errorMessage(e) });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, key, delayMs]);

  const doneOk = rendered !== null && rendered.key === key;
  const doneError = failed !== null && failed.key === key;
  return {
    html: rendered?.html ?? null,
    reportId: rendered?.reportId ?? null,
    loading: key !== null && !doneOk && !doneError,
    error: doneError ? failed.error! : null,
    stale: rendered !== null && !doneOk,
  };
}
