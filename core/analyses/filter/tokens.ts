/**
 * Tokens of the segment filter language, e.g. `device = 'mobile' AND age >= 30`.
 * The language is parsed and evaluated over typed columns: it never becomes SQL.
 */
export type Token =
  | { readonly kind: 'ident'; readonly value: string; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'number'; readonly value: number; readonly pos: number }
  | { readonly kind: 'keyword'; readonly value: Keyword; readonly pos: number }
  | { readonly kind: 'op'; readonly value: Op; readonly pos: number }
  | { readonly kind: 'punct'; readonly value: '(' | ')' | ','; readonly pos: number }
  | { readonly kind: 'end'; readonly pos: number };

export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Keyword = 'AND' | 'OR' | 'NOT' | 'IN' | 'IS' | 'NULL' | 'TRUE' | 'FALSE' | 'BETWEEN';
const KEYWORDS = new Set<string>(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'BETWEEN']);

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === "'") {
      // SQL-style string: '' inside is a quote.
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError('unclosed string: add the closing quote (\')', pos);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ kind: 'string', value: s, pos });
    } else if (c === '`' || c === '"') {
      // Quoted column name, for names with spaces or symbols; a doubled quote escapes itself.
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError(`unclosed column name: add the closing ${c}`, pos);
        if (src[i] === c) {
          if (src[i + 1] === c) {
            s += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ kind: 'ident', value: s, pos });
    } else if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9.]/.test(src[i + 1] ?? ''))) {
      const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError('malformed number', pos);
      out.push({ kind: 'number', value: Number(m[0]), pos });
      i += m[0].length;
    } else if (/[A-Za-z_\u00C0-\uFFFF]/.test(c)) {
      const m = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*/.exec(src.slice(i))!;
      const upper = m[0].toUpperCase();
      if (KEYWORDS.has(upper)) out.push({ kind: 'keyword', value: upper as Keyword, pos });
      else out.push({ kind: 'ident', value: m[0], pos });
      i += m[0].length;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: 'punct', value: c, pos });
      i++;
    } else {
      const two = src.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
        out.push({ kind: 'op', value: two === '<>' ? '!=' : (two as Op), pos });
        i += 2;
      } else if (c === '=' || c === '<' || c === '>') {
        out.push({ kind: 'op', value: c, pos });
        i++;
      } else if (two === '==') {
        out.push({ kind: 'op', value: '=', pos });
        i += 2;
      } else {
        throw new FilterSyntaxError(`unexpected character ${JSON.stringify(c)}`, pos);
      }
    }
  }
  out.push({ kind: 'end', pos: src.length });
  return out;
}
