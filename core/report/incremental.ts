/**
 * Metadata and the results.json attachment written as a PDF incremental update: the printed bytes
 * are kept as they are and new objects (Info, Catalog, embedded file) are appended with their own
 * xref section — ISO 32000-1 §7.5.6. Much faster than re-parsing and re-writing the whole file.
 * Only for files with a classic xref table and a plain catalog (what Chromium's printer writes);
 * anything else returns null and the caller falls back to pdf-lib.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { PdfMetadata } from './metadata';

const latin1 = (b: Uint8Array, start = 0, end = b.length) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', start, end);

/** A PDF text string as UTF-16BE hex with a byte-order mark: any character, no escaping pitfalls. */
export function pdfText(s: string): string {
  const bytes = Buffer.from(`\ufeff${s}`, 'utf16le').swap16();
  return `<${bytes.toString('hex').toUpperCase()}>`;
}

export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

interface Trailer {
  readonly size: number;
  readonly root: number;
  readonly info: number | null;
  readonly id: string | null;
  readonly startxref: number;
}

function readTrailer(text: string): Trailer | null {
  const sx = text.lastIndexOf('startxref');
  const tr = text.lastIndexOf('trailer');
  if (sx < 0 || tr < 0 || tr > sx) return null;
  const startxref = Number(/startxref\s+(\d+)/.exec(text.slice(sx))?.[1]);
  const dict = text.slice(tr, sx);
  const size = Number(/\/Size\s+(\d+)/.exec(dict)?.[1]);
  const root = Number(/\/Root\s+(\d+)\s+0\s+R/.exec(dict)?.[1]);
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(dict);
  const id = /\/ID\s*(\[[^\]]*\])/.exec(dict);
  if (!Number.isInteger(size) || !Number.isInteger(root) || !Number.isInteger(startxref)) return null;
  if (!text.startsWith('xref', startxref)) return null; // an xref stream: leave it to pdf-lib
  return { size, root, info: info ? Number(info[1]) : null, id: id ? id[1] : null, startxref };
}

/** The text between `N 0 obj` and `endobj` (the last definition wins, as in an updated file). */
function objectBody(text: string, num: number): string | null {
  const re = new RegExp(`(?:^|[\\r\\n])${num} 0 obj`, 'g');
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = re.exec(text)) !== null) last = m;
  if (!last) return null;
  const start = last.index + last[0].length;
  const end = text.indexOf('endobj', start);
  return end < 0 ? null : text.slice(start, end).trim();
}

/** Page object numbers in document order, walking the page tree from the catalog's /Pages. */
export function pageOrder(text: string, catalog: string): number[] | null {
  const root = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  if (!root) return null;
  const out: number[] = [];
  const walk = (num: number, depth: number): boolean => {
    const body = depth > 30 ? null : objectBody(text, num);
    if (!body) return false;
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
      if (!kids) return false;
      for (const k of kids[1].matchAll(/(\d+)\s+0\s+R/g)) if (!walk(Number(k[1]), depth + 1)) return false;
      return true;
    }
    out.push(num);
    return true;
  };
  return walk(Number(root[1]), 0) ? out : null;
}

