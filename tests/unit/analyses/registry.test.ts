/**
 * Every analysis of the registry is wired everywhere: a `plumbline <id>` command with its flags,
 * the API methods that run it and keep its settings (with its options schema applied), report
 * sections with renderers, a verifier that names a change, and checks and charts from its result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_ANALYSIS as ANALYSES } from '../../../core/analyses/every';
import { ANALYSES as LISTED, analysisInfo, loadAnalysis } from '../../../core/analyses/registry';
import { API_METHODS } from '../../../core/api/api';
import { ARG_SCHEMAS } from '../../../core/api/schemas';
import { registerAnalyses } from '../../../core/cli/commands/analysis';
import { REPORT_SECTIONS, SECTION_RENDERERS } from '../../../core/report/sections';
import { RESERVED_RESULT_KEYS } from '../../../core/report/results';
import { ROOT } from '../../helpers/cli';
import { newClient } from '../../helpers/engine';

const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'reference.csv'), name: 'reference' });
  await client.importFile({ path: path.join(ROOT, 'assets', 'demo', 'current.csv'), name: 'current' });
}, 60_000);

/** The demo pair fills every slot the analyses declare (reference/current; others use current). */
const demo = (slot: string) => (slot === 'reference' ? 'reference' : 'current');

describe('the analysis registry', () => {
  it('has unique ids that can key a report’s results', () => {
    const ids = ANALYSES.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(RESERVED_RESULT_KEYS).not.toContain(id);
    }
  });

  it('generic API methods exist, long-running where they compute, with argument schemas', () => {
    for (const m of ['listAnalyses', 'runAnalysis', 'getAnalysisSettings', 'saveAnalysisSettings'] as const) {
      expect(API_METHODS[m]).toBeDefined();
      expect(ARG_SCHEMAS[m]).toBeDefined();
    }
    expect(API_METHODS.runAnalysis.long).toBe(true);
  });

  it('refuses an unknown id, naming the analyses it has', async () => {
    await expect(loadAnalysis('nope')).rejects.toThrow(/Unknown analysis "nope"\. Analyses: drift, performance, /);
    expect(() => analysisInfo('nope')).toThrow(/Unknown analysis "nope"/);
  });

  it('lists in every.ts each analysis of the registry, in its order', () => {
    expect(ANALYSES.map((a) => a.id)).toEqual(LISTED.map((a) => a.id));
  });

  for (const a of ANALYSES) {
    describe(a.id, () => {
      it('is described by the registry as its module describes itself, and loads that module', async () => {
        const sections = a.sections.map(({ id, title, description }) => ({ id, title, description }));
        expect(analysisInfo(a.id)).toEqual({ id: a.id, title: a.title, datasets: a.datasets, sections });
        expect(await loadAnalysis(a.id)).toBe(a);
      });

      it('has a CLI command with a flag per dataset slot, its option flags, --where and --json', () => {
        const program = new Command();
        registerAnalyses(program, ANALYSES);
        const cmd = program.commands.find((c) => c.name() === a.id);
        expect(cmd, `plumbline ${a.id}`).toBeDefined();
        const flags = cmd!.options.map((o) => o.long);
        for (const d of a.datasets) expect(flags).toContain(`--${d.flag ?? d.slot}`);
        for (const f of a.cli.flags) expect(flags).toContain(f.flags.split(' ')[0]);
        expect(flags).toEqual(expect.arrayContaining(['--where', '--json']));
      });

      it('is listed by the API, runs through runAnalysis, and refuses options its schema refuses', async () => {
        const listed = (await client.listAnalyses({})).find((x) => x.id === a.id);
        expect(listed?.datasets.map((d) => d.slot)).toEqual(a.datasets.map((d) => d.slot));
        const datasets = Object.fromEntries(a.datasets.map((d) => [d.slot, demo(d.slot)]));
        const run = await client.runAnalysis({ analysis: a.id, datasets });
        for (const d of a.datasets) expect(run.provenance[d.slot].name).toBe(datasets[d.slot]);
        expect(run.settings.where).toBeNull();
        // One chart handoff for every screen: the run carries the module's specs of its result.
        expect(run.charts).toEqual(a.charts(run.result));
        await expect(client.runAnalysis({ analysis: a.id, datasets, options: { 'no such option': 1 } })).rejects.toThrow(/Invalid arguments for runAnalysis/);
        await expect(client.runAnalysis({ analysis: a.id, datasets: {} })).rejects.toThrow(/needs a/);
      });

      it('saves and reads back its settings per datasets', async () => {
        const datasets = Object.fromEntries(a.datasets.map((d) => [d.slot, demo(d.slot)]));
        expect(await client.getAnalysisSettings({ analysis: a.id, datasets })).toBeNull();
        const settings = { options: {}, where: "1 = 1" };
        await client.saveAnalysisSettings({ analysis: a.id, datasets, settings });
        expect(await client.getAnalysisSettings({ analysis: a.id, datasets })).toEqual(settings);
      });

      it('has report sections, each with a renderer, that the report lists', () => {
        expect(a.sections.length).toBeGreaterThan(0);
        for (const s of a.sections) {
          expect(SECTION_RENDERERS[s.id], `renderer of section ${s.id}`).toBeDefined();
          expect(REPORT_SECTIONS.find((x) => x.id === s.id)?.analysis).toBe(a.id);
        }
      });

      it('has a verifier that passes an identical result and names a changed number; checks and charts read the result', async () => {
        const datasets = Object.fromEntries(a.datasets.map((d) => [d.slot, demo(d.slot)]));
        const run = await client.runAnalysis({ analysis: a.id, datasets });
        const result = JSON.parse(JSON.stringify(run.result));
        expect(a.verify(result, JSON.parse(JSON.stringify(run.result)))).toEqual([]);
        // Change the first number found anywhere in the result.
        const changed = JSON.parse(JSON.stringify(run.result));
        const bump = (o: Record<string, unknown>): boolean => {
          for (const [k, v] of Object.entries(o)) {
            if (typeof v === 'number' && Number.isFinite(v)) {
              o[k] = v + 1;
              return true;
            }
            if (v && typeof v === 'object' && bump(v as Record<string, unknown>)) return true;
          }
          return false;
        };
        expect(bump(changed)).toBe(true);
        expect(a.verify(result, changed).length).toBeGreaterThan(0);
        expect(a.checks(result).length).toBeGreaterThan(0);
        for (const c of a.charts(result)) {
          expect(c.data.length).toBeGreaterThan(0);
          expect(JSON.parse(JSON.stringify(c))).toEqual(c);
        }
      });
    });
  }
});
