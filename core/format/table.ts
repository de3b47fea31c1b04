/** Plain-text rendering for the terminal; --json output bypasses all of this. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const text = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, i) => Math.min(40, Math.max(h.length, ...text.map((r) => r[i]?.length ?? 0))));
  const line = (cells: readonly string[]) => cells.map((c, i) => clip(c, widths[i]).padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  // Control characters from data must not drive the terminal.
  return String(v).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '⏎' : '�'));
}

function clip(s: string, w: number): string {
  return s.length <= w ? s : `${s.slice(0, w - 1)}…`;
}
