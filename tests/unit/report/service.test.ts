import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../../helpers/engine';
import { ROOT } from '../../helpers/cli';
import type { AnalysisSpec, Progress } from '../../../core/api/types';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'reference.csv'), name: 'ref' });
  await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'current.csv'), name: 'cur' });
}, 60_000);

// Previews and exports start Chromium and draw every chart with Plotly in it: whole-export time limits, as the CLI report tests have.
describe('report API', { timeout: 60_000 }, () => {
  it('lists the sections a report can hold', async () => {
    const sections = await client.reportSections({});
    expect(sections.map((s) => s.id)).toEqual(['drift', 'over-time', 'quality', 'performance', 'fairness', 'fairness-over-time', 'ab', 'operations', 'predictions', 'correlation']);
    for (const s of sections) expect(s.description.length).toBeGreaterThan(10);
  });

  it('renderReport gives the live-preview HTML built from the runDrift result', async () => {
    const run = await client.runDrift({ reference: 'ref', current: 'cur' });
    const { html, reportId } = await client.renderReport({ reference: 'ref', current: 'cur', title: 'Preview' });
    expect(reportId).toMatch(/^PLB-/);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.includes('<title>Preview</title>')).toBe(true);
    expect(html.includes(`${run.result.n_drifted} of ${run.result.n_tested} tested columns drifted`)).toBe(true);
  });

  it('exportReport (HTML) writes the file, reports progress, and the audit log records its SHA-256', async () => {
    const out = path.join(dir, 'r.html');
    const phases: Progress[] = [];
    const r = await client.exportReport({ reference: 'ref', current: 'cur', out, author: 'Ada' }, { onProgress: (p) => phases.push(p) });
    const bytes = fs.readFileSync(out);
    expect(r).toMatchObject({ path: out, format: 'html', pages: null, bytes: bytes.length });
    expect(r.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(phases.map((p) => p.phase)).toEqual(['analysing', 'rendering', 'writing', 'done']);
    const history = await client.listExports({});
    expect(history[0]).toMatchObject({ path: out, sha256: r.sha256, reportId: r.reportId, reference: 'ref', current: 'cur', sections: ['drift', 'quality'] });
    const row = ws.db.prepare(`SELECT details FROM audit_log WHERE action = 'export-report' ORDER BY id DESC`).get() as { details: string };
    expect(JSON.parse(row.details).sha256).toBe(r.sha256);
  });

  it('a spec applies its roles (audit-logged), options and sections; saved and loaded through the API', async () => {
    const spec: AnalysisSpec = {
      kind: 'plumbline-analysis-spec',
      version: 1,
      reference: 'ref',
      current: 'cur',
      roles: { reference: { revenue: 'ignore' }, current: { revenue: 'ignore' } },
      options: { test: 'psi' },
      sections: ['drift'],
    };
    const file = path.join(dir, 'spec.json');
    await client.saveAnalysisSpec({ path: file, spec });
    const loaded = await client.loadAnalysisSpec({ path: file });
    expect(loaded).toEqual(spec);
    const { html } = await client.renderReport({ spec: loaded });
    expect(html.includes('Population stability index (PSI)')).toBe(true);
    expect(html.includes('Results: Data quality')).toBe(false);
    const cur = await client.getDataset({ dataset: 'cur' });
    expect(cur.columnInfo.find((c) => c.name === 'revenue')!.role).toBe('ignore');
    const audit = ws.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'set-column-role'`).get() as { n: number };
    expect(audit.n).toBe(2);
    await expect(client.renderReport({ spec: { ...spec, roles: { current: { nope: 'id' } } } })).rejects.toThrow(/"nope"/);
  });

  it('bad requests fail before any work, with messages that say what to do', async () => {
    await expect(client.renderReport({ reference: 'ref', current: 'cur', sections: ['drift', 'x'] })).rejects.toThrow(/Unknown report section "x"/);
    await expect(client.renderReport({ reference: 'ref', current: 'cur', timeZone: 'Mars/Base' })).rejects.toThrow(/time zone/);
    await expect(client.renderReport({ reference: 'ref' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(client.exportReport({ reference: 'ref', current: 'cur', out: path.join(dir, 'r.docx') })).rejects.toThrow(/\.pdf or \.html/);
    await expect(client.exportReport({ reference: 'ref', current: 'cur', out: path.join(dir, 'no', 'such', 'r.html') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.verifyReport({ path: path.join(dir, 'r.html') })).rejects.toThrow(/Not a readable PDF/);
  });
});