/** Named destinations of the catalog's /Dests dictionary: name → page object number. */
export function namedDestinations(text: string, catalog: string): Map<string, number> {
  const out = new Map<string, number>();
  const ref = /\/Dests\s+(\d+)\s+0\s+R/.exec(catalog);
  const body = ref ? objectBody(text, Number(ref[1])) : null;
  if (!body) return out;
  for (const m of body.matchAll(/\/([A-Za-z0-9_.#-]+)\s*\[\s*(\d+)\s+0\s+R/g)) out.set(m[1], Number(m[2]));
  return out;
}

/** The body of `N 0 obj << … >> endobj` when it is a plain dictionary (no stream). */
function objectDict(text: string, num: number): string | null {
  const re = new RegExp(`(?:^|[\\r\\n])${num} 0 obj\\s*<<`, 'g');
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = re.exec(text)) !== null) last = m;
  if (!last) return null;
  const start = last.index + last[0].length;
  const end = text.indexOf('endobj', start);
  if (end < 0) return null;
  const body = text.slice(start, end).trimEnd();
  if (!body.endsWith('>>') || /\bstream\b/.test(body)) return null;
  return body.slice(0, -2);
}

export function countPages(text: string): number {
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export interface ContentsEntry {
  /** The chapter's element id: Chromium writes it as a named destination. */
  readonly id: string;
  readonly title: string;
}

/** Helvetica's width of a digit, in thousandths of the font size. */
const DIGIT_WIDTH = 0.556;

/**
 * Page numbers for the table of contents and a bookmark outline, from what Chromium wrote: the
 * named destinations of the chapters and the link annotations of the contents page. Returns the
 * objects to add and the contents page rewritten, or null (the PDF is then left without them).
 */
function contentsAdditions(text: string, catalog: string, contents: readonly ContentsEntry[], alloc: () => number, withOutline: boolean) {
  const order = pageOrder(text, catalog);
  const dests = namedDestinations(text, catalog);
  if (!order || dests.size === 0) return null;
  const pageIndex = new Map(order.map((n, i) => [n, i + 1] as const));
  const entries = contents
    .map((c) => ({ ...c, page: pageIndex.get(dests.get(c.id) ?? -1) }))
    .filter((e): e is ContentsEntry & { page: number } => e.page !== undefined);
  if (entries.length === 0) return null;
  const objects: { num: number; body: string; stream?: Buffer }[] = [];

  // Bookmarks: one per chapter, pointing at its named destination (unless the printer made an outline).
  let outlines: number | null = null;
  if (withOutline) {
    const top = alloc();
    const items = entries.map(() => alloc());
    entries.forEach((e, i) => {
      const links = [i > 0 ? `/Prev ${items[i - 1]} 0 R` : '', i < items.length - 1 ? `/Next ${items[i + 1]} 0 R` : ''].filter(Boolean).join(' ');
      objects.push({ num: items[i], body: `<</Title ${pdfText(e.title)} /Parent ${top} 0 R ${links} /Dest /${e.id}>>` });
    });
    objects.push({ num: top, body: `<</Type /Outlines /First ${items[0]} 0 R /Last ${items[items.length - 1]} 0 R /Count ${items.length}>>` });
    outlines = top;
  }

  // Page numbers on the contents page, right-aligned on the line of each link.
  let page: { num: number; body: string } | null = null;
  // The contents page is the first page whose links point at chapters (only the contents page does that).
  const chapterIds = new Set(entries.map((e) => e.id));
  const linkDests = (body: string | null): { dest: string; rect: number[] }[] => {
    const refs = body ? /\/Annots\s*\[([^\]]*)\]/.exec(body) : null;
    if (!refs) return [];
    const out: { dest: string; rect: number[] }[] = [];
    for (const a of refs[1].matchAll(/(\d+)\s+0\s+R/g)) {
      const ab = objectBody(text, Number(a[1]));
      const dest = ab ? /\/Dest\s*\/([A-Za-z0-9_.#-]+)/.exec(ab)?.[1] : undefined;
      const rect = ab ? /\/Rect\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(ab) : null;
      if (dest && rect) out.push({ dest, rect: rect.slice(1, 5).map(Number) });
    }
    return out;
  };
  let tocNum: number | undefined;
  let tocBody: string | null = null;
  let tocLinks: { dest: string; rect: number[] }[] = [];
  for (const num of order.slice(0, 6)) {
    const body = objectBody(text, num);
    const links = linkDests(body);
    if (links.some((l) => chapterIds.has(l.dest))) {
      tocNum = num;
      tocBody = body;
      tocLinks = links;
      break;
    }
  }
  const media = tocBody ? /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(tocBody) : null;
  const contentsRef = tocBody ? /\/Contents\s+(\d+\s+0\s+R|\[[^\]]*\])/.exec(tocBody) : null;
  if (tocNum !== undefined && tocBody && media && contentsRef && /\/Font\s*<</.test(tocBody)) {
    const right = Number(media[3]) - 45.35; // the 16 mm right margin
    const pageOf = new Map(entries.map((e) => [e.id, e.page] as const));
    const lines: string[] = [];
    for (const { dest, rect } of tocLinks) {
      const n = pageOf.get(dest);
      if (n === undefined) continue;
      const y1 = Math.min(rect[1], rect[3]);
      const y2 = Math.max(rect[1], rect[3]);
      const size = 10;
      const label = String(n);
      const x = right - label.length * DIGIT_WIDTH * size;
      const y = y1 + (y2 - y1 - size * 0.72) / 2;
      lines.push(`BT /PlbToc ${size} Tf 0.37 0.39 0.41 rg ${x.toFixed(2)} ${y.toFixed(2)} Td (${label}) Tj ET`);
    }
    if (lines.length > 0) {
      const font = alloc();
      const open = alloc();
      const close = alloc();
      const draw = alloc();
      objects.push({ num: font, body: '<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>' });
      const stream = (num: number, content: string) => {
        const buf = Buffer.from(content, 'latin1');
        objects.push({ num, body: `<</Length ${buf.length}>>`, stream: buf });
      };
      stream(open, 'q\n');
      stream(close, '\nQ\n');
      // Marked as an artifact, so a tagged PDF's structure stays valid (the link text carries the meaning).
      stream(draw, `/Artifact BMC\n${lines.join('\n')}\nEMC`);
      const old = contentsRef[1].startsWith('[') ? contentsRef[1].slice(1, -1).trim() : contentsRef[1];
      const body = tocBody
        .replace(contentsRef[0], `/Contents [${open} 0 R ${old} ${close} 0 R ${draw} 0 R]`)
        .replace(/\/Font\s*<</, `/Font <</PlbToc ${font} 0 R\n`);
      page = { num: tocNum, body };
    }
  }
  return { objects, outlines, page };
}

/** Returns the updated PDF and its page count, or null when this file needs the general path. */
export function appendMetadataAndAttachment(
  pdf: Uint8Array,
  meta: PdfMetadata,
  name: string,
  content: Uint8Array,
  description: string,
  contents: readonly ContentsEntry[] = [],
): { bytes: Uint8Array; pages: number } | null {
  const text = latin1(pdf);
  const t = readTrailer(text);
  if (!t) return null;
  const catalog = objectDict(text, t.root);
  // A tagged print (Electron's) brings its own /Lang and /Outlines: kept as they are.
  if (catalog === null || /\/(Names|AF)\b/.test(catalog)) return null;
  const hasLang = /\/Lang\b/.test(catalog);
  const hasOutlines = /\/Outlines\b/.test(catalog);
  const pages = countPages(text);
  if (pages === 0) return null;

  let next = t.size;
  const alloc = () => next++;
  const compressed = zlib.deflateSync(content);
  const md5 = crypto.createHash('md5').update(content).digest('hex').toUpperCase();
  const date = pdfDate(meta.createdAt);
  const fileNum = alloc();
  const specNum = alloc();
  const namesNum = alloc();
  const infoNum = t.info ?? alloc();
  const toc = contents.length > 0 ? contentsAdditions(text, catalog, contents, alloc, !hasOutlines) : null;
  const size = next;

  const info = [
    `/Title ${pdfText(meta.title)}`,
    meta.author ? `/Author ${pdfText(meta.author)}` : '',
    `/Subject ${pdfText(meta.subject)}`,
    `/Keywords ${pdfText(meta.keywords.join(' '))}`,
    `/Creator ${pdfText(meta.creator)}`,
    `/Producer ${pdfText(meta.producer)}`,
    `/CreationDate ${date}`,
    `/ModDate ${date}`,
  ].filter(Boolean);

  const chunks: Buffer[] = [Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)];
  let offset = pdf.byteLength;
  // A file that does not end in a newline gets one, so the update starts on its own line.
  if (pdf[pdf.byteLength - 1] !== 0x0a) {
    chunks.push(Buffer.from('\n'));
    offset += 1;
  }
  const offsets = new Map<number, number>();
  const add = (num: number, body: string, stream?: Buffer) => {
    offsets.set(num, offset);
    const head = Buffer.from(`${num} 0 obj\n${body}\n`, 'latin1');
    const parts = stream ? [head, Buffer.from('stream\n'), stream, Buffer.from('\nendstream\nendobj\n')] : [head, Buffer.from('endobj\n')];
    for (const p of parts) {
      chunks.push(p);
      offset += p.length;
    }
  };
  add(
    fileNum,
    `<</Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode /Length ${compressed.length} /Params <</Size ${content.byteLength} /CreationDate ${date} /ModDate ${date} /CheckSum <${md5}>>>>>`,
    compressed,
  );
  add(specNum, `<</Type /Filespec /F ${pdfText(name)} /UF ${pdfText(name)} /Desc ${pdfText(description)} /AFRelationship /Data /EF <</F ${fileNum} 0 R /UF ${fileNum} 0 R>>>>`);
  add(namesNum, `<</Names [${pdfText(name)} ${specNum} 0 R]>>`);
  add(infoNum, `<<${info.join('\n')}>>`);
  for (const o of toc?.objects ?? []) add(o.num, o.body, o.stream);
  if (toc?.page) add(toc.page.num, toc.page.body);
  add(t.root, `<<${catalog}\n/Names <</EmbeddedFiles ${namesNum} 0 R>>\n/AF [${specNum} 0 R]${hasLang ? '' : '\n/Lang (en)'}${toc?.outlines ? `\n/Outlines ${toc.outlines} 0 R` : ''}>>`);

  const xrefAt = offset;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const n of nums) xref += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<</Size ${size}\n/Root ${t.root} 0 R\n/Info ${infoNum} 0 R${t.id ? `\n/ID ${t.id}` : ''}\n/Prev ${t.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  const out = Buffer.concat(chunks);
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), pages };
}
