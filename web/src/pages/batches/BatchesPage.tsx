import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type ApiError, api, toApiError } from '../../api.ts';
import { InterfacePicker, useInterfaceParam } from '../../components/InterfacePicker.tsx';
import { InvoiceSelection } from '../../components/InvoiceSelection.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../session.tsx';
import { useResource } from '../../useResource.ts';
import { BatchHistory } from './BatchHistory.tsx';

export function BatchesPage() {
  const interfaces = useResource('interfaces', api.interfaces.list);
  const apiInterfaces = useMemo(() => interfaces.data?.filter((i) => i.kind === 'api'), [interfaces.data]);
  const { interfaceId, choose } = useInterfaceParam(apiInterfaces);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  // Making batches is a biller's work; viewers see the history only.
  const canBatch = useSession().can('biller');

  async function create(invoiceIds: string[]) {
    if (!interfaceId || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const batch = await api.batches.create({ interfaceId, invoiceIds });
      navigate(`/accounting/batches/${batch.id}`);
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Batches"
        description="A batch is a numbered set of invoices sent to Xero or MYOB together. Preview it, then upload."
      />
      <ErrorNotice error={interfaces.error} title="The accounts interfaces could not be loaded." />
      {!interfaces.data && interfaces.loading ? <Loading what="accounts interfaces" /> : null}
      {apiInterfaces && apiInterfaces.length === 0 ? (
        <Empty>
          No accounts interface connects to an accounting package yet. Import-file interfaces use the{' '}
          <Link to="/accounting/exports">Exports</Link> page.
        </Empty>
      ) : null}
      {canBatch && apiInterfaces && interfaceId ? (
        <section className="panel" aria-labelledby="new-batch-heading">
          <h2 id="new-batch-heading">New batch</h2>
          <div className="form-row">
            <InterfacePicker interfaces={apiInterfaces} value={interfaceId} onChange={choose} />
          </div>
          <InvoiceSelection
            interfaceId={interfaceId}
            actions={(ids) => (
              <button
                type="button"
                className="button button-primary"
                disabled={ids.length === 0 || busy}
                onClick={() => create(ids)}
              >
                {busy ? 'Creating…' : 'Create batch'}
              </button>
            )}
          />
          <ErrorNotice error={error} title="The batch could not be created." />
        </section>
      ) : null}
      <BatchHistory />
    </>
  );
}
