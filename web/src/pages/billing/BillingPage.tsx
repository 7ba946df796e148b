import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type ApiError, api, toApiError } from '../../api.ts';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { useResource } from '../../useResource.ts';

async function loadBilling() {
  const [status, usage, statement] = await Promise.all([
    api.billing.status(),
    api.billing.usage(),
    api.billing.statement(),
  ]);
  return { status, usage, statement };
}

export function BillingPage() {
  const { data, error, loading } = useResource('billing', loadBilling);
  const [params] = useSearchParams();
  const checkout = params.get('checkout');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError>();

  async function go(open: () => Promise<{ url: string }>) {
    setBusy(true);
    setActionError(undefined);
    try {
      window.location.assign((await open()).url);
    } catch (e) {
      setActionError(toApiError(e));
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, this month's usage and what it costs. Charged per accounts file each month."
      />
      {checkout === 'success' ? (
        <SuccessNotice>
          Thank you: your subscription is set up. It can take a minute to show here.
        </SuccessNotice>
      ) : null}
      {checkout === 'cancelled' ? (
        <p className="notice notice-muted" role="status">
          Checkout was cancelled, so nothing was charged. You can subscribe whenever you are ready.
        </p>
      ) : null}
      <ErrorNotice error={error} title="Billing could not be loaded." />
      {!data && loading ? <Loading what="billing" /> : null}
      {data ? (
        <>
          {data.status.trialMode && data.status.paymentsMessage ? (
            <p className="notice notice-muted">{data.status.paymentsMessage}</p>
          ) : null}
          <section className="panel" aria-labelledby="plan-heading">
            <div className="panel-heading">
              <h2 id="plan-heading">{data.status.plan.name}</h2>
              <StatusBadge status={data.status.status} />
            </div>
            <p className={data.status.entitled ? undefined : 'problem-text'}>{data.status.message}</p>
            <dl className="details">
              {data.status.status === 'trialing' ? (
                <div>
                  <dt>Trial days left</dt>
                  <dd data-testid="trial-days">
                    {data.status.trialDaysLeft}
                    <span className="block muted">ends {formatDate(data.status.trialEndsAt)}</span>
                  </dd>
                </div>
              ) : null}
              {data.status.currentPeriodEnd ? (
                <div>
                  <dt>Paid until</dt>
                  <dd>{formatDate(data.status.currentPeriodEnd)}</dd>
                </div>
              ) : null}
              {data.status.plan.prices
                .filter((p) => p.currency === data.status.currency)
                .map((p) => (
                  <div key={p.currency}>
                    <dt>Price</dt>
                    <dd>
                      {formatMoney(p.apiFile, p.currency)} a month per connected file
                      <span className="block muted">
                        {formatMoney(p.fileInterface, p.currency)} per import-file interface
                      </span>
                    </dd>
                  </div>
                ))}
            </dl>
            <div className="button-row">
              {data.status.subscribed ? (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy || !data.status.paymentsEnabled}
                  onClick={() => go(api.billing.portal)}
                >
                  Manage payment
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy || !data.status.paymentsEnabled}
                  onClick={() => go(() => api.billing.checkout(data.status.currency))}
                >
                  Subscribe
                </button>
              )}
            </div>
            <ErrorNotice error={actionError} />
          </section>

          <section className="panel" aria-labelledby="usage-heading">
            <h2 id="usage-heading">Usage this month</h2>
            <dl className="details">
              <div>
                <dt>Connected files</dt>
                <dd>{data.usage.apiFiles}</dd>
              </div>
              <div>
                <dt>Import-file interfaces used</dt>
                <dd>{data.usage.fileInterfaces}</dd>
              </div>
              <div>
                <dt>Invoices sent</dt>
                <dd>{data.usage.invoicesPushed}</dd>
              </div>
              <div>
                <dt>Invoices exported</dt>
                <dd>{data.usage.invoicesExported}</dd>
              </div>
            </dl>
          </section>

          <section className="panel" aria-labelledby="statement-heading">
            <div className="panel-heading">
              <h2 id="statement-heading">Statement for {monthName(data.statement.month)}</h2>
              <a className="button" href={api.billing.statementCsvUrl(data.statement.month)} download>
                Download CSV
              </a>
            </div>
            <table className="table table-compact" data-testid="statement">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Unit price
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.statement.lines.map((l) => (
                  <tr key={l.line}>
                    <td>
                      {l.description}
                      {l.files.length ? <span className="block muted">{l.files.join(', ')}</span> : null}
                    </td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{formatMoney(l.unitPrice, data.statement.currency)}</td>
                    <td className="num">{formatMoney(l.amount, data.statement.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="grand-total">
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="num">{formatMoney(data.statement.total, data.statement.currency)}</td>
                </tr>
              </tfoot>
            </table>
            <p className="muted small">{data.statement.note}</p>
          </section>
        </>
      ) : null}
    </>
  );
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
function monthName(month: string) {
  const [year, m] = month.split('-');
  const name = MONTHS[Number(m) - 1];
  return name ? `${name} ${year}` : month;
}
