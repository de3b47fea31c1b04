import type { ColumnType } from '../data/column';
import type { ImportWarning } from '../api/types';
import type { ValueProfile } from './roles';

/**
 * Columns that look like personal data — people's names, e-mail addresses, phone numbers, free
 * text — are not features a model should drift on, and an audit report should not show their
 * values. The import gives them the role `ignore` (drift leaves `ignore` columns out by default)
 * and says so once; the user can give them another role.
 */
const NAME_RULES: readonly RegExp[] = [
  /^(name|first|last|surname|forename|username|fullname|firstname|lastname|middlename|givenname)$/i,
  /(^|[_\s.-])(first|last|full|given|middle|sur|user|customer|client|patient|person|contact|maiden)[_\s.-]?name$/i,
  /(^|[_\s.-])(e[_-]?mail|email[_\s.-]?address|phone|phone[_\s.-]?number|telephone|mobile|ssn|passport|street|home[_\s.-]?address|ip[_\s.-]?address)$/i,
  /^(e[_-]?mail|phone|tel|mobile|address|ssn)([_\s.-]|$)/i,
];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// A phone number has 7–15 digits and the separators people write in them; a bare number is not one.
const PHONE = /^\+?[\d\s().-]{7,20}$/;
const MOSTLY = 0.8;

export type PersonalKind = 'name' | 'email' | 'phone' | 'free text';

/** Why a column looks like personal data, or undefined. `sample`: some of its non-missing text values. */
export function personalKind(name: string, type: ColumnType, sample: readonly string[], profile: ValueProfile = {}): PersonalKind | undefined {
  if (type === 'boolean' || type === 'timestamp' || type === 'real') return undefined;
  if (NAME_RULES.some((r) => r.test(name))) return /mail/i.test(name) ? 'email' : /phone|tel|mobile/i.test(name) ? 'phone' : 'name';
  if (type === 'integer' || sample.length === 0) return undefined;
  const share = (test: (s: string) => boolean) => sample.filter(test).length / sample.length;
  if (share((s) => EMAIL.test(s)) >= MOSTLY) return 'email';
  if (share((s) => PHONE.test(s) && /[\s().+-]/.test(s) && countDigits(s) >= 7 && countDigits(s) <= 15) >= MOSTLY) return 'phone';
  // Free text: words with spaces, nearly every value different (not a small set of categories).
  const manyDistinct = type === 'text' && (profile.distinct === undefined || profile.nonNull === undefined || profile.distinct >= 0.5 * profile.nonNull);
  if (manyDistinct && share((s) => /\S\s+\S/.test(s)) >= MOSTLY) return 'free text';
  return undefined;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

/** The one warning an import gives for the columns it set to `ignore` as personal data. */
export function personalDataWarning(columns: readonly { name: string; kind: PersonalKind }[]): ImportWarning[] {
  if (columns.length === 0) return [];
  const list = columns.map((c) => `${JSON.stringify(c.name)} (${c.kind})`).join(', ');
  return [
    {
      code: 'personal-data',
      message: `${columns.length === 1 ? 'A column looks' : `${columns.length} columns look`} like personal data and got the role "ignore", so drift leaves ${columns.length === 1 ? 'it' : 'them'} out: ${list}.`,
      columns: columns.map((c) => c.name),
    },
  ];
}
