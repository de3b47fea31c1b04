/**
 * Keyboard movement through the drift table (a listbox-like grid of rows): the pure part, so it
 * can be tested without a DOM. Returns the new index, or null when the key is not ours.
 */
export type NavKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';

const PAGE = 10;

export function navigate(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  const cur = Number.isInteger(index) && index >= 0 && index < count ? index : -1;
  switch (key) {
    case 'ArrowDown':
      return cur < 0 ? 0 : Math.min(count - 1, cur + 1);
    case 'ArrowUp':
      return cur < 0 ? 0 : Math.max(0, cur - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return cur < 0 ? 0 : Math.min(count - 1, cur + PAGE);
    case 'PageUp':
      return cur < 0 ? 0 : Math.max(0, cur - PAGE);
    default:
      return null;
  }
}

export interface SelectionState {
  /** The selected column's name (stable across reruns that reorder the table); null = none chosen yet. */
  readonly selected: string | null;
}

export type SelectionAction =
  | { readonly type: 'key'; readonly key: string; readonly order: readonly string[] }
  | { readonly type: 'select'; readonly column: string };

/**
 * The column shown as selected: the chosen one while it is in the table, else the first row
 * (the most drifted) — so a new result that drops the chosen column falls back without an effect.
 */
export function effectiveSelection(state: SelectionState, order: readonly string[]): string | null {
  if (state.selected !== null && order.includes(state.selected)) return state.selected;
  return order[0] ?? null;
}

export function selectionReducer(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'select':
      return state.selected === action.column ? state : { selected: action.column };
    case 'key': {
      const shown = effectiveSelection(state, action.order);
      const next = navigate(action.key, shown === null ? -1 : action.order.indexOf(shown), action.order.length);
      if (next === null) return state;
      const name = action.order[next];
      return name === state.selected ? state : { selected: name };
    }
  }
}
