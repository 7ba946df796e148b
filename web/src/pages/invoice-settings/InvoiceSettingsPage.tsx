import { useState } from 'react';
import { api } from '../../api.ts';
import { LinkControl } from '../../components/LinkControl.tsx';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';
import { CreateInvoiceSettingForm } from './CreateInvoiceSettingForm.tsx';

async function loadSettings() {
  const [settings, offices, interfaces] = await Promise.all([
    api.invoiceSettings.list(),
    api.offices.list(),
    api.interfaces.list(),
  ]);
  return { settings, offices, interfaces };
}

export function InvoiceSettingsPage() {
  // Offices, invoice settings and their links are settings: administrators change them, others read.
  const admin = useSession().can('administrator');
  const { data, error, loading, reload } = useResource('invoice-settings', loadSettings);
  const [created, setCreated] = useState('');
  const officeName = new Map(data?.offices.map((o) => [o.id, o.name]));
  const interfaceOptions = data?.interfaces.map((i) => ({ id: i.id, name: i.displayName })) ?? [];

  return (
    <>
      <PageHeader
        title="Invoice settings"
        description="An invoice setting posts to one accounts interface. Several invoice settings may share an interface."
      />
      {admin ? (
        <CreateInvoiceSettingForm
          onCreated={(setting) => {
            setCreated(`Invoice setting ${setting.name} was added. Link it to an accounts interface below.`);
            reload();
          }}
        />
      ) : null}
      <SuccessNotice>{created}</SuccessNotice>
      <ErrorNotice error={error} title="The invoice settings could not be loaded." />
      {!data && loading ? <Loading what="invoice settings" /> : null}
      {data && data.settings.length === 0 ? (
        <Empty>There are no invoice settings yet. Add the first one above.</Empty>
      ) : null}
      {data && data.settings.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              Invoice settings, their offices and accounts interfaces
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Offices</th>
                <th scope="col">Accounts interface</th>
              </tr>
            </thead>
            <tbody>
              {data.settings.map((setting) => (
                <tr key={setting.id}>
                  <th scope="row">{setting.name}</th>
                  <td>
                    {setting.officeIds.length ? (
                      setting.officeIds.map((id) => officeName.get(id) ?? 'Unknown office').join(', ')
                    ) : (
                      <span className="muted">No offices</span>
                    )}
                  </td>
                  <td>
                    {admin ? (
                      <LinkControl
                        label={`Accounts interface for ${setting.name}`}
                        options={interfaceOptions}
                        currentId={setting.interfaceId}
                        onLink={(id) => api.invoiceSettings.linkInterface(setting.id, id)}
                        onUnlink={() => api.invoiceSettings.linkInterface(setting.id, null)}
                        onChanged={reload}
                      />
                    ) : (
                      (interfaceOptions.find((o) => o.id === setting.interfaceId)?.name ?? 'Not linked')
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
