/**
 * Which rows are errors, from a status or error column. Logs say it in many ways: a 0/1 flag
 * (is_error, failed — or success/ok, where 0 is the error), an HTTP code (≥ 500 is a server
 * error), or text ("error", "timeout", "FAILED", "503"). `errorValues` names the values instead.
 */
import type { TypedColumn } from '../../data/column';

/** Per row: 0 ok, 1 error, 2 no status. */
export const OK = 0;
export const ERROR = 1;
export const UNKNOWN = 2;

const ERROR_TEXT = /error|fail|timeout|timed.?out|exception|^5\d\d$/i;
const SUCCESS_NAME = /success|succeeded|^ok$|_ok$|^is_ok/i;

export interface ErrorFlags {
  readonly flags: Uint8Array;
  readonly rule: string;
}

export function errorFlags(col: TypedColumn, errorValues?: readonly (string | number)[]): ErrorFlags {
  if (col.kind === 'categorical') {
    const errs = errorValues ? new Set(errorValues.map(String)) : null;
    const isErr = col.dictionary.map((v) => (errs ? errs.has(v) : ERROR_TEXT.test(v.trim())));
    const flags = new Uint8Array(col.codes.length);
    for (let i = 0; i < flags.length; i++) {
      const c = col.codes[i];
      flags[i] = c < 0 ? UNKNOWN : isErr[c] ? ERROR : OK;
    }
    const listed = col.dictionary.filter((_, k) => isErr[k]);
    const rule = errs ? `${col.name} in {${[...errs].join(', ')}}` : `${col.name} reads like an error (error, fail, timeout, exception, 5xx)${listed.length ? `: ${listed.slice(0, 5).join(', ')}${listed.length > 5 ? ', …' : ''}` : ''}`;
    return { flags, rule };
  }
  const v = col.values;
  const flags = new Uint8Array(v.length);
  let test: (x: number) => boolean;
  let rule: string;
  if (errorValues) {
    const errs = new Set(errorValues.map(Number).filter(Number.isFinite));
    test = (x) => errs.has(x);
    rule = `${col.name} in {${[...errs].join(', ')}}`;
  } else {
    let binary = true;
    for (let i = 0; i < v.length && binary; i++) if (Number.isFinite(v[i]) && v[i] !== 0 && v[i] !== 1) binary = false;
    if (binary && SUCCESS_NAME.test(col.name)) {
      test = (x) => x === 0;
      rule = `${col.name} = 0`;
    } else if (binary) {
      test = (x) => x === 1;
      rule = `${col.name} = 1`;
    } else {
      test = (x) => x >= 500;
      rule = `${col.name} ≥ 500`;
    }
  }
  for (let i = 0; i < v.length; i++) flags[i] = Number.isFinite(v[i]) ? (test(v[i]) ? ERROR : OK) : UNKNOWN;
  return { flags, rule };
}

/** Errors and rows with a status among `rows` (all rows when absent). */
export function countErrors(flags: Uint8Array, rows?: Uint32Array): { known: number; errors: number } {
  let known = 0;
  let errors = 0;
  const n = rows ? rows.length : flags.length;
  for (let k = 0; k < n; k++) {
    const f = flags[rows ? rows[k] : k];
    if (f !== UNKNOWN) {
      known++;
      if (f === ERROR) errors++;
    }
  }
  return { known, errors };
}
