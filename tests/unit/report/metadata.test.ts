import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendMetadataAndAttachment, countPages, pdfText } from '../../../core/report/incremental';
import { finishPdf, readEmbeddedResults } from '../../../core/report/metadata';

async function samplePdf(objectStreams: boolean, pages = 3): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 700 });
  return doc.save({ useObjectStreams: objectStreams });
}

const META = {
  title: 'Drift <report> — Q3 ✓',
  author: 'Ada Lovelace, Acme',
  subject: 'Drift of "cur"',
  keywords: ['Plumbline', 'PLB-20261123-ABCDEF01'],
  creator: 'Plumbline 0.1.0',
  producer: 'Plumbline 0.1.0 (test)',
  createdAt: new Date('2026-11-23T09:30:00Z'),
};
const RESULTS = { kind: 'plumbline-report-results', n: 1.5, text: 'wörld <b>' };

describe('PDF metadata and attached results', () => {
  it('incremental update: the printed bytes are kept, metadata and results.json read back with pdf-lib', async () => {
    const pdf = await samplePdf(false);
    const r = appendMetadataAndAttachment(pdf, META, 'results.json', new TextEncoder().encode(JSON.stringify(RESULTS)), 'desc');
    expect(r).not.toBeNull();
    expect(r!.pages).toBe(3);
    expect(Buffer.from(r!.bytes.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(await readEmbeddedResults(r!.bytes)).toEqual(RESULTS);
    const doc = await PDFDocument.load(r!.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe(META.title);
    expect(doc.getAuthor()).toBe(META.author);
    expect(doc.getKeywords()).toBe('Plumbline PLB-20261123-ABCDEF01');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect(doc.getPageCount()).toBe(3);
  });

  it('without named destinations the contents extras are skipped and the rest still written', async () => {
    const r = appendMetadataAndAttachment(await samplePdf(false), META, 'results.json', new TextEncoder().encode('{}'), 'd', [{ id: 'summary', title: '1. Summary' }]);
    expect(r).not.toBeNull();
    expect(await readEmbeddedResults(r!.bytes)).toEqual({});
    expect(Buffer.from(r!.bytes).toString('latin1')).not.toContain('/Outlines');
  });

  it('a catalog that already has /Lang and /Outlines (a tagged print) keeps them and still gets the attachment', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage();
    doc.setLanguage('de');
    doc.catalog.set(doc.context.obj('Outlines') as never, doc.context.obj({}) as never);
    const pdf = await doc.save({ useObjectStreams: false });
    const r = appendMetadataAndAttachment(pdf, META, 'results.json', new TextEncoder().encode('{"a":1}'), 'd');
    expect(r).not.toBeNull();
    expect(await readEmbeddedResults(r!.bytes)).toEqual({ a: 1 });
    const back = await PDFDocument.load(r!.bytes);
    expect(back.catalog.get(back.context.obj('Lang') as never)?.toString()).toBe('(de)');
  });

  it('files it cannot update in place (xref streams) go through pdf-lib with the same outcome', async () => {
    const pdf = await samplePdf(true, 2);
    expect(appendMetadataAndAttachment(pdf, META, 'results.json', new Uint8Array([1]), 'd')).toBeNull();
    const r = await finishPdf(pdf, META, RESULTS);
    expect(r.pages).toBe(2);
    expect(await readEmbeddedResults(r.bytes)).toEqual(RESULTS);
    const slow = await finishPdf(await samplePdf(false), META, RESULTS, { incremental: false });
    expect(await readEmbeddedResults(slow.bytes)).toEqual(RESULTS);
    expect((await PDFDocument.load(slow.bytes)).getSubject()).toBe(META.subject);
  });

  it('text strings are UTF-16BE with a BOM; pages are counted without the page tree', () => {
    expect(pdfText('A✓')).toBe('<FEFF00412713>');
    expect(countPages('<</Type /Pages /Kids [1 0 R]>> <</Type /Page>> <</Type/Page /Parent 2 0 R>>')).toBe(2);
  });

  it('a PDF without results.json is refused with a clear message', async () => {
    await expect(readEmbeddedResults(await samplePdf(false))).rejects.toThrow(/no attached results\.json/);
    await expect(readEmbeddedResults(new TextEncoder().encode('not a pdf'))).rejects.toThrow(/Not a readable PDF/);
  });
});
