// Invoice arithmetic as MYOB does it: tax per line, rounded half away from zero to the cent, then summed
// (domain/money.ts; DESIGN.md §3). Freight is taxed with FreightTaxCode like one more line (myob.md §3.6).
import { computeLine, formatCents } from '../../domain/money.ts';
import type { Cents, InvoiceStatus } from './types.ts';

export interface TotalsInput {
  isTaxInclusive: boolean;
  /** Transaction lines only: the amount as entered and the code's rate. */
  lines: { total: Cents; ratePercent: string }[];
  freight: Cents;
  freightRatePercent: string;
}

export interface Totals {
  lineTaxes: Cents[];
  freightTax: Cents;
  /** Sum of line totals as entered (inclusive when the invoice is), as MYOB's Subtotal. */
  subtotal: Cents;
  totalTax: Cents;
  totalAmount: Cents;
}

function taxOn(amount: Cents, ratePercent: string, inclusive: boolean): Cents {
  const line = { quantity: '1', unitPrice: formatCents(amount), taxRatePercent: ratePercent };
  return computeLine(line, inclusive ? 'inclusive' : 'exclusive').taxCents;
}

export function computeTotals(input: TotalsInput): Totals {
  const lineTaxes = input.lines.map((l) => taxOn(l.total, l.ratePercent, input.isTaxInclusive));
  const freightTax = taxOn(input.freight, input.freightRatePercent, input.isTaxInclusive);
  const subtotal = input.lines.reduce((sum, l) => sum + l.total, 0n);
  const totalTax = lineTaxes.reduce((sum, t) => sum + t, freightTax);
  const gross = subtotal + input.freight;
  return {
    lineTaxes,
    freightTax,
    subtotal,
    totalTax,
    totalAmount: input.isTaxInclusive ? gross : gross + totalTax,
  };
}

/**
 * Open while money is owed; Closed when fully paid (or zero); Credit while negative and unsettled
 * ("the invoice is negative or overpaid and not settled or refunded", myob.md §3.7).
 */
export function statusOf(totalAmount: Cents, paid: Cents): InvoiceStatus {
  const balance = totalAmount - paid;
  if (balance > 0n) return 'Open';
  if (balance < 0n) return 'Credit';
  return 'Closed';
}
