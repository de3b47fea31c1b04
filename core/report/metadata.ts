/**
 * After printing: document metadata and the machine-readable copy of the results. pdf-lib sets
 * Title/Author/Subject/Keywords/Creator/Producer/CreationDate and attaches `results.json`
 * (results, provenance, settings) as an embedded file, which `readEmbeddedResults` reads back.
 */
import type { PDFDict as PDFDictType, PDFDocument } from 'pdf-lib';
import { PlumblineError } from '../api/errors';
import { appendMetadataAndAttachment, type ContentsEntry } from './incremental';

export const RESULTS_FILE = 'results.json';

export interface PdfMetadata {
  readonly title: string;
  readonly author: string | null;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly creator: string;
  readonly producer: string;
  readonly createdAt: Date;
}

type PdfLib = typeof import('pdf-lib');
/** pdf-lib is loaded only when needed (fallback rewrite, verify): the usual export path does without it. */
const pdfLib = (): PdfLib => require('pdf-lib') as PdfLib;

const RESULTS_DESCRIPTION = 'Plumbline results, data provenance and settings (machine-readable)';

/**
 * Returns the finished PDF and its page count: an incremental update when the printed file allows
 * it (Chromium's does), else a full rewrite with pdf-lib. Both give the same metadata and attachment.
 */
export async function finishPdf(
  pdf: Uint8Array,
  meta: PdfMetadata,
  results: unknown,
  opts: { incremental?: boolean; contents?: readonly ContentsEntry[] } = {},
): Promise<{ bytes: Uint8Array; pages: number }> {
  const json = new TextEncoder().encode(JSON.stringify(results, null, 2));
  if (opts.incremental !== false) {
    const fast = appendMetadataAndAttachment(pdf, meta, RESULTS_FILE, json, RESULTS_DESCRIPTION, opts.contents);
    if (fast) return fast;
  }
  // pdf-lib yields to the event loop every few objects by default; a report is small, parse it in one go.
  const doc = await pdfLib().PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([...meta.keywords]);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  doc.setLanguage('en');
  await doc.attach(json, RESULTS_FILE, {
    mimeType: 'application/json',
    description: RESULTS_DESCRIPTION,
    creationDate: meta.createdAt,
    modificationDate: meta.createdAt,
  });
  const bytes = await doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
  return { bytes, pages: doc.getPageCount() };
}

function text(o: unknown): string | undefined {
  const { PDFString, PDFHexString } = pdfLib();
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
}

/** Every embedded file: name → bytes (from the catalog's /Names /EmbeddedFiles tree). */
export function embeddedFiles(doc: PDFDocument): Map<string, Uint8Array> {
  const { PDFArray, PDFDict, PDFName, PDFRawStream, decodePDFRawStream } = pdfLib();
  const out = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const visit = (node: PDFDictType | undefined, depth: number) => {
    if (!node || depth > 20) return;
    const arr = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (arr) {
      for (let i = 0; i + 1 < arr.size(); i += 2) {
        const name = text(arr.lookup(i));
        const spec = arr.lookup(i + 1);
        if (!name || !(spec instanceof PDFDict)) continue;
        const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
        const stream = ef?.lookup(PDFName.of('F'));
        if (stream instanceof PDFRawStream) out.set(name, decodePDFRawStream(stream).decode());
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) visit(kids.lookup(i) as PDFDictType, depth + 1);
  };
  visit(tree, 0);
  return out;
}

/** The attached results.json, parsed. Throws BAD_INPUT when the PDF carries none. */
export async function readEmbeddedResults(pdf: Uint8Array): Promise<unknown> {
  let doc: PDFDocument;
  try {
    doc = await pdfLib().PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  } catch (e) {
    throw new PlumblineError('BAD_INPUT', `Not a readable PDF: ${(e as Error).message}`);
  }
  const file = embeddedFiles(doc).get(RESULTS_FILE);
  if (!file) throw new PlumblineError('BAD_INPUT', `This PDF has no attached ${RESULTS_FILE}: it was not made by Plumbline, or the attachment was removed.`);
  try {
    return JSON.parse(new TextDecoder().decode(file)) as unknown;
  } catch {
    throw new PlumblineError('BAD_INPUT', `The attached ${RESULTS_FILE} is not valid JSON.`);
  }
}
