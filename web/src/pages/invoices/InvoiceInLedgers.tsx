import type { Invoice } from '../../../../addon/contract/invoices.ts';
import type { AccountsInterface } from '../../../../addon/contract/organisation.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, formatMoney } from '../../format.ts';

/** Where the invoice went and what each accounts file says of it now: sent, paid, part-paid, voided. */
export function InvoiceInLedgers({
  invoice,
  interfaces,
}: {
  invoice: Invoice;
  interfaces: AccountsInterface[];
}) {
  if (!invoice.accounts.length) return <p className="muted">Not sent to an accounts file yet.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Accounts file</th>
          <th scope="col">Sent</th>
          <th scope="col">Number there</th>
          <th scope="col">Payment</th>
          <th scope="col" className="num">
            Paid
          </th>
          <th scope="col">Paid on</th>
        </tr>
      </thead>
      <tbody>
        {invoice.accounts.map((a) => (
          <tr key={a.interfaceId}>
            <td>{interfaces.find((i) => i.id === a.interfaceId)?.displayName ?? 'Accounts file'}</td>
            <td>
              <StatusBadge status={a.state === 'pushed' ? 'uploaded' : a.state} />
            </td>
            <td>
              {a.externalNumber ?? '—'}
              {a.ledgerUrl ? (
                <a className="block" href={a.ledgerUrl} target="_blank" rel="noreferrer">
                  Open in {interfaces.find((i) => i.id === a.interfaceId)?.providerName ?? 'the ledger'}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : null}
            </td>
            <td>{a.paymentStatus ? <StatusBadge status={a.paymentStatus} /> : '—'}</td>
            <td className="num">{a.amountPaid ? formatMoney(a.amountPaid, invoice.currency) : '—'}</td>
            <td>{a.paidAt ? formatDate(a.paidAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
