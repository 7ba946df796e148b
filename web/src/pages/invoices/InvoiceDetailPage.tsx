import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../api.ts';
import { ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, humanize } from '../../format.ts';
import { useResource } from '../../useResource.ts';
import { InvoiceInLedgers } from './InvoiceInLedgers.tsx';
import { InvoiceLinesTable } from './InvoiceLinesTable.tsx';

async function loadInvoice(id: string) {
  const [invoice, offices, taxClasses, interfaces] = await Promise.all([
    api.invoices.get(id),
    api.offices.list(),
    api.taxClasses.list(),
    api.interfaces.list(),
  ]);
  return { invoice, offices, taxClasses, interfaces };
}

export function InvoiceDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  const { data, error, loading } = useResource(`invoice:${id}`, () => loadInvoice(id));
  const back = (
    <Link className="button button-quiet" to={`/invoices${listSearch}`}>
      Back to invoices
    </Link>
  );

  if (!data) {
    return (
      <>
        <PageHeader title="Invoice" actions={back} />
        <ErrorNotice error={error} title="The invoice could not be loaded." />
        {loading ? <Loading what="the invoice" /> : null}
      </>
    );
  }

  const { invoice } = data;
  const office = data.offices.find((o) => o.id === invoice.officeId);
  return (
    <>
      <PageHeader title={`Invoice ${invoice.number}`} actions={back} />
      <section className="panel" aria-label="Invoice details">
        <dl className="details">
          <div>
            <dt>Client</dt>
            <dd>{invoice.clientName}</dd>
          </div>
          <div>
            <dt>Office</dt>
            <dd>{office?.name ?? 'Unknown office'}</dd>
          </div>
          <div>
            <dt>Reference</dt>
            <dd>{invoice.reference ?? '—'}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={invoice.status} />
            </dd>
          </div>
          <div>
            <dt>Invoice date</dt>
            <dd>{formatDate(invoice.invoiceDate)}</dd>
          </div>
          <div>
            <dt>Due date</dt>
            <dd>{formatDate(invoice.dueDate)}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{invoice.currency}</dd>
          </div>
          <div>
            <dt>Amounts are</dt>
            <dd>Tax {humanize(invoice.taxMode).toLowerCase()}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        <InvoiceLinesTable invoice={invoice} taxClasses={data.taxClasses} />
      </section>
      <section aria-labelledby="ledgers-heading">
        <h2 id="ledgers-heading">In the accounts</h2>
        <InvoiceInLedgers invoice={invoice} interfaces={data.interfaces} />
      </section>
    </>
  );
}
