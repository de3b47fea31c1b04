/**
 * Reports end to end through the built CLI: a real PDF from the demo data, read back with poppler
 * (pdftotext, pdftoppm, pdfdetach, pdfinfo) — text, pixels, the attached results.json — then
 * verified against the workspace, before and after the data changes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, plumbline, ROOT } from '../../helpers/cli';
import { tmpDir } from '../../helpers/tmp';

const CHROMIUM = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
const hasTools = fs.existsSync(CHROMIUM) && spawnSync('pdftotext', ['-v']).error === undefined;

const dir = tmpDir();
const db = path.join(dir, 'ws.db');
const demo = (f: string) => path.join(ROOT, 'assets', 'demo', f);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Exported {
  path: string;
  format: string;
  sha256: string;
  bytes: number;
  pages: number | null;
  reportId: string;
  seconds: number;
}

let pdf: Exported;
let text: string;

/** Share of dark pixels of a binary PGM (P5) file, leaving out the running header and footer bands. */
function inkShare(file: string): number {
  const buf = fs.readFileSync(file);
  const header = buf.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error(`${file} is not a binary PGM`);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const top = Math.round(h * 0.08);
  const bottom = Math.round(h * 0.92);
  const pixels = buf.subarray(header[0].length + top * w, header[0].length + bottom * w);
  let dark = 0;
  for (const p of pixels) if (p < 160) dark++;
  return dark / pixels.length;
}

