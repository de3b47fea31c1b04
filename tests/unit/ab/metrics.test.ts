/**
 * The A/B module's flat figures for monitors: names and values from a result, and end to end
 * through `plumbline monitor add --analysis ab … ` and `plumbline check` with its exit status
 * (0 all passed, 2 a critical alert) on a clear winner and on a broken split.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAb } from '../../../core/analyses/ab/ab';
import { abAnalysis } from '../../../core/analyses/ab';
import { createEngine } from '../../../core/engine/engine';
import { directTransport } from '../../../core/transport/direct';
import { createClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { rng } from '../../helpers/rng';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { categorical, numeric } from './helpers';
import { runCli } from '../../helpers/cli-in-process';

/** Rows alternate control / B (or 1 control : 2 B when `skewed`); B converts at 16% against 10%. */
function log(n: number, seed: number, skewed = false) {
  const r = rng(seed);
  const variant: string[] = [];
  const converted: number[] = [];
  const latency: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = skewed ? i % 3 !== 0 : i % 2 === 1;
    variant.push(b ? 'B' : 'control');
    converted.push(r() < (b ? 0.16 : 0.1) ? 1 : 0);
    latency.push(Math.round(1000 * (100 + 20 * r())) / 1000);
  }
  return { variant, converted, latency };
}

describe('abMetrics', () => {
  const d = log(4000, 3);
  const columns = { variant: categorical('variant', d.variant), converted: numeric('converted', d.converted, 'boolean'), latency_ms: numeric('latency_ms', d.latency) };
  const opts = { variant: 'variant', control: 'control', metrics: ['converted', 'latency_ms:p99'], guardrails: ['latency_ms:p99<=+50'], minSamplePerVariant: 1000 };

  it('names every figure, per metric × treatment with the metric verbatim (colons kept)', () => {
    const r = analyzeAb({ columns }, opts);
    const m = abAnalysis.metrics?.(r) ?? {};
    const conv = r.results.find((x) => x.metric === 'converted');
    const p99 = r.results.find((x) => x.metric === 'latency_ms:p99');
    expect(m['relative_lift:converted:B']).toBe(conv?.relative_lift);
    expect(m['p_value:converted:B']).toBe(conv?.p_value);
    expect(m['p_value_adjusted:converted:B']).toBe(conv?.p_value_adjusted);
    expect(m['ci_low:latency_ms:p99:B']).toBe(p99?.ci_low);
    expect(m['absolute_lift:latency_ms:p99:B']).toBe(p99?.absolute_lift);
    expect(m['better:converted:B']).toBe(conv?.verdict === 'better' ? 1 : 0);
    expect(m['chance_to_win:converted:B']).toBeNull(); // frequentist: no value, not a guess
    expect(m.srm_p_value).toBe(r.srm.p_value);
    expect(m.srm_flag).toBe(0);
    expect(m.guardrails_failed).toBe(r.guardrails.filter((g) => g.status === 'failed').length);
    expect(m.decision_ship).toBe(r.decision.action === 'ship' ? 1 : 0);
    expect((m['units:control'] ?? 0) + (m['units:B'] ?? 0)).toBe(4000);
    expect(m['mde_relative:converted:B']).toBe(r.power[0].mde_relative);
    expect(Object.values(m).every((v) => v === null || Number.isFinite(v))).toBe(true);
  });

  it('Bayesian: chance to win; a failed guardrail and an SRM flag are counted', () => {
    const bayes = abAnalysis.metrics?.(analyzeAb({ columns }, { ...opts, engine: 'bayesian' })) ?? {};
    expect(bayes['chance_to_win:converted:B']).toBeGreaterThan(0.99);
    const failing = abAnalysis.metrics?.(analyzeAb({ columns }, { ...opts, guardrails: ['converted<=-1%'] })) ?? {};
    expect(failing.guardrails_failed).toBe(1);
    expect(failing.decision_ship).toBe(0);
    const srm = abAnalysis.metrics?.(analyzeAb({ columns }, { ...opts, weights: { control: 1, B: 3 } })) ?? {};
    expect(srm.srm_flag).toBe(1);
    expect(srm.decision_ship).toBe(0);
  });
});

describe('plumbline monitor add --analysis ab && plumbline check', () => {
  const dir = tmpDir();
  let db = '';
  const csv = (n: number, seed: number, skewed: boolean) => {
    const d = log(n, seed, skewed);
    return `variant,converted,latency_ms\n${d.variant.map((v, i) => `${v},${d.converted[i]},${d.latency[i]}`).join('\n')}\n`;
  };
  beforeAll(async () => {
    db = path.join(dir, 'ws.db');
    const ws = new Workspace(db);
    const client = createClient(directTransport(createEngine(ws)));
    await client.importFile({ path: writeFile(dir, 'fair.csv', csv(3000, 5, false)), name: 'fair' });
    await client.importFile({ path: writeFile(dir, 'skewed.csv', csv(3000, 5, true)), name: 'skewed' });
    ws.close();
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => runCli(db, ...args);
  const options = JSON.stringify({ variant: 'variant', control: 'control', metrics: ['converted'], minSamplePerVariant: 500 });
  const add = (name: string, dataset: string, metric: string, condition: string) =>
    run('monitor', 'add', '--name', name, '--analysis', 'ab', '--dataset', dataset, '--options', options, '--metric', metric, '--condition', condition, '--severity', 'critical');

  it('passes on a fair split with a winner (exit 0), alerts critical on a broken split (exit 2)', async () => {
    for (const [name, metric, cond] of [['srm', 'srm_flag', '== 1'], ['ship', 'decision_ship', '== 0'], ['lift', 'relative_lift:converted:B', '< 0']]) {
      const r = await add(`${name} fair`, 'fair', metric, cond);
      expect(r.code, r.err).toBe(0);
    }
    let r = await run('check');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^PASS {2}srm fair \[ab, critical\] srm_flag = 0/m);
    expect(r.out).toMatch(/^PASS {2}ship fair \[ab, critical\] decision_ship = 1/m);
    expect(r.out).toMatch(/1 analysis run/);

    expect((await add('srm skewed', 'skewed', 'srm_flag', '== 1')).code).toBe(0);
    r = await run('check');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^CRIT {2}srm skewed \[ab, critical\] srm_flag = 1/m);
  });
});
