import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResource } from '../../useResource.ts';
import { useSubmit } from '../../useSubmit.ts';

/** After connecting: more than one organisation was approved, so the person picks the one to post to. */
export function ChooseOrganisationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const item = useResource(`interface:${id}`, () => api.interfaces.get(id));
  const list = useResource(`organisations:${id}`, () => api.interfaces.organisations(id));
  const [tenantId, setTenantId] = useState('');
  const { submit, busy, error } = useSubmit(
    () => api.interfaces.chooseOrganisation(id, tenantId),
    () => navigate(`/accounting/interfaces/${id}`),
  );
  const organisations = list.data?.organisations ?? [];

  return (
    <>
      <PageHeader
        title="Choose the organisation"
        description={
          item.data
            ? `Choose the one organisation ${item.data.displayName} posts invoices to. To change it later you reconnect.`
            : 'Choose the one organisation this interface posts invoices to.'
        }
      />
      <ErrorNotice error={list.error} title="The organisations could not be loaded." />
      {list.loading && !list.data ? <Loading what="organisations" /> : null}
      {list.data && organisations.length === 0 ? (
        <Empty>
          There is no organisation waiting to be chosen.{' '}
          <Link to={`/accounting/interfaces/${id}`}>Back to the interface</Link>
        </Empty>
      ) : null}
      {organisations.length ? (
        <form className="panel" onSubmit={submit} noValidate>
          <fieldset className="radio-list">
            <legend>Organisations you approved</legend>
            {organisations.map((o) => (
              <label key={o.tenantId} className="radio-option">
                <input
                  type="radio"
                  name="organisation"
                  value={o.tenantId}
                  checked={tenantId === o.tenantId}
                  onChange={() => setTenantId(o.tenantId)}
                />
                <span>{o.name}</span>
              </label>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy || !tenantId}>
              {busy ? 'Saving…' : 'Continue'}
            </button>
            <Link className="button button-quiet" to={`/accounting/interfaces/${id}`}>
              Cancel
            </Link>
          </div>
          <ErrorNotice error={error} />
        </form>
      ) : null}
    </>
  );
}
