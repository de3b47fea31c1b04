import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { EVERY_ANALYSIS as ANALYSES } from '../../../core/analyses/every';
import { analysesWithFlags, flagsOf, registeredFlags, reportFlagRoutes, SAME_MEANING } from '../../../core/cli/commands/report-flags';

const REPORT_OWN = new Set(['--reference', '--current', '--dataset', '--sections', '--where', '--spec', '--out', '--format', '--title', '--json', '--help']);
const routes = reportFlagRoutes(ANALYSES, REPORT_OWN);
const long = (flags: string) => new Option(flags).long!;
const routeOf = (analysis: string, name: string) => routes.find((r) => r.analysis === analysis && long(r.flag.flags) === name)!;

describe('plumbline report: every analysis’s flags', () => {
  it('every flag of every analysis is routed, under one long name each, none colliding with the report’s own', () => {
    expect(routes.length).toBe(ANALYSES.reduce((n, a) => n + a.cli.flags.length, 0));
    const registered = registeredFlags(routes).map((f) => long(f.flags));
    expect(new Set(registered).size).toBe(registered.length);
    for (const name of registered) expect(REPORT_OWN.has(name), name).toBe(false);
  });

  it('a name meaning the same everywhere is one flag for all; another is the first analysis’s, later ones prefixed', () => {
    expect(['drift', 'performance', 'fairness'].map((a) => long(routeOf(a, '--chunk').registered.flags))).toEqual(['--chunk', '--chunk', '--chunk']);
    expect(long(routeOf('fairness', '--label').registered.flags)).toBe('--label');
    expect(long(routeOf('drift', '--threshold').registered.flags)).toBe('--threshold');
    expect(long(routeOf('performance', '--threshold').registered.flags)).toBe('--performance-threshold');
    expect(long(routeOf('fairness', '--threshold').registered.flags)).toBe('--fairness-threshold');
    expect(long(routeOf('ab', '--by').registered.flags)).toBe('--ab-by');
    expect(routeOf('fairness', '--threshold').key).toBe('fairnessThreshold');
    expect(routeOf('fairness', '--threshold').own).toBe('threshold');
  });

  it('flags of the same meaning have the same shape wherever they are declared', () => {
    for (const name of SAME_MEANING) {
      const shapes = routes.filter((r) => long(r.flag.flags) === name).map((r) => [r.flag.flags, r.flag.repeatable ?? false, r.flag.choices ?? null]);
      expect(shapes.length, name).toBeGreaterThan(1);
      for (const s of shapes) expect(s, name).toEqual(shapes[0]);
    }
  });

  it('each analysis reads its values under its own keys; typed flags are told apart from defaults', () => {
    const opts = { threshold: '0.01', performanceThreshold: '0.4', fairnessThreshold: '0.6', chunk: 'week', tau: '0.7', test: 'auto' };
    expect(flagsOf(routes, 'drift', opts)).toEqual({ threshold: '0.01', chunk: 'week', test: 'auto' });
    expect(flagsOf(routes, 'performance', opts)).toEqual({ threshold: '0.4', chunk: 'week' });
    expect(flagsOf(routes, 'fairness', opts)).toEqual({ threshold: '0.6', chunk: 'week', tau: '0.7' });
    const typed = analysesWithFlags(routes, (k) => k in opts && k !== 'test');
    expect(typed.get('fairness')).toEqual(['--fairness-threshold', '--tau', '--chunk']);
    expect(typed.get('drift')).toEqual(['--threshold', '--chunk']);
    expect(typed.has('ab')).toBe(false);
  });
});
