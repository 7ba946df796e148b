// Invoice arithmetic as MYOB does it (BEHAVIOURS.md "Tax and rounding"):
// - each line amount is rounded to the cent before tax (the caller passes cents);
// - the tax of each line is computed and kept UNROUNDED; the invoice's TotalTax is the sum of the unrounded
//   line taxes rounded once (an exact half cent away from zero), for tax-exclusive and tax-inclusive invoices;
// - the tax shown per line is rounded with the rounding difference carried forward to the next line, so the
//   lines add up to the once-rounded total;
// - freight is taxed with FreightTaxCode as one more line.
// https://support.abtrac.com/knowledge-base/invoices-in-abtrac-and-invoices-in-myob-have-one-cent-difference/
// https://www.transpost.com.au/forum/viewtopic.php?f=11&t=21
import { addFractions, exactTax, type Fraction, roundFraction, ZERO } from '../common/decimal.ts';
import type { Cents, InvoiceStatus } from './types.ts';

export interface TotalsInput {
  isTaxInclusive: boolean;
  /** Transaction lines only: the amount as entered (already in cents) and the code's rate. */
  lines: { total: Cents; ratePercent: string }[];
  freight: Cents;
  freightRatePercent: string;
}

export interface Totals {
  /** Per-line display tax, carry-forward rounded; sums (with freightTax) to totalTax. */
  lineTaxes: Cents[];
  freightTax: Cents;
  /** Sum of line totals as entered (inclusive when the invoice is), as MYOB's Subtotal. */
  subtotal: Cents;
  totalTax: Cents;
  totalAmount: Cents;
}

export function computeTotals(input: TotalsInput): Totals {
  const exact = [
    ...input.lines.map((l) => exactTax(l.total, l.ratePercent, input.isTaxInclusive)),
    exactTax(input.freight, input.freightRatePercent, input.isTaxInclusive),
  ];
  // Carry-forward: each line shows round(running exact sum) - (what earlier lines already showed).
  const shown: Cents[] = [];
  let running: Fraction = ZERO;
  let shownSoFar = 0n;
  for (const tax of exact) {
    running = addFractions(running, tax);
    const line = roundFraction(running) - shownSoFar;
    shown.push(line);
    shownSoFar += line;
  }
  const totalTax = roundFraction(running);
  const subtotal = input.lines.reduce((sum, l) => sum + l.total, 0n);
  const gross = subtotal + input.freight;
  return {
    lineTaxes: shown.slice(0, input.lines.length),
    freightTax: shown[input.lines.length]!,
    subtotal,
    totalTax,
    totalAmount: input.isTaxInclusive ? gross : gross + totalTax,
  };
}

/**
 * Open while money is owed; Closed when fully paid (or zero); Credit while negative and unsettled: a negative
 * Service sale is how MYOB holds a credit note ("the invoice is negative or overpaid and not settled or
 * refunded"). https://developer.myob.com/api/accountright/v2/sale/invoice/invoice_service/
 */
export function statusOf(totalAmount: Cents, paid: Cents): InvoiceStatus {
  const balance = totalAmount - paid;
  if (balance > 0n) return 'Open';
  if (balance < 0n) return 'Credit';
  return 'Closed';
}
