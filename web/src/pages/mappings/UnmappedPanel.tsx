import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/Notices.tsx';
import { useResource } from '../../useResource.ts';

/** Combinations on committed invoices that no rule gives an account or a tax rate yet. */
export function UnmappedPanel({ interfaceId, version }: { interfaceId: string; version: number }) {
  const { data, error } = useResource(`unmapped:${interfaceId}:${version}`, () =>
    api.interfaces.unmapped(interfaceId),
  );
  return (
    <section className="panel" aria-labelledby="unmapped-heading">
      <h2 id="unmapped-heading">Unmapped on committed invoices</h2>
      <ErrorNotice error={error} />
      {data && data.length === 0 ? (
        <p className="good-text">Every line on committed invoices gets an account and a tax rate.</p>
      ) : null}
      {data && data.length > 0 ? (
        <>
          <p className="muted">
            These lines would be blocked in a batch: give them a rule below (a Default rule covers them all).
          </p>
          <table className="table table-compact" data-testid="unmapped-table">
            <thead>
              <tr>
                <th scope="col">Office</th>
                <th scope="col">Category</th>
                <th scope="col">Tax class</th>
                <th scope="col" className="num">
                  Lines
                </th>
                <th scope="col">Missing</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={`${c.officeName}|${c.category}|${c.taxClass}`}>
                  <td>{c.officeName}</td>
                  <td>{c.category}</td>
                  <td>{c.taxClass}</td>
                  <td className="num">{c.lines}</td>
                  <td className="problem-text">
                    {c.missing.map((m) => (m === 'account' ? 'Account' : 'Tax rate')).join(' and ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
