/**
 * Which dataset a monitor's "latest chunk" applies to — a rule of the API shared by the CLI's
 * `--latest` and the Monitors screen's Latest chunk field (which may import only core/api).
 */
export { WINDOW_PERIODS, type RowWindow, type WindowPeriod } from '../data/row-window';

/**
 * The slot a "latest chunk" applies to: the analysis's one dataset that is not the reference
 * (`current`, `dataset`). Null when it reads two or more (A/B's `a` and `b`): which one's latest
 * chunk is meant must then be written per slot. The CLI's `--latest` and the Monitors form agree.
 */
export function latestChunkSlot(slots: readonly { readonly slot: string }[]): string | null {
  const open = slots.map((d) => d.slot).filter((s) => s !== 'reference');
  return open.length === 1 ? open[0] : null;
}
