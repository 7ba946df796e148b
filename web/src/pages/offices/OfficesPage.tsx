import { useState } from 'react';
import { api } from '../../api.ts';
import { LinkControl } from '../../components/LinkControl.tsx';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';
import { CreateOfficeForm } from './CreateOfficeForm.tsx';

async function loadOffices() {
  const [offices, settings] = await Promise.all([api.offices.list(), api.invoiceSettings.list()]);
  return { offices, settings };
}

export function OfficesPage() {
  // Offices, invoice settings and their links are settings: administrators change them, others read.
  const admin = useSession().can('administrator');
  const { data, error, loading, reload } = useResource('offices', loadOffices);
  const [created, setCreated] = useState('');
  const settingOptions = data?.settings.map((s) => ({ id: s.id, name: s.name })) ?? [];

  return (
    <>
      <PageHeader
        title="Offices"
        description="Each office uses one invoice setting, which decides the accounts file its invoices go to."
      />
      {admin ? (
        <CreateOfficeForm
          onCreated={(office) => {
            setCreated(`Office ${office.name} was added. Link it to an invoice setting below.`);
            reload();
          }}
        />
      ) : null}
      <SuccessNotice>{created}</SuccessNotice>
      <ErrorNotice error={error} title="The offices could not be loaded." />
      {!data && loading ? <Loading what="offices" /> : null}
      {data && data.offices.length === 0 ? (
        <Empty>There are no offices yet. Add the first one above.</Empty>
      ) : null}
      {data && data.offices.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Offices and their invoice settings</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Invoice setting</th>
              </tr>
            </thead>
            <tbody>
              {data.offices.map((office) => (
                <tr key={office.id}>
                  <td className="code">{office.code}</td>
                  <th scope="row">{office.name}</th>
                  <td>
                    {admin ? (
                      <LinkControl
                        label={`Invoice setting for ${office.name}`}
                        options={settingOptions}
                        currentId={office.invoiceSettingId}
                        onLink={(id) => api.offices.linkInvoiceSetting(office.id, id)}
                        onUnlink={() => api.offices.linkInvoiceSetting(office.id, null)}
                        onChanged={reload}
                      />
                    ) : (
                      (settingOptions.find((o) => o.id === office.invoiceSettingId)?.name ?? 'Not linked')
                    )}
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
