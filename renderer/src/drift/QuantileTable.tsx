import type { DriftColumnResult } from '../../../core/analyses/drift/types';
import { formatValue } from './driftFormat';

const NAMES: Readonly<Record<string, string>> = { '0': 'min', '0.5': 'median', '1': 'max' };

export function QuantileTable({ column }: { column: DriftColumnResult }) {
  const r = column.distribution?.reference_quantiles ?? null;
  const c = column.distribution?.current_quantiles ?? null;
  if (!r && !c) return null;
  const q = (r ?? c)!.q;
  return (
    <table className="table table--dense drift-quantiles" aria-label={`Quantiles of ${column.column}`}>
      <thead>
        <tr>
          <th scope="col">Quantile</th>
          <th scope="col" className="num">
            Reference
          </th>
          <th scope="col" className="num">
            Current
          </th>
          <th scope="col" className="num">
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {q.map((p, i) => {
          const a = r?.values[i] ?? null;
          const b = c?.values[i] ?? null;
          return (
            <tr key={p}>
              <th scope="row">{NAMES[String(p)] ?? `${Math.round(p * 100)}%`}</th>
              <td className="num">{formatValue(a)}</td>
              <td className="num">{formatValue(b)}</td>
              <td className="num">{a !== null && b !== null ? signed(b - a) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function signed(v: number): string {
  const s = formatValue(v);
  return v > 0 ? `+${s}` : s;
}
