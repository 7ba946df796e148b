// Amounts cross the wire as JSON numbers (MYOB sends and takes decimals like 1000.00). They become bigint
// cents here and nowhere else. Line Totals are rounded to the cent as MYOB does; any other amount (freight,
// payments) with more than two decimals is refused (sandbox choice: undocumented, and refusing makes a
// client's float bug visible).
import { centsString, DecimalFormatError, parseCents, parseRoundedScaled } from '../common/decimal.ts';
import { ApiError, serialization, validation } from './errors.ts';
import type { Cents } from './types.ts';

/** A JSON amount to cents; `undefined`/`null` give `fallback` when one is given. */
export function centsFromJson(value: unknown, field: string, fallback?: Cents): Cents {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string') text = value;
  else throw new ApiError(400, [serialization(`Error converting value to type 'System.Decimal'`, field)]);
  try {
    return parseCents(text);
  } catch (e) {
    if (e instanceof DecimalFormatError) {
      throw new ApiError(400, [
        validation(`${field} must be an amount with at most two decimal places`, field),
      ]);
    }
    throw e;
  }
}

/**
 * A line amount to cents: MYOB rounds each line to the cent before it computes tax (BEHAVIOURS.md), so a
 * line Total with more decimals is rounded half away from zero rather than refused.
 */
export function lineCentsFromJson(value: unknown, field: string): Cents {
  let text: string;
  if (typeof value === 'number' && Number.isFinite(value) && !/e/i.test(String(value))) text = String(value);
  else if (typeof value === 'string') text = value;
  else throw new ApiError(400, [serialization(`Error converting value to type 'System.Decimal'`, field)]);
  try {
    return parseRoundedScaled(text, 2);
  } catch (e) {
    if (e instanceof DecimalFormatError) {
      throw new ApiError(400, [serialization(`Error converting value to type 'System.Decimal'`, field)]);
    }
    throw e;
  }
}

/** Cents to the JSON number MYOB returns. */
export function centsToJson(cents: Cents): number {
  return Number(centsString(cents));
}

/** A tax rate such as "10" or "12.5" to the JSON number MYOB returns (TaxCode.Rate is a double). */
export function rateToJson(ratePercent: string): number {
  return Number(ratePercent);
}
