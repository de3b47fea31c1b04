/**
 * The import dialog's suggested name stays free of the dataset list as that list arrives or
 * changes after the file was inspected (the list is fetched on its own), until the user types a
 * name; the target of "add rows to" follows the list the same way.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatasetSummary } from '../../../../core/api/types';
import { ImportDialog } from '../../../../renderer/src/datasets/ImportDialog';
import type { PreparedFile } from '../../../../renderer/src/datasets/useImporter';

afterEach(cleanup);

const prepared: PreparedFile = {
  label: 'preds.csv',
  path: '/srv/u/preds.csv',
  suggestedName: 'preds',
  inspection: {
    format: 'csv', delimiter: ',', encoding: 'utf-8', encodingReason: 'the file is valid UTF-8', warnings: [], header: ['id'], sampleRows: [['1']],
    columns: [{ name: 'id', type: 'integer', role: 'id' }],
  },
};

const dataset = (id: number, name: string) => ({ id, name, rows: 1, columns: 1, importedAt: '2026-12-06T00:00:00.000Z' }) as DatasetSummary;

function dialog(datasets: DatasetSummary[], onImport = vi.fn()) {
  return <ImportDialog prepared={prepared} datasets={datasets} reinspect={async (p) => p} onImport={onImport} onClose={() => {}} />;
}

describe('ImportDialog name', () => {
  it('follows the dataset list until the user types, so it never suggests a taken name', () => {
    const { rerender } = render(dialog([]));
    const input = screen.getByRole('textbox', { name: 'Dataset name' }) as HTMLInputElement;
    expect(input.value).toBe('preds');
    rerender(dialog([dataset(1, 'preds')]));
    expect(input.value).toBe('preds (2)');
    expect(screen.queryByText(/A dataset with this name exists/)).toBeNull();
    rerender(dialog([dataset(1, 'preds'), dataset(2, 'preds (2)')]));
    expect(input.value).toBe('preds (3)');
    fireEvent.change(input, { target: { value: 'preds' } });
    rerender(dialog([dataset(1, 'preds'), dataset(2, 'preds (2)'), dataset(3, 'other')]));
    // Typed: the user's name stays, and is flagged as taken.
    expect(input.value).toBe('preds');
    expect(screen.getByText(/A dataset with this name exists/)).toBeTruthy();
  });

  it('sends the name shown, and the first dataset as the target once the list arrives', () => {
    const onImport = vi.fn();
    const { rerender } = render(dialog([], onImport));
    rerender(dialog([dataset(1, 'preds')], onImport));
    fireEvent.click(screen.getByRole('radio', { name: /Add/ }));
    expect((screen.getByRole('combobox', { name: 'Dataset to add rows to' }) as HTMLSelectElement).value).toBe('preds');
    fireEvent.click(screen.getByRole('radio', { name: /New dataset/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(onImport).toHaveBeenCalledTimes(1);
    expect(onImport.mock.calls[0][1]).toMatchObject({ name: 'preds (2)' });
  });
});
