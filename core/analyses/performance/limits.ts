/**
 * Limits a pipeline sets on a run (`--fail-below f1=0.8`, `--fail-above mae=12`): each is checked
 * against the whole-dataset metric. A metric that could not be computed (null) breaches its limit,
 * because a pipeline asked for a number it did not get.
 */
import { PlumblineError } from '../../api/errors';
import type { LimitCheck, Metrics, PerformanceOptions } from './types';

export type { LimitCheck } from './types';


export function checkLimits(metrics: Metrics, options: Pick<PerformanceOptions, 'failBelow' | 'failAbove'>, task: string): LimitCheck[] {
  const out: LimitCheck[] = [];
  const add = (fail: 'below' | 'above', limits: Readonly<Record<string, number>> | undefined) => {
    for (const [metric, limit] of Object.entries(limits ?? {})) {
      if (!(metric in metrics)) {
        throw new PlumblineError('BAD_REQUEST', `A limit (fail ${fail}) names ${JSON.stringify(metric)}, which is not a ${task} metric. Metrics: ${Object.keys(metrics).join(', ')}.`);
      }
      const value = metrics[metric];
      out.push({ metric, fail, limit, value, breached: value === null || (fail === 'below' ? value < limit : value > limit) });
    }
  };
  add('below', options.failBelow);
  add('above', options.failAbove);
  return out;
}

/** `f1=0.8` → ['f1', 0.8]; the flag name is for the message. */
export function parseLimit(flag: string, text: string): [string, number] {
  const eq = text.lastIndexOf('=');
  const metric = eq > 0 ? text.slice(0, eq).trim() : '';
  const value = eq > 0 ? Number(text.slice(eq + 1)) : NaN;
  if (!metric || !Number.isFinite(value) || text.slice(eq + 1).trim() === '') {
    throw new PlumblineError('BAD_REQUEST', `${flag} takes metric=value (e.g. f1=0.8), not ${JSON.stringify(text)}.`);
  }
  return [metric, value];
}
