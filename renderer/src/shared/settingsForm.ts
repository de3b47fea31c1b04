/**
 * The settings panel edits a form of strings (what the inputs hold); the engine wants
 * DriftOptions. These two functions are the only bridge, in both directions, and they are pure.
 */
import type { DriftOptions, DriftSettings } from '../../../core/api/types';
import type { DriftTest, OverTimeOptions, SeasonalReference } from '../../../core/analyses/drift/types';
import { isPValueTest } from '../drift/score';

export const TESTS: readonly { id: DriftTest; label: string; kinds: string }[] = [
  { id: 'ks', label: 'Kolmogorov–Smirnov (p-value)', kinds: 'numerical' },
  { id: 'wasserstein', label: 'Wasserstein, normed (distance)', kinds: 'numerical' },
  { id: 'chisquare', label: 'Chi-square (p-value)', kinds: 'categorical' },
  { id: 'z', label: 'Two-proportion z (p-value)', kinds: 'binary categorical' },
  { id: 'psi', label: 'PSI (distance)', kinds: 'both' },
  { id: 'jensenshannon', label: 'Jensen–Shannon (distance)', kinds: 'both' },
  { id: 'hellinger', label: 'Hellinger (distance)', kinds: 'both' },
];

export type { SeasonalReference };
export type TestChoiceForm = 'auto' | DriftTest;
export type ChunkChoice = 'week' | 'day' | 'month' | 'rows';

export interface ColumnOverrideForm {
  readonly test: TestChoiceForm;
  /** '' = the test's default threshold. */
  readonly threshold: string;
}

export interface SettingsForm {
  readonly test: TestChoiceForm;
  readonly threshold: string;
  /** Percent, '' = 50. */
  readonly driftShare: string;
  readonly chunk: ChunkChoice;
  /** Rows per chunk when chunk = 'rows'; '' = a tenth of the current dataset. */
  readonly chunkRows: string;
  readonly referenceChunks: boolean;
  /** Per-season reference (same months or weekdays); only with chunks by period. */
  readonly seasonalReference: SeasonalReference;
  readonly perColumn: Readonly<Record<string, ColumnOverrideForm>>;
  readonly where: string;
}

/** What the mapping needs to know about the current dataset. */
export interface PairContext {
  /** The current dataset's timestamp-role column, when it has one. */
  readonly timestamp: string | null;
  readonly currentRows: number;
}

export const DEFAULT_FORM: SettingsForm = {
  test: 'auto',
  threshold: '',
  driftShare: '',
  chunk: 'week',
  chunkRows: '',
  referenceChunks: false,
  seasonalReference: 'off',
  perColumn: {},
  where: '',
};

export type FormErrors = Partial<Record<'threshold' | 'driftShare' | 'chunkRows' | `column:${string}`, string>>;

/** Default chunking: ISO weeks on the timestamp column, else ten chunks by row count. */
export function defaultChunkRows(currentRows: number): number {
  return Math.max(1, Math.ceil(currentRows / 10));
}

function parseNumber(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : Number.NaN;
}

function thresholdError(v: number, test: TestChoiceForm): string | null {
  if (Number.isNaN(v) || v < 0) return 'Enter a number ≥ 0.';
  if (test !== 'auto' && isPValueTest(test) && !(v > 0 && v < 1)) return 'A p-value threshold is between 0 and 1.';
  return null;
}

export function formToSettings(form: SettingsForm, ctx: PairContext): { settings: DriftSettings; errors: FormErrors } {
  const errors: FormErrors = {};
  const options: { -readonly [K in keyof DriftOptions]: DriftOptions[K] } = {};

  if (form.test !== 'auto') options.test = form.test;
  const t = parseNumber(form.threshold);
  if (t !== null) {
    const err = thresholdError(t, form.test);
    if (err) errors.threshold = err;
    else options.threshold = t;
  }

  const perColumn: Record<string, { test?: DriftTest; threshold?: number }> = {};
  for (const [name, o] of Object.entries(form.perColumn)) {
    const choice: { test?: DriftTest; threshold?: number } = {};
    if (o.test !== 'auto') choice.test = o.test;
    const ct = parseNumber(o.threshold);
    if (ct !== null) {
      const err = thresholdError(ct, o.test);
      if (err) errors[`column:${name}`] = err;
      else choice.threshold = ct;
    }
    if (choice.test !== undefined || choice.threshold !== undefined) perColumn[name] = choice;
  }
  if (Object.keys(perColumn).length) options.perColumn = perColumn;

  const share = parseNumber(form.driftShare);
  if (share !== null) {
    if (Number.isNaN(share) || share < 0 || share > 100) errors.driftShare = 'Enter a percentage from 0 to 100.';
    else options.driftShareThreshold = share / 100;
  }

  const thresholds: OverTimeOptions['thresholds'] = form.referenceChunks ? 'reference_chunks' : 'fixed';
  if (form.chunk !== 'rows' && ctx.timestamp !== null) {
    const seasonal = form.seasonalReference !== 'off' ? { seasonalReference: form.seasonalReference } : {};
    options.overTime = { chunk: { by: 'period', timestamp: ctx.timestamp, period: form.chunk }, thresholds, ...seasonal };
  } else {
    let size = defaultChunkRows(ctx.currentRows);
    if (form.chunk === 'rows') {
      const n = parseNumber(form.chunkRows);
      if (n !== null) {
        if (Number.isNaN(n) || n < 1 || !Number.isInteger(n)) errors.chunkRows = 'Enter a whole number of rows ≥ 1.';
        else size = n;
      }
    }
    options.overTime = { chunk: { by: 'count', size }, thresholds };
  }

  const where = form.where.trim();
  return { settings: where ? { options, where } : { options }, errors };
}

const num = (v: number | undefined): string => (v === undefined ? '' : String(v));

/** The form for saved settings (or the defaults when none were saved). */
export function settingsToForm(settings: DriftSettings | null, ctx: PairContext): SettingsForm {
  if (!settings) return { ...DEFAULT_FORM, chunk: ctx.timestamp ? 'week' : 'rows' };
  const o = settings.options;
  const perColumn: Record<string, ColumnOverrideForm> = {};
  for (const [name, c] of Object.entries(o.perColumn ?? {})) perColumn[name] = { test: c.test ?? 'auto', threshold: num(c.threshold) };
  let chunk: ChunkChoice = ctx.timestamp ? 'week' : 'rows';
  let chunkRows = '';
  const ch = o.overTime?.chunk;
  if (ch?.by === 'period') chunk = ctx.timestamp ? ch.period : 'rows';
  else if (ch?.by === 'count') {
    chunk = 'rows';
    chunkRows = ch.size === defaultChunkRows(ctx.currentRows) ? '' : String(ch.size);
  }
  return {
    test: o.test ?? 'auto',
    threshold: num(o.threshold),
    driftShare: o.driftShareThreshold === undefined ? '' : String(Math.round(o.driftShareThreshold * 10000) / 100),
    chunk,
    chunkRows,
    referenceChunks: o.overTime?.thresholds === 'reference_chunks',
    seasonalReference: o.overTime?.seasonalReference ?? 'off',
    perColumn,
    where: settings.where ?? '',
  };
}

export function hasErrors(errors: FormErrors): boolean {
  return Object.keys(errors).length > 0;
}
