import { formatBytes } from '../format/bytes';

export { formatBytes };
export { table } from '../format/table';
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
