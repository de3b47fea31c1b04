import type { ColumnQuality } from '../../../core/analyses/drift/types';
import { formatCount } from '../format';
import { formatShare, formatValue } from './driftFormat';

const SHOWN_CATEGORIES = 8;

/** Data quality beside drift for one column: reference vs current. */
export function QualityTable({ quality }: { quality: ColumnQuality | undefined }) {
  if (!quality) return <p className="muted">No quality figures for this column.</p>;
  const q = quality;
  const rows: [string, string, string][] = [
    ['Rows', formatCount(q.rows_reference), formatCount(q.rows_current)],
    ['Missing', formatShare(q.missing_share_reference), formatShare(q.missing_share_current)],
  ];
  if (q.kind === 'numerical') {
    rows.push(['Range (reference)', q.reference_min === null ? '—' : `${formatValue(q.reference_min)} … ${formatValue(q.reference_max)}`, '']);
    rows.push(['Outside reference range', '', formatShare(q.out_of_range_share_current)]);
  }
  rows.push(['Type violations', formatCount(q.type_violations_reference), formatCount(q.type_violations_current)]);
  rows.push(['Constant', q.constant_reference ? 'yes' : 'no', q.constant_current ? 'yes' : 'no']);
  return (
    <div className="drift-quality">
      <table className="table table--dense" aria-label={`Data quality of ${q.column}`}>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col" className="num">
              Reference
            </th>
            <th scope="col" className="num">
              Current
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, a, b]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{a}</td>
              <td className="num">{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.kind === 'categorical' && (
        <div className="drift-quality__new">
          <span className="drift-quality__label">New categories in current:</span>{' '}
          {q.new_categories.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="drift-chips">
              {q.new_categories.slice(0, SHOWN_CATEGORIES).map((c) => (
                <li key={c.value} className="drift-chip" title={c.value}>
                  <span className="drift-chip__value">{c.value}</span> <span className="muted num">{formatCount(c.count)}</span>
                </li>
              ))}
              {q.new_categories.length > SHOWN_CATEGORIES && <li className="muted">and {q.new_categories.length - SHOWN_CATEGORIES} more</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
