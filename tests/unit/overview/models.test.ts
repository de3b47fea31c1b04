import { describe, expect, it } from 'vitest';
import { activeSince } from '../../../core/overview/alerts';
import { healthOf, monitorArea, worstHealth } from '../../../core/overview/areas';
import { groupModels, monitorModel, pairFromSettingsKey } from '../../../core/overview/models';

describe('overview: models, areas and alerts', () => {
  it('a monitor belongs to the model of its current dataset and its reference or baseline', () => {
    expect(monitorModel({ datasets: { reference: 'r', current: 'c' } })).toEqual({ current: 'c', reference: 'r' });
    expect(monitorModel({ datasets: { current: 'c' }, reference: 'base' })).toEqual({ current: 'c', reference: 'base' });
    expect(monitorModel({ datasets: { dataset: 'log' } })).toEqual({ current: 'log', reference: null });
  });

  it('groups monitors into models; a one-dataset monitor joins the only pair of its dataset; unused datasets stand alone', () => {
    const monitors: { datasets: Record<string, string> }[] = [
      { datasets: { reference: 'r', current: 'c' } },
      { datasets: { dataset: 'c' } },
      { datasets: { dataset: 'ab-log' } },
      { datasets: { reference: 'r', current: 'c2' } },
      { datasets: { reference: 'r2', current: 'c2' } },
      { datasets: { dataset: 'c2' } },
    ];
    const models = groupModels(monitors, [{ current: 'x', reference: 'r' }], ['r', 'c', 'c2', 'r2', 'ab-log', 'x', 'lonely']);
    const by = Object.fromEntries(models.map((m) => [`${m.key.current}|${m.key.reference}`, m.monitors]));
    expect(by['c|r']).toEqual([0, 1]);
    expect(by['ab-log|null']).toEqual([2]);
    // c2 is current in two pairs: its one-dataset monitor cannot pick one, so it is a model of its own.
    expect(by['c2|r']).toEqual([3]);
    expect(by['c2|r2']).toEqual([4]);
    expect(by['c2|null']).toEqual([5]);
    expect(by['x|r']).toEqual([]);
    expect(by['lonely|null']).toEqual([]);
    // References are not listed as models of their own.
    expect(by['r|null']).toBeUndefined();
    expect(models).toHaveLength(7);
  });

  it('reads pairs from saved settings keys, ignoring ones it cannot read', () => {
    const slots = (a: string) => (a === 'drift' ? ['reference', 'current'] : a === 'performance' ? ['current', 'reference'] : null);
    expect(pairFromSettingsKey('drift:["a","b:c"]', slots)).toEqual({ current: 'b:c', reference: 'a' });
    expect(pairFromSettingsKey('performance:["log",null]', slots)).toEqual({ current: 'log', reference: null });
    expect(pairFromSettingsKey('nope:["a"]', slots)).toBeNull();
    expect(pairFromSettingsKey('drift:not json', slots)).toBeNull();
    expect(pairFromSettingsKey('plumbline.something', slots)).toBeNull();
  });

  it('areas: drift quality figures are quality; unknown analyses are operations; error counts as severity', () => {
    expect(monitorArea({ analysis: 'drift', metric: 'share_drifted' })).toBe('drift');
    expect(monitorArea({ analysis: 'drift', metric: 'missing_share:age' })).toBe('quality');
    expect(monitorArea({ analysis: 'performance', metric: 'accuracy' })).toBe('performance');
    expect(monitorArea({ analysis: 'latency', metric: 'p99' })).toBe('operations');
    expect(healthOf('error', 'critical')).toBe('critical');
    expect(healthOf(null, 'critical')).toBe('not-run');
    expect(worstHealth(['pass', 'not-run', 'warning'])).toBe('warning');
    expect(worstHealth(['pass', 'not-run'])).toBe('not-run');
    expect(worstHealth(['pass', 'critical', 'warning'])).toBe('critical');
  });

  it('an alert is active since the first of its unbroken alerting evaluations', () => {
    const h = (...s: string[]) => s.map((status, i) => ({ status: status as 'pass', at: `2026-01-${String(20 - i).padStart(2, '0')}` }));
    expect(activeSince(h('critical', 'warning', 'error', 'pass', 'critical'))).toEqual({ since: '2026-01-18', lastAt: '2026-01-20', evaluations: 3 });
    expect(activeSince(h('warning'))).toEqual({ since: '2026-01-20', lastAt: '2026-01-20', evaluations: 1 });
    expect(activeSince(h('pass', 'critical'))).toBeNull();
    expect(activeSince([])).toBeNull();
  });
});

describe('the command line of a monitor', () => {
  it('quotes hostile names and maps slots to flags', async () => {
    const { monitorAddCommand } = await import('../../../core/format/monitor-command');
    expect(monitorAddCommand({ name: "it's <b>", analysis: 'drift', datasets: { reference: 'r', current: 'c d' }, metric: 'drift_score:a b', condition: '>= 0.5', severity: 'critical' })).toBe(
      "plumbline monitor add --name 'it'\\''s <b>' --analysis drift --reference r --dataset 'c d' --metric 'drift_score:a b' --condition '>= 0.5' --severity critical",
    );
    expect(monitorAddCommand({ name: 'acc', analysis: 'performance', datasets: { current: 'log' }, reference: 'val', metric: 'accuracy', condition: 'drop > 5%', severity: 'warning' })).toBe(
      "plumbline monitor add --name acc --analysis performance --dataset log --reference val --metric accuracy --condition 'drop > 5%' --severity warning",
    );
  });
});
