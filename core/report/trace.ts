/**
 * Phase timestamps of a report export, for finding where its time goes: with PLUMBLINE_TRACE=1 in
 * the environment each mark writes one line to stderr — milliseconds since the process started,
 * then the phase. Off (the default), a mark costs one property read.
 */
const on = typeof process !== 'undefined' && process.env.PLUMBLINE_TRACE === '1';

export function traceMark(phase: string): void {
  if (on) process.stderr.write(`[trace] ${performance.now().toFixed(0).padStart(6)} ms ${phase}\n`);
}

if (on) process.once('exit', () => traceMark('process exit'));
