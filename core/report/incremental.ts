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

/** Returns the updated PDF and its page count, or null when this file needs the general path. */
export function appendMetadataAndAttachment(pdf: Uint8Array, meta: PdfMetadata, name: string, content: Uint8Array, description: string): { bytes: Uint8Array; pages: number } | null {
  const text = latin1(pdf);
  const t = readTrailer(text);
  if (!t) return null;
  const catalog = objectDict(text, t.root);
  if (catalog === null || /\/(Names|AF|Lang)\b/.test(catalog)) return null;
  const pages = countPages(text);
  if (pages === 0) return null;

  const compressed = zlib.deflateSync(content);
  const md5 = crypto.createHash('md5').update(content).digest('hex').toUpperCase();
  const date = pdfDate(meta.createdAt);
  const fileNum = t.size;
  const specNum = t.size + 1;
  const namesNum = t.size + 2;
  const infoNum = t.info ?? t.size + 3;
  const size = t.info === null ? t.size + 4 : t.size + 3;

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
  const add = (num: number, body: Buffer | string, stream?: Buffer) => {
    offsets.set(num, offset);
    const head = Buffer.from(`${num} 0 obj\n${typeof body === 'string' ? body : body.toString('latin1')}\n`, 'latin1');
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
  add(t.root, `<<${catalog}\n/Names <</EmbeddedFiles ${namesNum} 0 R>>\n/AF [${specNum} 0 R]\n/Lang (en)>>`);

  const xrefAt = offset;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const n of nums) xref += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<</Size ${size}\n/Root ${t.root} 0 R\n/Info ${infoNum} 0 R${t.id ? `\n/ID ${t.id}` : ''}\n/Prev ${t.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  const out = Buffer.concat(chunks);
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), pages };
}
