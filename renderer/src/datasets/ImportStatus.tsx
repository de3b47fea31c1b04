import type { ReactNode } from 'react';
import { useApp } from '../app/context';
import { hrefFor } from '../app/routes';
import { countOf, formatBytes, formatCount, formatPercent, formatRate, formatSeconds, progressFraction } from '../format';
import { ImportWarnings } from './ImportWarnings';
import { cancelledText } from './cancelOutcome';
import type { ImportJob } from './useImporter';

const PHASES: Record<string, string> = {
  starting: 'Starting',
  upload: 'Uploading',
  import: 'Importing',
  reading: 'Reading',
  recomputing: 'Recomputing',
  done: 'Finishing',
};

function phaseLabel(phase: string): string {
  return PHASES[phase] ?? (phase ? phase[0].toUpperCase() + phase.slice(1) : 'Working');
}

function amount(job: ImportJob): string {
  const fmt = (n: number) => (job.unit === 'bytes' ? formatBytes(n) : formatCount(n));
  if (job.total === null) return job.done > 0 ? fmt(job.done) : '';
  return `${fmt(job.done)} of ${fmt(job.total)}`;
}

/** "37.2%": a share to one decimal, for coverage. */
function formatPercent1(f: number): string {
  return `${(f * 100).toFixed(1)}%`;
}

/** The running import (progress, speed, Cancel) and the outcome of the last one. */
export function ImportStatus({ compact = false }: { compact?: boolean }) {
  const { importer } = useApp();
  const { job, outcome } = importer;

  if (job) {
    const f = progressFraction(job.done, job.total);
    const details = [
      amount(job),
      job.rows !== null ? countOf(job.rows, 'row') : '',
      formatRate(job.rate, job.unit),
      job.rowRate !== null ? formatRate(job.rowRate, 'rows') : '',
    ].filter(Boolean);
    return (
      <section className="import-status" aria-label="Import in progress">
        <div className="import-status__top">
          <div className="import-status__title">
            <span className="import-status__phase">{job.cancelling ? 'Cancelling' : phaseLabel(job.phase)}</span>{' '}
            <span className="import-status__file">{job.label}</span>
            {job.count > 1 && (
              <span className="muted">
                {' '}
                ({job.index} of {job.count})
              </span>
            )}
          </div>
          <button type="button" className="button" onClick={importer.cancel} disabled={job.cancelling}>
            {job.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        <div
          className={`progress${f === null ? ' progress--indeterminate' : ''}`}
          role="progressbar"
          aria-label={`${phaseLabel(job.phase)} ${job.label}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={f === null ? undefined : Math.floor(f * 100)}
          aria-valuetext={details.join(', ') || 'Starting'}
        >
          <div className="progress__bar" style={f === null ? undefined : { width: `${(f * 100).toFixed(1)}%` }} />
        </div>
        {!compact && (
          <div className="import-status__details" aria-live="off">
            {f !== null && <span className="num">{formatPercent(f)}</span>}
            {details.map((d) => (
              <span key={d} className="num">
                {d}
              </span>
            ))}
          </div>
        )}
      </section>
    );
  }

  if (!outcome || compact) return null;
  if (outcome.kind === 'failed') {
    return (
      <div className="notice notice--error" role="alert">
        <div className="notice__body">
          <div className="notice__title">Could not import {outcome.label}</div>
          <div className="notice__message">
            {/* The problems are listed below; the message's first line says what happened. */}
            {outcome.problems.length > 0 ? outcome.message.split('\n')[0] : outcome.message}
          </div>
          {outcome.problems.length > 0 && (
            <ul className="problems">
              {outcome.problems.map((p, i) => (
                <li key={i}>
                  <span className="num">Line {Number.isFinite(p.line) ? formatCount(p.line) : '?'}</span>
                  {p.column !== undefined && <span className="problems__column"> · {p.column}</span>}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {outcome.imported > 0 && <div className="notice__message">The {outcome.imported} file(s) before it were imported.</div>}
          {outcome.refusedByType && (
            <div className="notice__actions">
              <button type="button" className="button button--small" onClick={() => void importer.retryAsText(outcome.refusedByType!.column)}>
                Import {outcome.refusedByType.column} as text
              </button>
              <span className="muted">
                Every row was refused by the type {outcome.refusedByType.type} chosen for column {outcome.refusedByType.column}: the type is the likely cause, not the
                rows.
              </span>
            </div>
          )}
          {outcome.canSkipBadRows && (
            <div className="notice__actions">
              <button type="button" className="button button--small" onClick={() => void importer.retrySkippingBadRows()}>
                Import without the bad rows
              </button>
              <span className="muted">The rows left out are counted in the dataset’s provenance.</span>
            </div>
          )}
        </div>
        <button type="button" className="button button--quiet" onClick={importer.dismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  let text: ReactNode;
  if (outcome.kind === 'cancelled') {
    text = cancelledText(outcome);
  } else if (outcome.kind === 'demo') {
    text = `Loaded the demo: ${outcome.datasets.join(', ') || 'no datasets'}.`;
  } else if (outcome.results.length === 1) {
    const r = outcome.results[0];
    const link = <a href={hrefFor({ screen: 'datasets', dataset: r.dataset })}>{r.dataset}</a>;
    const problems = r.problems.length > 0 && (
      <ul className="problems">
        {r.problems.map((p, i) => (
          <li key={i}>
            <span className="num">Line {formatCount(p.line)}</span>
            {p.column !== undefined && <span className="problems__column"> · {p.column}</span>}: {p.message}
          </li>
        ))}
      </ul>
    );
    const left = r.rejected > 0 ? `; ${countOf(r.rejected, 'bad row')} left out` : '';
    if (r.kind === 'join' && r.join) {
      const j = r.join;
      text = (
        <>
          Attached columns to {link}: {countOf(j.matched, 'row')} matched by key
          {j.orphans > 0 ? `, ${countOf(j.orphans, 'key')} not in the dataset` : ''}
          {j.duplicateKeys > 0 ? `, ${countOf(j.duplicateKeys, 'repeated key')} (first kept)` : ''}
          {left}. Labels now cover {formatPercent1(j.coverage)} of its rows.
          {problems}
          <ImportWarnings warnings={r.warnings} place="result" />
        </>
      );
    } else if (r.kind === 'append') {
      text = (
        <>
          Added rows to {link}; it now has {countOf(r.rows, 'row')}
          {left} ({formatSeconds(r.seconds)}).
          {problems}
          <ImportWarnings warnings={r.warnings} place="result" />
        </>
      );
    } else {
      text = (
        <>
          Imported {link}: {countOf(r.rows, 'row')}, {countOf(r.columns.length, 'column')}
          {left} in {formatSeconds(r.seconds)}.
          {problems}
          <ImportWarnings warnings={r.warnings} place="result" />
        </>
      );
    }
  } else {
    const rows = outcome.results.reduce((s, r) => s + r.rows, 0);
    text = (
      <>
        Imported {outcome.results.length} datasets, {countOf(rows, 'row')} in all.
        {outcome.results.map((r) => (
          <ImportWarnings key={r.dataset} warnings={r.warnings} place="result" label={`Warnings for ${r.dataset}`} />
        ))}
      </>
    );
  }
  return (
    <div className="notice" role="status">
      <div className="notice__body">{text}</div>
      <button type="button" className="button button--quiet" onClick={importer.dismiss}>
        Dismiss
      </button>
    </div>
  );
}
