import { formatBytes } from '../format/bytes';

export { formatBytes };
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


/** One progress line on stderr, redrawn in place; only when stderr is a terminal. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): {
  update(done: number, total: number | null, rows?: number): void;
  end(): void;
} {
  const started = Date.now();
  let shown = false;
  return {
    update(done, total, rows) {
      if (!stream.isTTY) return;
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const pct = total ? `${((100 * done) / total).toFixed(1)}%` : '';
      const eta = total && rate > 0 ? `ETA ${Math.max(0, (total - done) / rate).toFixed(0)} s` : '';
      const rowsText = rows !== undefined ? `${rows.toLocaleString('en-US')} rows${secs > 0 ? ` (${Math.round(rows / secs).toLocaleString('en-US')}/s)` : ''}` : '';
      stream.write(`\r\x1b[K${[pct, `${formatBytes(done)}${total ? ` of ${formatBytes(total)}` : ''}`, rowsText, `${formatBytes(rate)}/s`, eta].filter(Boolean).join('  ')}`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
