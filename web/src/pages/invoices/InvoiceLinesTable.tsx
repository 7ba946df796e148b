import type { Invoice, TaxClass } from '../../api.ts';
import { formatMoney, formatPrice, groupDigits, humanize } from '../../format.ts';

interface Props {
  invoice: Invoice;
  taxClasses: TaxClass[];
}

/** The invoice's lines and, in the footer, its totals exactly as the API computed them. */
export function InvoiceLinesTable({ invoice, taxClasses }: Props) {
  const taxClass = new Map(taxClasses.map((t) => [t.id, t.name]));
  return (
    <div className="table-wrap">
      <table className="table lines" data-testid="invoice-lines">
        <caption className="visually-hidden">Invoice lines and totals in {invoice.currency}</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col">Tax</th>
            <th scope="col" className="num">
              Net
            </th>
            <th scope="col" className="num">
              Tax amount
            </th>
            <th scope="col" className="num">
              Gross
            </th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.id}>
              <td>{humanize(line.category)}</td>
              <td className="description">{line.description}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatPrice(line.unitPrice)}</td>
              <td className="nowrap">{taxClass.get(line.taxClassId) ?? '—'}</td>
              <td className="num">{groupDigits(line.net)}</td>
              <td className="num">{groupDigits(line.tax)}</td>
              <td className="num">{groupDigits(line.gross)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="total-subtotal">
            <th scope="row" colSpan={7}>
              Subtotal
            </th>
            <td className="num">{formatMoney(invoice.subtotal, invoice.currency)}</td>
          </tr>
          <tr data-testid="total-tax">
            <th scope="row" colSpan={7}>
              Tax
            </th>
            <td className="num">{formatMoney(invoice.tax, invoice.currency)}</td>
          </tr>
          <tr className="grand-total" data-testid="total-total">
            <th scope="row" colSpan={7}>
              Total
            </th>
            <td className="num">{formatMoney(invoice.total, invoice.currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
