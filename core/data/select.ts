import type { TypedColumn } from './column';

/** The rows of a column where mask[i] is 1, in order; used to apply a segment filter. */
export function selectRows(col: TypedColumn, mask: Uint8Array): TypedColumn {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  if (col.kind === 'numeric') {
    const values = new Float64Array(n);
    for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) values[j++] = col.values[i];
    // A new row set: the cached order statistics no longer describe it.
    return { name: col.name, kind: 'numeric', type: col.type, values };
  }
  const codes = new Int32Array(n);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) codes[j++] = col.codes[i];
  return { ...col, codes };
}
