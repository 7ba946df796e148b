// Xero's document arithmetic (BEHAVIOURS.md "Tax and rounding"): the line amount is Quantity x UnitAmount
// (less any discount) rounded to the cent; tax is computed on each line and rounded to the cent half away from
// zero (45.45 at 10% = 4.545 -> 4.55); a TaxAmount supplied on the line overrides the computed one; the
// document's SubTotal, TotalTax and Total are the sums of the rounded lines, never recomputed on the sum.
// https://developer.xero.com/documentation/api-guides/rounding-in-xero
// https://developer.xero.com/documentation/api-guides/tax-in-xero
import { centsString, exactTax, roundFraction } from '../common/decimal.ts';
import type { LineAmountTypes } from './state.ts';

export interface XeroLineAmounts {
  netCents: bigint;
  taxCents: bigint;
  grossCents: bigint;
}

/** Tax on one line: `amountCents` is the LineAmount (tax-inclusive when the document is Inclusive). */
export function lineTax(amountCents: bigint, ratePercent: string, types: LineAmountTypes): XeroLineAmounts {
  if (types === 'NoTax') return { netCents: amountCents, taxCents: 0n, grossCents: amountCents };
  const inclusive = types === 'Inclusive';
  const tax = roundFraction(exactTax(amountCents, ratePercent, inclusive));
  return withTax(amountCents, tax, types);
}

/** The line with a given tax: a supplied TaxAmount (OAS LineItem.TaxAmount "can be overriden"). */
export function withTax(amountCents: bigint, taxCents: bigint, types: LineAmountTypes): XeroLineAmounts {
  return types === 'Inclusive'
    ? { netCents: amountCents - taxCents, taxCents, grossCents: amountCents }
    : { netCents: amountCents, taxCents, grossCents: amountCents + taxCents };
}

export interface XeroTotals {
  SubTotal: string;
  TotalTax: string;
  Total: string;
  totalCents: bigint;
}

/** Totals are the sums of the rounded lines. */
export function documentTotals(lines: readonly XeroLineAmounts[]): XeroTotals {
  let sub = 0n;
  let tax = 0n;
  for (const l of lines) {
    sub += l.netCents;
    tax += l.taxCents;
  }
  return {
    SubTotal: centsString(sub),
    TotalTax: centsString(tax),
    Total: centsString(sub + tax),
    totalCents: sub + tax,
  };
}
