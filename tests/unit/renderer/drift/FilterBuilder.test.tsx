import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatasetDetail } from '../../../../core/api/types';
import { AppContext, type AppServices } from '../../../../renderer/src/app/context';
import { FilterBuilder } from '../../../../renderer/src/drift/FilterBuilder';

const detail = (name: string, columnInfo: DatasetDetail['columnInfo']): DatasetDetail => ({ id: 1, name, rows: 10, columns: columnInfo.length, importedAt: '2026-11-20T08:00:00.000Z', imports: [], columnInfo });
const info = (index: number, name: string, type: DatasetDetail['columnInfo'][number]['type']) => ({ index, name, type, role: 'feature' as const, nullCount: 0, widenedCount: 0 });

function setup(initial = '') {
  const getDataset = vi.fn(async ({ dataset }: { dataset: string }) =>
    dataset === 'cur' ? detail('cur', [info(0, 'device', 'categorical'), info(1, 'age', 'integer')]) : detail('ref', [info(0, 'my `odd` col', 'text'), info(1, 'age', 'integer')]),
  );
  const services = { platform: { client: { getDataset } }, navigate: vi.fn() } as unknown as AppServices;
  function Host() {
    const [text, setText] = useState(initial);
    return (
      <>
        <input aria-label="Segment filter" value={text} onChange={(e) => setText(e.target.value)} />
        <FilterBuilder pair={{ reference: 'ref', current: 'cur' }} text={text} onChange={setText} />
      </>
    );
  }
  render(
    <AppContext.Provider value={services}>
      <Host />
    </AppContext.Provider>,
  );
  return { getDataset, box: screen.getByLabelText('Segment filter') as HTMLInputElement };
}

afterEach(cleanup);

describe('FilterBuilder', () => {
  it('lists the columns of both datasets with their types, and appends the quoted clause', async () => {
    const { getDataset, box } = setup();
    const toggle = screen.getByRole('button', { name: '+ Condition' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const row = screen.getByRole('group', { name: 'New condition' });
    const column = await within(row).findByLabelText('Column');
    await waitFor(() => expect(document.activeElement).toBe(column));
    expect(getDataset).toHaveBeenCalledTimes(2);
    expect([...(column as HTMLSelectElement).options].map((o) => o.text)).toEqual(['my `odd` col (text)', 'age (integer)', 'device (categorical)']);
    expect(within(row).queryByLabelText('Join')).toBeNull();
    fireEvent.change(column, { target: { value: 'my `odd` col' } });
    fireEvent.change(within(row).getByLabelText('Value'), { target: { value: "it's" } });
    fireEvent.click(within(row).getByRole('button', { name: 'Add' }));
    expect(box.value).toBe("`my ``odd`` col` = 'it''s'");
    expect(screen.queryByRole('group', { name: 'New condition' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('offers type-appropriate operators, joins with OR, and shows value errors', async () => {
    const { box } = setup('device = \'mobile\'');
    fireEvent.click(screen.getByRole('button', { name: '+ Condition' }));
    const row = screen.getByRole('group', { name: 'New condition' });
    const column = await within(row).findByLabelText('Column');
    fireEvent.change(column, { target: { value: 'age' } });
    const op = within(row).getByLabelText('Operator') as HTMLSelectElement;
    expect([...op.options].map((o) => o.value)).toEqual(['=', '!=', '<', '<=', '>', '>=', 'BETWEEN', 'IS NULL', 'IS NOT NULL']);
    fireEvent.change(op, { target: { value: 'BETWEEN' } });
    fireEvent.change(within(row).getByLabelText('Join'), { target: { value: 'OR' } });
    fireEvent.change(within(row).getByLabelText('From'), { target: { value: 'abc' } });
    fireEvent.change(within(row).getByLabelText('To'), { target: { value: '65' } });
    fireEvent.keyDown(within(row).getByLabelText('To'), { key: 'Enter' });
    expect(within(row).getByRole('alert').textContent).toMatch(/is a number/);
    expect(box.value).toBe("device = 'mobile'");
    fireEvent.change(within(row).getByLabelText('From'), { target: { value: '18' } });
    fireEvent.keyDown(within(row).getByLabelText('From'), { key: 'Enter' });
    expect(box.value).toBe("device = 'mobile' OR age BETWEEN 18 AND 65");
  });

  it('Escape closes the row without touching the text', async () => {
    const { box } = setup('age > 1');
    fireEvent.click(screen.getByRole('button', { name: '+ Condition' }));
    const row = screen.getByRole('group', { name: 'New condition' });
    const column = await within(row).findByLabelText('Column');
    fireEvent.keyDown(column, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'New condition' })).toBeNull();
    expect(box.value).toBe('age > 1');
  });
});
