/**
 * `plumbline report` takes the option flags of every analysis of the registry, so a report with
 * drift, performance and fairness sections can be made from flags alone. Analyses share some flag
 * names; commander allows one option per name, so:
 * - a name whose meaning is the same in every analysis that declares it (SAME_MEANING) is one
 *   flag, and its value serves each of them (`--chunk week` chunks drift and performance alike);
 * - any other name belongs to the first analysis that declares it (registry order: drift first,
 *   as before), and a later analysis's flag of that name is prefixed with its id
 *   (`--threshold` is drift's test threshold; `--performance-threshold` and `--fairness-threshold`
 *   are score thresholds), as is one that would collide with a report flag.
 */
import { Option } from 'commander';
import type { AnyAnalysis, CliFlag } from '../../analyses/module';

/**
 * Flag names meaning the same in every analysis that declares them: chunking (day, week, month or
 * N rows of the timestamp column) and the label, score and prediction columns. Checked by a test
 * against the flags' syntax, so a new analysis giving one of them another shape fails it.
 */
export const SAME_MEANING: ReadonlySet<string> = new Set(['--chunk', '--label', '--score', '--prediction']);

/** One analysis flag as `report` registers it. */
export interface ReportFlagRoute {
  readonly analysis: string;
  /** The flag as the analysis declares it, and as `report` registers it (prefixed or not). */
  readonly flag: CliFlag;
  readonly registered: CliFlag;
  /** Commander's camelCase keys: the analysis reads `own`; the parsed report options hold `key`. */
  readonly own: string;
  readonly key: string;
}

function longName(flags: string): string {
  return new Option(flags).long!;
}

function attribute(flags: string): string {
  return new Option(flags).attributeName();
}

/** The routes of every analysis's flags, given the long names `report` itself already takes. */
export function reportFlagRoutes(analyses: readonly AnyAnalysis[], reportFlags: ReadonlySet<string>): ReportFlagRoute[] {
  const owner = new Map<string, string>();
  const routes: ReportFlagRoute[] = [];
  for (const a of analyses) {
    for (const f of a.cli.flags) {
      const long = longName(f.flags);
      const first = owner.get(long);
      const shared = first === undefined ? !reportFlags.has(long) : first !== a.id && SAME_MEANING.has(long);
      const registered = shared ? f : { ...f, flags: f.flags.replace(/^--/, `--${a.id}-`) };
      if (first === undefined && shared) owner.set(long, a.id);
      routes.push({ analysis: a.id, flag: f, registered, own: attribute(f.flags), key: attribute(registered.flags) });
    }
  }
  return routes;
}

/** The registered flags, each once (a shared flag's description names every analysis it serves). */
export function registeredFlags(routes: readonly ReportFlagRoute[]): CliFlag[] {
  const byLong = new Map<string, { flag: CliFlag; analyses: string[] }>();
  for (const r of routes) {
    const long = longName(r.registered.flags);
    const seen = byLong.get(long);
    if (seen) seen.analyses.push(r.analysis);
    else byLong.set(long, { flag: r.registered, analyses: [r.analysis] });
  }
  return [...byLong.values()].map(({ flag, analyses }) => ({ ...flag, description: `${analyses.join(', ')}: ${flag.description}` }));
}

/**
 * The flags one analysis reads, under its own keys, from the parsed report options; `given` tells
 * whether the user typed a flag (commander's value source is not its default).
 */
export function flagsOf(
  routes: readonly ReportFlagRoute[],
  analysis: string,
  opts: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of routes) if (r.analysis === analysis && opts[r.key] !== undefined) out[r.own] = opts[r.key];
  return out;
}

/** Analyses for which at least one flag was typed (not a default), with the flags typed. */
export function analysesWithFlags(routes: readonly ReportFlagRoute[], typed: (key: string) => boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of routes) {
    if (!typed(r.key)) continue;
    out.set(r.analysis, [...(out.get(r.analysis) ?? []), longName(r.registered.flags)]);
  }
  return out;
}
