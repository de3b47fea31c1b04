/**
 * Messages that tell the user which setting to change. The engine does not know where its message
 * will be read: the CLI names a flag, a screen names the control the user can see. So such a message
 * is written once, as text with control references, and each surface renders the references in its
 * own words (the CLI with `cliPhrase` below, the renderer with its own table of on-screen names).
 */

/** A setting a message can point to, whatever surface shows it. */
export type Control = 'delimiter' | 'format' | 'name' | 'append' | 'skipBadRows' | 'workspace' | 'role' | 'type' | 'rename' | 'joinOn';

/** A reference to a control, with the value to choose when the advice is a specific one. */
export interface ControlRef {
  readonly control: Control;
  readonly value?: string;
}

/** A message piece: plain text, or a control that each surface names its own way. */
export type MessagePart = string | ControlRef;

/**
 * How the CLI says "use this control", preposition included, so a sentence reads the same
 * whichever surface completes it: "choose another ⟨with --delimiter⟩" / "⟨in the Delimiter list⟩".
 */
const CLI_PHRASES: Record<Control, (value?: string) => string> = {
  delimiter: () => 'with --delimiter',
  format: (v) => `with --format${v ? ` ${v}` : ''}`,
  name: () => 'with --name',
  append: () => 'with --append DATASET',
  skipBadRows: () => 'with --on-error skip',
  workspace: () => 'with --db',
  role: () => 'with --role',
  type: (v) => (v ? `with --type ${v}` : 'with --type'),
  rename: () => 'with --rename',
  joinOn: () => 'with --on',
};

export function cliPhrase(ref: ControlRef): string {
  return CLI_PHRASES[ref.control](ref.value);
}

/**
 * Builds message parts from a template: `guide\`choose another ${ctl('delimiter')}\`` keeps the
 * control references as data, so no surface has to parse a flag back out of a sentence.
 */
export function guide(strings: TemplateStringsArray, ...values: readonly (ControlRef | string | number)[]): MessagePart[] {
  const parts: MessagePart[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    if (i < values.length) {
      const v = values[i];
      parts.push(typeof v === 'object' ? v : String(v));
    }
  });
  return parts;
}

export function ctl(control: Control, value?: string): ControlRef {
  return value === undefined ? { control } : { control, value };
}

/** Joins the parts, each control named by `name` (the CLI's flags or a screen's labels). */
export function renderParts(parts: readonly MessagePart[], name: (ref: ControlRef) => string): string {
  return parts.map((p) => (typeof p === 'string' ? p : name(p))).join('');
}

const CONTROLS = new Set<string>(Object.keys(CLI_PHRASES));

/** The parts of a payload from another process, or undefined when they are not well formed. */
export function readParts(x: unknown): MessagePart[] | undefined {
  if (!Array.isArray(x)) return undefined;
  for (const p of x) {
    if (typeof p === 'string') continue;
    const ref = p as { control?: unknown; value?: unknown } | null;
    if (!ref || typeof ref.control !== 'string' || !CONTROLS.has(ref.control)) return undefined;
    if (ref.value !== undefined && typeof ref.value !== 'string') return undefined;
  }
  return x as MessagePart[];
}
