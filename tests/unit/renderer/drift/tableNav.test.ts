import { describe, expect, it } from 'vitest';
import { effectiveSelection, navigate, selectionReducer } from '../../../../renderer/src/drift/tableNav';

describe('navigate', () => {
  it('moves one row with the arrows and stops at the ends', () => {
    expect(navigate('ArrowDown', 0, 3)).toBe(1);
    expect(navigate('ArrowDown', 2, 3)).toBe(2);
    expect(navigate('ArrowUp', 1, 3)).toBe(0);
    expect(navigate('ArrowUp', 0, 3)).toBe(0);
  });
  it('jumps with Home, End and the page keys', () => {
    expect(navigate('Home', 5, 20)).toBe(0);
    expect(navigate('End', 5, 20)).toBe(19);
    expect(navigate('PageDown', 5, 20)).toBe(15);
    expect(navigate('PageDown', 15, 20)).toBe(19);
    expect(navigate('PageUp', 5, 20)).toBe(0);
  });
  it('starts at the first row without a selection, ignores other keys and empty tables', () => {
    expect(navigate('ArrowDown', -1, 3)).toBe(0);
    expect(navigate('ArrowUp', 99, 3)).toBe(0);
    expect(navigate('a', 1, 3)).toBeNull();
    expect(navigate('Enter', 1, 3)).toBeNull();
    expect(navigate('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('selectionReducer', () => {
  const order = ['income', 'score', 'age'];
  it('follows the column by name, not by index', () => {
    let s = selectionReducer({ selected: null }, { type: 'select', column: 'score' });
    expect(s.selected).toBe('score');
    s = selectionReducer(s, { type: 'key', key: 'ArrowDown', order });
    expect(s.selected).toBe('age');
    // A rerun reorders the table: the selection stays on 'age' and moves from its new place.
    s = selectionReducer(s, { type: 'key', key: 'ArrowUp', order: ['age', 'income', 'score'] });
    expect(s.selected).toBe('age');
  });
  it('treats the first row as selected until one is chosen', () => {
    expect(effectiveSelection({ selected: null }, order)).toBe('income');
    expect(selectionReducer({ selected: null }, { type: 'key', key: 'ArrowDown', order }).selected).toBe('score');
  });
  it('falls back to the first row when the chosen column left the table', () => {
    expect(effectiveSelection({ selected: 'gone' }, order)).toBe('income');
    expect(effectiveSelection({ selected: 'gone' }, [])).toBeNull();
  });
  it('returns the same state object when nothing changes (no re-render)', () => {
    const s = { selected: 'income' };
    expect(selectionReducer(s, { type: 'key', key: 'ArrowUp', order })).toBe(s);
    expect(selectionReducer(s, { type: 'key', key: 'x', order })).toBe(s);
    expect(selectionReducer(s, { type: 'select', column: 'income' })).toBe(s);
  });
});
