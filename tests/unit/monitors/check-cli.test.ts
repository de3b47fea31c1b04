/**
 * `plumbline monitor …` and `plumbline check` in-process (main() as bin/plumbline.js calls it):
 * every exit code, the one-line-per-monitor output, and the JUnit and Prometheus files validated by
 * parsers (saxes, a strict XML well-formedness parser; a Prometheus text-format parser written below).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { fixture } from './fixtures';
import { runCli } from '../../helpers/cli-in-process';

const dir = tmpDir();
let db = '';
beforeAll(async () => {
  const f = await fixture(dir);
  db = f.db;
  f.ws.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => runCli(db, ...args);

/** A hostile name: quotes, backslash, newline, markup, a label-breaking brace. */
const HOSTILE = 'drift "share" \\ <b>&\n}{x="1"';

function spec(monitors: object[]): string {
  return writeFile(dir, `spec-${Math.random().toString(36).slice(2)}.json`, JSON.stringify({ plumbline_monitors: 1, monitors }));
}
const mon = (name: string, current: string, condition: string, severity: string, metric = 'share_drifted') => ({ name, analysis: 'drift', datasets: { reference: 'ref', current }, metric, condition, severity });

describe('plumbline monitor', () => {
  it('add (flags as the analysis slots), list, history, remove', async () => {
    let r = await run('monitor', 'add', '--name', 'share', '--analysis', 'drift', '--dataset', 'cur', '--reference', 'ref', '--metric', 'share_drifted', '--condition', '>= 0.5', '--severity', 'critical', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ name: 'share', datasets: { reference: 'ref', current: 'cur' }, condition: '>= 0.5', severity: 'critical' });
    r = await run('monitor', 'add', '--name', 'bad', '--analysis', 'drift', '--dataset', 'cur', '--reference', 'ref', '--metric', 'share_drifted', '--condition', 'sometimes');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Cannot read the condition "sometimes"/);
    r = await run('monitor', 'list');
    expect(r.out).toMatch(/share .*drift .*reference=ref current=cur .*share_drifted .*>= 0\.5 .*critical .*not run/);
    expect((await run('check')).code).toBe(0);
    r = await run('monitor', 'history', 'share', '--json');
    expect(JSON.parse(r.out).evaluations).toHaveLength(1);
    r = await run('monitor', 'remove', 'share');
    expect(r.out).toBe('Removed monitor "share".\n');
    expect(JSON.parse((await run('monitor', 'list', '--json')).out).monitors).toEqual([]);
  });
});

