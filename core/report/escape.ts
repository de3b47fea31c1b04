/**
 * HTML escaping for reports. Every value that comes from data (column names, categories, file
 * paths, user-typed titles) goes through `h`, the one template tag that builds markup: interpolated
 * values are escaped unless they are already `SafeHtml` built by `h` itself. A category named
 * `<img src=x onerror=alert(1)>` therefore prints as text, never as an element.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text or attribute value → markup that shows exactly that text. Control characters become U+FFFD. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => ESCAPES[c] ?? '\ufffd');
}

/** Markup we wrote ourselves (never data). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function part(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(part).join('');
  return escapeHtml(String(v));
}

/** The template tag: `h\`<td>${name}</td>\`` escapes `name`; arrays are joined; null/false print nothing. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

export function join(parts: readonly SafeHtml[], sep = ''): SafeHtml {
  return new SafeHtml(parts.map((p) => p.value).join(sep));
}

/** An id/anchor made only of [a-z0-9-], derived from any string (data included). */
export function slug(s: string): string {
  const base = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  let hash = 0;
  for (let i = 0; i < s.length; i++) hash = (Math.imul(hash, 31) + s.charCodeAt(i)) | 0;
  return `${base || 'x'}-${(hash >>> 0).toString(36)}`;
}
