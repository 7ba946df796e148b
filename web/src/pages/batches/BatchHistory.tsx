import { Link } from 'react-router';
import { api } from '../../api.ts';
import { Empty, ErrorNotice } from '../../components/Notices.tsx';
import { BatchStatus } from '../../components/StatusBadge.tsx';
import { formatDateTime, formatDuration } from '../../format.ts';
import { useResource } from '../../useResource.ts';

export function BatchHistory() {
  const { data, error } = useResource('batches', api.batches.list);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Batch history</h2>
      <ErrorNotice error={error} title="The batches could not be loaded." />
      {data && data.length === 0 ? <Empty>No batches yet.</Empty> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="batch-history">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Interface</th>
                <th scope="col">Created</th>
                <th scope="col" className="num">
                  Processed
                </th>
                <th scope="col" className="num">
                  Failed
                </th>
                <th scope="col">Duration</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={`/accounting/batches/${b.id}`}>Batch {b.number}</Link>
                  </th>
                  <td>{b.interfaceName}</td>
                  <td>
                    {formatDateTime(b.createdAt)}
                    <span className="block muted">{b.createdBy}</span>
                  </td>
                  <td className="num">
                    {b.counts.uploaded + b.counts.failed} of {b.counts.total - b.counts.skipped}
                  </td>
                  <td className="num">{b.counts.failed || <span className="muted">0</span>}</td>
                  <td>{formatDuration(b.durationSeconds) || <span className="muted">—</span>}</td>
                  <td>
                    <BatchStatus status={b.status} failed={b.counts.failed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
