import type { MonitorEvaluation } from '../../../core/api/types';
import { formatDateTime } from '../format';
import { num } from '../../../core/format/numbers';
import { StatusBadge } from './StatusBadge';

/** One monitor's evaluations, newest first: when, what triggered it, the status, the value and why. */
export function MonitorHistory({ name, history }: { name: string; history: readonly MonitorEvaluation[] | null }) {
  return (
    <section className="panel" aria-labelledby="monitors-history-title">
      <h2 id="monitors-history-title" className="panel__title">
        History of “{name}”
      </h2>
      {history === null && <p className="muted">Loading…</p>}
      {history !== null && history.length === 0 && <p className="muted">Not evaluated yet: run the checks, or import data it reads.</p>}
      {history !== null && history.length > 0 && (
        <div className="table-wrap table-wrap--scroll">
          <table className="table table--dense" aria-label={`Evaluations of ${name}`}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  Baseline
                </th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {history.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="table__date" title={e.at}>
                    {formatDateTime(e.at)}
                  </td>
                  <td>{e.trigger}</td>
                  <td>
                    <StatusBadge status={e.status} />
                  </td>
                  <td className="num">{num(e.value)}</td>
                  <td className="num">{num(e.baseline)}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
