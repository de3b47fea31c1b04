/**
 * Validation of monitor definitions (API arguments, spec files) and the spec file format:
 *
 *   { "plumbline_monitors": 1,
 *     "monitors": [ { "name": "accuracy floor", "analysis": "performance",
 *                     "datasets": { "data": "current" }, "reference": "reference",
 *                     "metric": "accuracy", "condition": "< 0.85", "severity": "critical" } ] }
 *
 * `plumbline_monitors` is the format version; a later version is refused with a message, never
 * half-read. Version 2 added `window` (a slot's latest chunk: `{ "current": { "last": "week" } }`
 * or `{ "current": { "rows": 10000 } }`); a file is written as version 1 when no monitor has one,
 * so Plumbline versions that read only version 1 still read it. Analysis-specific checks (slots,
 * options, metric availability) are the engine's.
 */
import { z } from 'zod';
import { PlumblineError } from '../api/errors';
import { parseCondition } from './condition';
import type { MonitorDefinition, MonitorSpecFile } from './types';
import { lazySchema } from '../api/lazy-schema';

/** The newest version this Plumbline reads and writes. */
export const SPEC_VERSION = 2;

export const rowWindowSchema = lazySchema(() => z.union([
  z.object({ last: z.enum(['day', 'week', 'month']) }).strict(),
  z.object({ rows: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict(),
]));

const text = (max: number) => z.string().min(1).max(max);

export const monitorDefinitionSchema = lazySchema(() => z
  .object({
    name: text(200),
    analysis: text(100),
    datasets: z.record(text(100), text(1000)),
    reference: text(1000).optional(),
    options: z.unknown().optional(),
    where: z.string().max(10_000).optional(),
    window: z.record(text(100), rowWindowSchema).optional(),
    metric: text(1000),
    condition: text(200).superRefine((c, ctx) => {
      try {
        parseCondition(c);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
    severity: z.enum(['warning', 'critical']),
    description: z.string().max(2000).optional(),
  })
  .strict());

export const monitorSpecSchema = lazySchema(() => z
  .object({
    plumbline_monitors: z.union([z.literal(1), z.literal(2)]),
    monitors: z.array(monitorDefinitionSchema).max(1000),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.monitors.forEach((m, i) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'name'], message: `two monitors are named ${JSON.stringify(m.name)}` });
      seen.add(m.name);
      if (s.plumbline_monitors === 1 && m.window) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'window'], message: 'window needs "plumbline_monitors": 2' });
    });
  }));

/** Reads a spec file's text; throws BAD_REQUEST naming the first problem and where it is. */
export function parseMonitorSpec(json: string, source = 'the spec file'): MonitorSpecFile {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new PlumblineError('BAD_REQUEST', `${source} is not JSON: ${(e as Error).message}`);
  }
  const version = (raw as { plumbline_monitors?: unknown } | null)?.plumbline_monitors;
  if (typeof version === 'number' && version > SPEC_VERSION) {
    throw new PlumblineError('BAD_REQUEST', `${source} is monitor spec version ${version}; this Plumbline reads version ${SPEC_VERSION}. Update Plumbline.`);
  }
  const parsed = monitorSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new PlumblineError('BAD_REQUEST', `${source} is not a monitor spec${at}: ${issue?.message ?? 'invalid'}. Expected { "plumbline_monitors": ${SPEC_VERSION}, "monitors": [ … ] }.`);
  }
  return parsed.data as MonitorSpecFile;
}

export function monitorSpec(monitors: readonly MonitorDefinition[]): MonitorSpecFile {
  return { plumbline_monitors: monitors.some((m) => m.window) ? 2 : 1, monitors };
}
