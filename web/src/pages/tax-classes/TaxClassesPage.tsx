// The practice's tax classes: what it charges, e.g. GST 10% in Australia and GST 15% for an NZ office.
// Each is mapped to a ledger tax rate with the same percentage (Mappings), so totals agree to the cent.
import { useState } from 'react';
import { api } from '../../api.ts';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatPercent } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';
import { TaxClassForm } from './TaxClassForm.tsx';

export function TaxClassesPage() {
  const { data, error, loading, reload } = useResource('tax-classes', () => api.taxClasses.list());
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const current = data?.find((c) => c.id === editing);
  // Tax classes are settings: administrators add and change them, others read.
  const admin = useSession().can('administrator');

  return (
    <>
      <PageHeader
        title="Tax classes"
        description="The taxes your invoices charge. Map each to a tax rate with the same percentage in each accounts file."
      />
      {admin ? (
        <TaxClassForm
          onSaved={(c) => {
            setNotice(`Tax class ${c.name} was added. Map it to a tax rate in Mappings.`);
            reload();
          }}
        />
      ) : null}
      {admin && current ? (
        <TaxClassForm
          key={current.id}
          current={current}
          onSaved={(c) => {
            setNotice(`Tax class ${c.name} was saved.`);
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorNotice error={error} title="The tax classes could not be loaded." />
      {!data && loading ? <Loading what="tax classes" /> : null}
      {data && data.length === 0 ? (
        <Empty>There are no tax classes yet. Add the first one above.</Empty>
      ) : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Tax classes</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Rate</th>
                <th scope="col">Prices</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id}>
                  <td className="code">{c.code}</td>
                  <th scope="row">{c.name}</th>
                  <td>{formatPercent(c.ratePercent)}%</td>
                  <td>{c.inclusive ? 'Include tax' : 'Exclude tax'}</td>
                  <td>
                    {admin ? (
                      <button type="button" className="button" onClick={() => setEditing(c.id)}>
                        Change<span className="visually-hidden"> {c.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