describe.skipIf(!hasTools)('plumbline report (PDF through Chromium)', () => {
  beforeAll(() => {
    json(plumbline(['import', demo('reference.csv'), '--name', 'reference', '--json'], { db }));
    json(plumbline(['import', demo('current.csv'), '--name', 'current', '--json'], { db }));
    pdf = json<Exported>(
      plumbline(
        ['report', '--reference', 'reference', '--current', 'current', '--author', 'Ada Lovelace', '--organisation', 'Acme Bank', '--chunk', '3000', '--time-zone', 'Europe/Paris', '--out', path.join(dir, 'report.pdf'), '--json'],
        { db },
      ),
    );
    text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
  }, 120_000);

  it('writes the PDF it reports: same SHA-256, page count, id; audit-ready metadata', () => {
    const bytes = fs.readFileSync(pdf.path);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(pdf.sha256);
    expect(pdf.bytes).toBe(bytes.length);
    expect(pdf.reportId).toMatch(/^PLB-\d{8}-[0-9A-F]{8}$/);
    const info = execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Pages:\\s+${pdf.pages}`));
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(info).toMatch(/Title:\s+Drift report: current vs reference/);
    expect(info).toMatch(/Author:\s+Ada Lovelace, Acme Bank/);
    expect(info).toContain(pdf.reportId);
    expect(info).toMatch(/Creator:\s+Plumbline/);
    // Text stays text: the bundled Inter embedded and subset, no glyphs turned into Type 3 outlines.
    const fonts = execFileSync('pdffonts', [pdf.path], { encoding: 'utf8' });
    expect(fonts).toMatch(/Inter-Regular\s+CID TrueType\s+Identity-H\s+yes yes/);
    expect(fonts).not.toContain('Type 3');
  });

  it('the text holds every chapter, both files’ SHA-256, the provenance, the numbers and a running footer', () => {
    for (const heading of ['Contents', '1. Executive summary', '2. Data provenance', '3. Methods', '4. Results: Data drift', '5. Results: Drift over time', '6. Results: Data quality', '7. Appendix: settings and software']) {
      expect(text).toContain(heading);
    }
    for (const ds of ['reference', 'current']) {
      const shown = json<{ imports: { sha256: string; sourcePath: string }[] }>(plumbline(['show', ds, '--rows', '0', '--json'], { db }));
      expect(text).toContain(shown.imports[0].sha256);
      expect(text).toContain(shown.imports[0].sourcePath);
    }
    const drift = json<{ n_drifted: number; n_tested: number; columns: { column: string; drifted: boolean; reason: string }[] }>(
      plumbline(['drift', '--reference', 'reference', '--current', 'current', '--chunk', '3000', '--json'], { db }),
    );
    expect(text).toContain(`${drift.n_drifted} of ${drift.n_tested} tested columns drifted`);
    for (const c of drift.columns) expect(text).toContain(c.column);
    expect(text).toContain('Normed Wasserstein distance');
    expect(text).toContain('Ada Lovelace');
    expect(text).toMatch(/UTC\+0[12]:00 \(Europe\/Paris\)/); // winter or summer time
    expect(text).toContain(`Page 1 of ${pdf.pages}`);
    expect(text).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
    expect(text).toContain(`Plumbline report ${pdf.reportId}`);
  });

  it('the contents page gives each chapter’s page number, and each chapter starts on that page; bookmarks exist', () => {
    const toc = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-layout', pdf.path, '-'], { encoding: 'utf8' });
    const lines = Array.from(toc.matchAll(/^(\d+)\s{2,}(\S.*?)\s{2,}(\d+)\s*$/gm), (m) => ({ n: m[1], title: m[2], page: Number(m[3]) }));
    expect(lines.map((l) => l.title)).toEqual(['Executive summary', 'Data provenance', 'Methods', 'Results: Data drift', 'Results: Drift over time', 'Results: Data quality', 'Appendix: settings and software']);
    for (const l of lines) {
      const page = execFileSync('pdftotext', ['-f', String(l.page), '-l', String(l.page), '-layout', pdf.path, '-'], { encoding: 'utf8' });
      expect(page, `${l.title} on page ${l.page}`).toContain(`${l.n}. ${l.title}`);
    }
    const raw = fs.readFileSync(pdf.path, 'latin1');
    expect(raw).toMatch(/\/Type \/Outlines \/First \d+ 0 R \/Last \d+ 0 R \/Count 7/);
  });

  it('every page renders with ink on it (no blank page)', () => {
    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-r', '50', '-gray', pdf.path, prefix]);
    const pages = fs.readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm'));
    expect(pages).toHaveLength(pdf.pages!);
    for (const p of pages) expect(inkShare(path.join(dir, p)), p).toBeGreaterThan(0.001);
  });

  it('the attached results.json equals what `plumbline drift --json` prints for the same settings', () => {
    execFileSync('pdfdetach', ['-save', '1', '-o', path.join(dir, 'results.json'), pdf.path]);
    const embedded = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(embedded.kind).toBe('plumbline-report-results');
    expect(embedded.reportId).toBe(pdf.reportId);
    const cli = json<Record<string, unknown>>(plumbline(['drift', '--reference', 'reference', '--current', 'current', '--chunk', '3000', '--json'], { db }));
    const { settings, provenance, ...result } = cli;
    expect(embedded.drift.result).toEqual(result);
    expect(embedded.drift.settings).toEqual(settings);
    expect(embedded.drift.provenance).toEqual(provenance);
  });

  it('--verify passes on the untouched workspace, and names the change after a re-import with one changed row', () => {
    const ok = plumbline(['report', '--verify', pdf.path], { db });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^PASS: report PLB-/);

    // Re-importing the very same bytes changes only timestamps and ids: still a pass.
    const sameDb = path.join(dir, 'same.db');
    fs.copyFileSync(db, sameDb);
    expect(plumbline(['delete', 'current'], { db: sameDb }).status).toBe(0);
    json(plumbline(['import', demo('current.csv'), '--name', 'current', '--json'], { db: sameDb }));
    expect(plumbline(['report', '--verify', pdf.path], { db: sameDb }).status).toBe(0);

    const changedDb = path.join(dir, 'changed.db');
    fs.copyFileSync(db, changedDb);
    const lines = fs.readFileSync(demo('current.csv'), 'utf8').split('\n');
    const header = lines[0].split(',');
    const row = lines[1].split(',');
    const age = header.indexOf('age');
    row[age] = String(Number(row[age]) + 40);
    lines[1] = row.join(',');
    const changedCsv = path.join(dir, 'current-changed.csv');
    fs.writeFileSync(changedCsv, lines.join('\n'));
    expect(plumbline(['delete', 'current'], { db: changedDb }).status).toBe(0);
    json(plumbline(['import', changedCsv, '--name', 'current', '--json'], { db: changedDb }));

    const bad = plumbline(['report', '--verify', pdf.path], { db: changedDb });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL: report PLB-/);
    expect(bad.stdout).toMatch(/changed data: current dataset "current" source file SHA-256 was [0-9a-f]{64}, now [0-9a-f]{64}/);
    expect(bad.stdout).toMatch(/changed numbers: columns\[age\]\.statistic/);
    const asJson = json<{ ok: boolean; differences: string[] }>({ ...plumbline(['report', '--verify', pdf.path, '--json'], { db: changedDb }), status: 0 });
    expect(asJson.ok).toBe(false);
    expect(asJson.differences.length).toBeGreaterThan(1);
  }, 60_000);

  it('Letter size, and a spec regenerates the report with the same numbers', () => {
    const specFile = path.join(dir, 'analysis.json');
    const letter = json<Exported>(
      plumbline(['report', '--reference', 'reference', '--current', 'current', '--page-size', 'Letter', '--sections', 'drift', '--test', 'psi', '--out', path.join(dir, 'letter.pdf'), '--save-spec', specFile, '--json'], { db }),
    );
    expect(execFileSync('pdfinfo', [letter.path], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const again = json<Exported>(plumbline(['report', '--spec', specFile, '--out', path.join(dir, 'again.pdf'), '--json'], { db }));
    const read = (f: string) => {
      execFileSync('pdfdetach', ['-save', '1', '-o', `${f}.json`, f]);
      return JSON.parse(fs.readFileSync(`${f}.json`, 'utf8'));
    };
    const a = read(letter.path);
    const b = read(again.path);
    expect(b.drift.result).toEqual(a.drift.result);
    expect(b.request).toEqual(a.request);
    expect(b.request.sections).toEqual(['drift']);
    expect(a.drift.result.columns.every((c: { test: string }) => c.test === 'psi')).toBe(true);
    expect(execFileSync('pdfinfo', [again.path], { encoding: 'utf8' })).toMatch(/letter/);
  }, 60_000);
});

describe('plumbline report (HTML)', () => {
  const hdb = path.join(dir, 'html.db');
  beforeAll(() => {
    json(plumbline(['import', demo('reference.csv'), '--name', 'reference', '--json'], { db: hdb }));
    json(plumbline(['import', demo('current.csv'), '--name', 'current', '--json'], { db: hdb }));
  }, 60_000);

  it('exports one self-contained document: no script, no external reference', () => {
    const out = json<Exported>(plumbline(['report', '--reference', 'reference', '--current', 'current', '--charts', 'all', '--out', path.join(dir, 'report.html'), '--json'], { db: hdb }));
    expect(out.format).toBe('html');
    expect(out.pages).toBeNull();
    const html = fs.readFileSync(out.path, 'utf8');
    expect(/https?:\/\//i.test(html)).toBe(false);
    expect(/<script/i.test(html)).toBe(false);
    expect(/<link|<img|<iframe/i.test(html)).toBe(false);
    expect(html.includes('data:font/woff2;base64,')).toBe(true);
    expect(html.length).toBeLessThan(2_000_000);
  }, 60_000); // a whole export with Chromium drawing every chart, like the PDF exports above

  it('a bad request fails with one line and a non-zero exit', () => {
    const r = plumbline(['report', '--reference', 'reference', '--current', 'current', '--sections', 'drift,nope', '--out', path.join(dir, 'x.html')], { db: hdb });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Unknown report section "nope"/);
    expect(plumbline(['report', '--reference', 'reference', '--current', 'current', '--out', path.join(dir, 'x.txt')], { db: hdb }).stderr).toMatch(/\.pdf or \.html/);
  });
});
