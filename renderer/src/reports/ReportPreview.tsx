import { useEffect, useRef, useState } from 'react';
import { countOf } from '../format';
import type { PreviewState } from './usePreview';

/**
 * The report's HTML lays out its sheet for a wide window; the frame is that wide and scaled down
 * to the column ("Fit width"), or shown at its own size with scrolling ("Actual size").
 */
export const PAGE_WIDTH = 960;

/** The live preview: the report's own HTML in a frame that may run no script and load nothing. */
export function ReportPreview({ preview, sections, empty }: { preview: PreviewState; sections: number; empty: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState<number | null>(null);
  const [fit, setFit] = useState(true);

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => setBoxWidth(entry.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const scale = fit && boxWidth !== null && boxWidth > 0 ? Math.min(1, boxWidth / PAGE_WIDTH) : 1;
  return (
    <section className="reports-preview" aria-labelledby="reports-preview-title">
      <div className="reports-preview__bar">
        <h2 id="reports-preview-title">Preview</h2>
        <span className="muted reports-preview__state" role="status">
          {preview.loading ? 'Updating…' : preview.reportId ? `${countOf(sections, 'section')} · each export gets its own report id` : ''}
        </span>
        <button type="button" className="button button--quiet button--small" aria-pressed={!fit} onClick={() => setFit((f) => !f)}>
          {fit ? 'Actual size' : 'Fit width'}
        </button>
      </div>
      {preview.error && (
        <div className="notice notice--error" role="alert">
          <div className="notice__body">
            <div className="notice__title">The report cannot be made with these settings</div>
            <div className="notice__message">{preview.error}</div>
          </div>
        </div>
      )}
      <div className={`reports-preview__box${fit ? '' : ' reports-preview__box--scroll'}`} ref={box}>
        {preview.html !== null ? (
          <iframe
            className={`reports-preview__frame${preview.stale ? ' reports-preview__frame--stale' : ''}`}
            title="Report preview"
            sandbox=""
            srcDoc={preview.html}
            data-report-id={preview.reportId ?? undefined}
            style={{ width: `${PAGE_WIDTH}px`, height: `${(100 / scale).toFixed(3)}%`, transform: scale === 1 ? undefined : `scale(${scale.toFixed(4)})` }}
          />
        ) : (
          !preview.error && <div className="reports-preview__empty muted">{empty}</div>
        )}
      </div>
    </section>
  );
}
