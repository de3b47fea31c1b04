import path from 'node:path';
import type { PlumblineClient } from '../../../core/transport/transport';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'import');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** Every row of a dataset as objects keyed by column name, values as the API gives them. */
export async function rowsOf(client: PlumblineClient, dataset: string): Promise<Record<string, unknown>[]> {
  const page = await client.previewRows({ dataset, offset: 0, limit: 10_000 });
  return page.rows.map((r) => Object.fromEntries(page.columns.map((c, i) => [c, r[i]])));
}

export async function typesOf(client: PlumblineClient, dataset: string): Promise<Record<string, string>> {
  const d = await client.getDataset({ dataset });
  return Object.fromEntries(d.columnInfo.map((c) => [c.name, c.type]));
}
