import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type ProviderId } from '../../api.ts';
import { Empty, ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { useResource } from '../../useResource.ts';
import { CreateInterfaceForm } from './CreateInterfaceForm.tsx';
import { RenameInterface } from './RenameInterface.tsx';

async function loadInterfaces() {
  const [interfaces, settings, providers] = await Promise.all([
    api.interfaces.list(),
    api.invoiceSettings.list(),
    api.providerList(),
  ]);
  return { interfaces, settings, providers };
}

export function InterfacesPage() {
  const { data, error, loading, reload } = useResource('interfaces', loadInterfaces);
  const [created, setCreated] = useState('');
  const settingName = new Map(data?.settings.map((s) => [s.id, s.name]));
  const providerNames = new Map(data?.providers.map((p) => [p.id, p.displayName]));
  const providerIds = useMemo(() => data?.providers.map((p) => p.id as ProviderId) ?? [], [data?.providers]);
  const notConfigured = useMemo(
    () => new Set(data?.providers.filter((p) => p.availability === 'not_configured').map((p) => p.id)),
    [data?.providers],
  );

  return (
    <>
      <PageHeader
        title="Interface settings"
        description="Each accounts interface is one connection to accounting software: one Xero organisation, one MYOB company file or one import file format."
      />
      {data ? (
        <CreateInterfaceForm
          providers={providerIds}
          providerNames={providerNames}
          notConfigured={notConfigured}
          onCreated={(item) => {
            setCreated(
              `Accounts interface ${item.displayName} was added. Link invoice settings to it under Invoice settings.`,
            );
            reload();
          }}
        />
      ) : null}
      <SuccessNotice>{created}</SuccessNotice>
      <ErrorNotice error={error} title="The accounts interfaces could not be loaded." />
      {!data && loading ? <Loading what="accounts interfaces" /> : null}
      {data && data.interfaces.length === 0 ? (
        <Empty>There are no accounts interfaces yet. Add the first one above.</Empty>
      ) : null}
      {data && data.interfaces.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Accounts interfaces</caption>
            <thead>
              <tr>
                <th scope="col">Display name</th>
                <th scope="col">Accounting software</th>
                <th scope="col">Status</th>
                <th scope="col">Invoice settings</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.interfaces.map((item) => (
                <tr key={item.id}>
                  <td>
                    <RenameInterface item={item} onRenamed={reload} />
                  </td>
                  <td>
                    {providerNames.get(item.provider) ?? item.providerName ?? item.provider}
                    {item.tenantName ? <span className="muted block">{item.tenantName}</span> : null}
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>
                    {item.invoiceSettingIds.length ? (
                      item.invoiceSettingIds.map((id) => settingName.get(id) ?? 'Unknown setting').join(', ')
                    ) : (
                      <span className="muted">None linked</span>
                    )}
                  </td>
                  <td>
                    <Link
                      className="button button-small"
                      to={`/accounting/interfaces/${item.id}`}
                      aria-label={`Open ${item.displayName}`}
                    >
                      {item.kind === 'api' ? 'Connection and options' : 'Options'}
                    </Link>
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
