import { Link } from 'react-router';
import type { InvoiceSummary } from '../../api.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDate, groupDigits } from '../../format.ts';

interface Props {
  invoices: InvoiceSummary[];
  officeName: (id: string) => string;
  /** The list's query string, so "Back to invoices" on the detail page returns to the same filters. */
  listSearch: string;
}

export function InvoiceTable({ invoices, officeName, listSearch }: Props) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="invoice-table">
        <caption className="visually-hidden">Invoices, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Date</th>
            <th scope="col">Client</th>
            <th scope="col">Office</th>
            <th scope="col">Status</th>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={`/invoices/${invoice.id}`} state={{ listSearch }}>
                  {invoice.number}
                </Link>
              </th>
              <td className="nowrap">{formatDate(invoice.invoiceDate)}</td>
              <td>{invoice.clientName}</td>
              <td>{officeName(invoice.officeId)}</td>
              <td>
                <StatusBadge status={invoice.status} />
              </td>
              <td>{invoice.currency}</td>
              <td className="num">{groupDigits(invoice.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