describe('plumbline check: exit codes', () => {
  it('0 when every monitor passes, one line per monitor', async () => {
    const r = await run('check', '--spec', spec([mon('a', 'cur', '>= 0.5', 'critical'), mon('b', 'cur', '> 0', 'warning')]));
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^PASS {2}a \[drift, critical\] share_drifted = 0: ">= 0.5" does not hold$/);
    expect(lines[2]).toMatch(/2 monitors: 2 passed.*1 analysis run.*exit 0$/);
  });

  it('1 on a warning (and no critical), also when a warning monitor cannot be evaluated', async () => {
    expect((await run('check', '--spec', spec([mon('a', 'cur', '>= 0.5', 'critical'), mon('w', 'shifted', '>= 0.5', 'warning')]))).code).toBe(1);
    const r = await run('check', '--spec', spec([mon('e', 'cur', '>= 0.5', 'warning', 'no_such_metric')]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ERR {3}e .*not evaluated: the result has no metric "no_such_metric"/);
  });

  it('2 on a critical', async () => {
    const r = await run('check', '--spec', spec([mon('w', 'shifted', '>= 0.5', 'warning'), mon('c', 'shifted', '>= 0.5', 'critical')]), '--json');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.out) as { exitCode: number; runs: number; evaluations: { status: string }[] };
    expect(out).toMatchObject({ exitCode: 2, runs: 1 });
    expect(out.evaluations.map((e) => e.status)).toEqual(['warning', 'critical']);
  });

  it('3 when the check cannot run: a missing or invalid spec file, a newer spec version', async () => {
    let r = await run('check', '--spec', path.join(dir, 'none.json'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/ENOENT|no such file/);
    r = await run('check', '--spec', writeFile(dir, 'bad.json', '{"plumbline_monitors": 1, "monitors": [{"name": "x"}]}'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/not a monitor spec \(at monitors\.0\./);
    r = await run('check', '--spec', writeFile(dir, 'v3.json', '{"plumbline_monitors": 3, "monitors": []}'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/version 3; this Plumbline reads version 2/);
  });
});

/** Checks well-formedness strictly and returns the testcases with their failure/error children. */
function parseXml(xml: string): { name: string; attrs: Record<string, string>; parent: string | null }[] {
  const parser = new SaxesParser();
  const elements: { name: string; attrs: Record<string, string>; parent: string | null }[] = [];
  const stack: string[] = [];
  parser.on('opentag', (t) => {
    elements.push({ name: t.name, attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, String(v)])), parent: stack.at(-1) ?? null });
    if (!t.isSelfClosing) stack.push(t.name);
  });
  parser.on('closetag', (t) => {
    if (!t.isSelfClosing) stack.pop();
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return elements;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * The Prometheus text exposition format (0.0.4), strictly: HELP/TYPE lines, metric and label
 * names per the naming rules, label values with only \\, \" and \n escapes, a float value, TYPE
 * before a family's samples and each family once.
 */
function parseExposition(text: string): { types: Record<string, string>; help: Record<string, string>; samples: Sample[] } {
  expect(text.endsWith('\n')).toBe(true);
  const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
  const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
  const types: Record<string, string> = {};
  const help: Record<string, string> = {};
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) {
      const [, kind, name, ...rest] = line.split(' ');
      expect(name).toMatch(NAME);
      if (kind === 'TYPE') {
        expect(types[name], `TYPE ${name} twice`).toBeUndefined();
        expect(samples.some((s) => s.name === name), `TYPE ${name} after its samples`).toBe(false);
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(rest.join(' '));
        types[name] = rest.join(' ');
      } else help[name] = rest.join(' ');
      continue;
    }
    expect(line.startsWith('#')).toBe(false);
    let i = 0;
    while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++;
    const name = line.slice(0, i);
    expect(name).toMatch(NAME);
    const labels: Record<string, string> = {};
    if (line[i] === '{') {
      i++;
      while (line[i] !== '}') {
        const eq = line.indexOf('=', i);
        const key = line.slice(i, eq);
        expect(key).toMatch(LABEL);
        expect(line[eq + 1]).toBe('"');
        let j = eq + 2;
        let value = '';
        for (;;) {
          const ch = line[j];
          expect(ch, `unterminated label value in ${line}`).toBeDefined();
          if (ch === '"') break;
          if (ch === '\\') {
            const esc = line[j + 1];
            expect(['\\', '"', 'n']).toContain(esc);
            value += esc === 'n' ? '\n' : esc;
            j += 2;
          } else {
            value += ch;
            j++;
          }
        }
        expect(labels[key]).toBeUndefined();
        labels[key] = value;
        i = j + 1;
        if (line[i] === ',') i++;
      }
      i++;
    }
    expect(line[i]).toBe(' ');
    const valueText = line.slice(i + 1);
    expect(valueText).toMatch(/^(?:[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|NaN|[+-]Inf)$/);
    expect(types[name], `sample of ${name} before its TYPE`).toBeDefined();
    samples.push({ name, labels, value: Number(valueText.replace('Inf', 'Infinity')) });
  }
  return { types, help, samples };
}

describe('plumbline check: JUnit and Prometheus outputs', () => {
  it('write well-formed files with hostile names escaped, one testcase and one status per monitor', async () => {
    const junit = path.join(dir, 'out.xml');
    const prom = path.join(dir, 'out.prom');
    const monitors = [mon(HOSTILE, 'shifted', '>= 0.5', 'critical'), mon('ok', 'cur', '>= 0.5', 'warning'), mon('broken', 'cur', '>= 0.5', 'warning', 'drift_score:nope')];
    const r = await run('check', '--spec', spec(monitors), '--junit', junit, '--prometheus', prom);
    expect(r.code).toBe(2);

    const xml = parseXml(fs.readFileSync(junit, 'utf8'));
    const suite = xml.find((e) => e.name === 'testsuite')!;
    expect(suite.attrs).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    const cases = xml.filter((e) => e.name === 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([HOSTILE, 'ok', 'broken']);
    expect(cases[0].attrs.classname).toBe('plumbline.drift');
    const children = xml.filter((e) => e.parent === 'testcase');
    expect(children.map((c) => c.name)).toEqual(['failure', 'error']);
    expect(children[0].attrs.message).toMatch(/share_drifted = 0.5: ">= 0.5" holds/);
    expect(children[0].attrs.type).toBe('critical');

    const p = parseExposition(fs.readFileSync(prom, 'utf8'));
    for (const name of Object.keys(p.types)) {
      expect(name.startsWith('plumbline_')).toBe(true);
      expect(p.help[name], `HELP for ${name}`).toBeTruthy();
    }
    const status = p.samples.filter((s) => s.name === 'plumbline_monitor_status');
    expect(status.map((s) => [s.labels.monitor, s.value])).toEqual([[HOSTILE, 2], ['ok', 0], ['broken', 1]]);
    expect(status[0].labels).toEqual({ monitor: HOSTILE, analysis: 'drift', metric: 'share_drifted', severity: 'critical' });
    const values = p.samples.filter((s) => s.name === 'plumbline_monitor_value');
    // The monitor that could not be evaluated has no value sample (absent, not a made-up number).
    expect(values.map((s) => [s.labels.monitor, s.value])).toEqual([[HOSTILE, 0.5], ['ok', 0]]);
    expect(p.samples.find((s) => s.name === 'plumbline_monitor_evaluated' && s.labels.monitor === 'broken')!.value).toBe(0);
    expect(p.samples.find((s) => s.name === 'plumbline_check_status')!.value).toBe(2);
    const ts = p.samples.find((s) => s.name === 'plumbline_check_last_run_timestamp_seconds')!.value;
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(600);
  });
});

describe('plumbline import lists the monitors it ran', () => {
  it('an append to a monitored dataset prints one line per monitor reading it', async () => {
    await run('monitor', 'add', '--name', 'rows', '--analysis', 'drift', '--dataset', 'cur', '--reference', 'ref', '--metric', 'current_rows', '--condition', 'rise > 10%', '--severity', 'warning');
    const r = await run('import', writeFile(dir, 'more.csv', 'x,c\n5,a\n6,b\n'), '--append', 'cur');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Monitors reading "cur":\n {2}PASS {2}rows \[drift, warning\] current_rows = 102 \(baseline 100, rise 2\.0%\): "rise > 10%" does not hold\n/);
  });
});
