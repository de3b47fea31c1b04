import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, plumbline, ROOT } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

/**
 * Issue #9 item 15: `drift --where … --chunk …` in text mode says what --json has, in short: the
 * rows each dataset kept after the filter, the filter, the chunks and how many drifted per column.
 */
const REAL = path.join(ROOT, 'tests/fixtures/real');
const dir = tmpDir();
const db = path.join(dir, 'ws.db');
const csv = path.join(REAL, 'bike-hour-head200.csv');

interface Out {
  n_reference_rows: number;
  n_current_rows: number;
  n_drifted: number;
  n_tested: number;
  settings: { where: string | null };
  provenance: Record<string, { name: string; rows: number }>;
  over_time: { series: { column: string; points: { label: string; drifted: boolean }[] }[] };
}

beforeAll(() => {
  for (const name of ['bike_ref', 'bike_cur']) json(plumbline(['import', csv, '--name', name, '--type', 'dteday=timestamp:%Y%m%d', '--role', 'dteday=timestamp', '--json'], { db }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('plumbline drift text output', { timeout: 120_000 }, () => {
  it('--where and --chunk: rows after the filter, the filter, chunks and drifted chunks per column, as in --json', () => {
    const args = ['drift', '--reference', 'bike_ref', '--current', 'bike_cur', '--where', 'hr >= 12', '--chunk', 'day', '--columns', 'temp,hum,weathersit'];
    const out = json<Out>(plumbline([...args, '--json'], { db }));
    const run = plumbline(args, { db });
    expect(run.status).toBe(0);
    const text = run.stdout;
    expect(out.n_current_rows).toBeLessThan(out.provenance.current.rows);
    expect(text).toContain(`reference "bike_ref": ${out.n_reference_rows} rows of ${out.provenance.reference.rows}`);
    expect(text).toContain(`current "bike_cur": ${out.n_current_rows} rows of ${out.provenance.current.rows}`);
    expect(text).toContain(`filter (both datasets): ${out.settings.where}`);
    expect(text).toContain(`${out.n_drifted} of ${out.n_tested} columns drifted`);
    const series = out.over_time.series;
    const chunks = series[0].points.length;
    expect(text).toContain(`Drift over time, by day of "dteday": ${chunks} chunks`);
    for (const s of series) {
      const line = text.split('\n').find((l) => l.startsWith(s.column + ' ') && l.includes(' of ' + s.points.length))!;
      expect(line, s.column).toBeDefined();
      expect(line).toContain(`${s.points.filter((p) => p.drifted).length} of ${s.points.length}`);
    }
    // The dataset compared with itself: its warning is on stderr, and the text says there is one.
    expect(run.stderr).toMatch(/warning: .*same dataset|warning: /);
  });
});
