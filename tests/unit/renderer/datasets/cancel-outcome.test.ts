// After a cancelled import the page says what is true: nothing changed only when the dataset list
// is as it was; a dataset the engine saved before the cancel arrived is named as imported.
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../../core/api/types';
import { cancelledText, datasetsChangedBy } from '../../../../renderer/src/datasets/cancelOutcome';

const ds = (name: string, over: Partial<DatasetSummary> = {}): DatasetSummary => ({ id: 1, name, rows: 100, columns: 3, importedAt: '2026-12-06T10:00:00.000Z', ...over });

describe('datasetsChangedBy', () => {
  const before = [ds('a'), ds('b', { id: 2 })];
  it('nothing when the list is the same (order aside)', () => {
    expect(datasetsChangedBy(before, [ds('b', { id: 2 }), ds('a')])).toEqual([]);
  });
  it('a new dataset, an append (rows), a join (columns), a replacement (id or import time)', () => {
    expect(datasetsChangedBy(before, [...before, ds('c', { id: 3 })])).toEqual(['c']);
    expect(datasetsChangedBy(before, [ds('a', { rows: 150 }), ds('b', { id: 2 })])).toEqual(['a']);
    expect(datasetsChangedBy(before, [ds('a'), ds('b', { id: 2, columns: 4 })])).toEqual(['b']);
    expect(datasetsChangedBy(before, [ds('a', { id: 7 }), ds('b', { id: 2, importedAt: '2026-12-06T11:00:00.000Z' })])).toEqual(['a', 'b']);
  });
  it('a deleted dataset is no import', () => {
    expect(datasetsChangedBy(before, [ds('a')])).toEqual([]);
  });
});

describe('cancelledText', () => {
  it('"nothing was changed" only when nothing was', () => {
    expect(cancelledText({ imported: 0, landed: [] })).toBe('Import cancelled: nothing was changed.');
    expect(cancelledText({ imported: 0, landed: ['x'] })).not.toMatch(/nothing was changed/);
    expect(cancelledText({ imported: 0, landed: null })).not.toMatch(/nothing was changed/);
  });
  it('names what the cancel came too late to stop, and what happens to the column cache', () => {
    expect(cancelledText({ imported: 0, landed: ['big'] })).toBe(
      'Import cancelled too late to undo: “big” was already imported (the cancel came after the rows were saved). The column cache is finished in the background, or built by the first analysis.',
    );
    expect(cancelledText({ imported: 2, landed: ['c', 'd'] })).toMatch(/^Import cancelled after 2 file\(s\) too late to undo: “c”, “d” were already imported/);
  });
  it('earlier files of a batch, and an unknown outcome', () => {
    expect(cancelledText({ imported: 2, landed: [] })).toBe('Import cancelled after 2 file(s); the file in progress was not imported.');
    expect(cancelledText({ imported: 0, landed: null })).toMatch(/could not be checked: see the datasets list/);
  });
});
