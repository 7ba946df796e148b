// Exact money. Amounts are integer cents in a bigint; quantities, unit prices and tax rates are decimal
// strings parsed into scaled bigints. No float ever holds an amount.
//
// Abtrac's tax is computed per line and rounded half away from zero to the cent, then summed: the way Xero
// computes it (docs/platforms/xero.md, "Rounding"). MYOB sums the unrounded line taxes and rounds once per
// invoice (docs/platforms/myob.md, "How MYOB computes tax"): invoiceRoundedTotals predicts its figures, so
// the preview can show them and a rounding line can bring MYOB's total to Abtrac's.

export type Cents = bigint;
export type TaxMode = 'exclusive' | 'inclusive';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export class MoneyFormatError extends Error {}

/** Parses "12.3456" into 123456n at scale 4. Throws when there are more decimals than `scale`. */
export function parseDecimal(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new MoneyFormatError(`"${value}" is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) throw new MoneyFormatError(`"${value}" has more than ${scale} decimal places`);
  const scaled = BigInt(whole! + frac.padEnd(scale, '0'));
  return sign ? -scaled : scaled;
}

/** Integer division rounded half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/** "12.34" -> 1234n. Accepts at most two decimals. */
export function toCents(value: string): Cents {
  return parseDecimal(value, 2);
}

/** 1234n -> "12.34"; -5n -> "-0.05". */
export function formatCents(cents: Cents): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Formats a scaled bigint back to a decimal string with trailing zeros trimmed ("2.5000" -> "2.5"). */
export function formatDecimal(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

export const QUANTITY_SCALE = 4;
export const PRICE_SCALE = 4;
export const RATE_SCALE = 4;

export interface LineInput {
  /** Decimal string, up to 4 places; may be negative (a credit line) or zero. */
  quantity: string;
  /** Decimal string, up to 4 places. In inclusive mode it includes tax. */
  unitPrice: string;
  /** Percentage as a decimal string, e.g. "10" or "12.5". */
  taxRatePercent: string;
}

export interface LineAmounts {
  netCents: Cents;
  taxCents: Cents;
  grossCents: Cents;
}

/**
 * The line amount (quantity x unit price) rounded to the cent, then the tax on it rounded to the cent.
 * Exclusive: net = amount, tax = net x rate. Inclusive: gross = amount, tax = gross x rate / (100 + rate).
 */
export function computeLine(line: LineInput, mode: TaxMode): LineAmounts {
  const qty = parseDecimal(line.quantity, QUANTITY_SCALE);
  const price = parseDecimal(line.unitPrice, PRICE_SCALE);
  const rate = parseDecimal(line.taxRatePercent, RATE_SCALE);
  if (rate < 0n) throw new MoneyFormatError('a tax rate cannot be negative');
  // qty * price is at scale 8; cents are scale 2.
  const amount = divRound(qty * price, 10n ** BigInt(QUANTITY_SCALE + PRICE_SCALE - 2));
  const hundred = 100n * 10n ** BigInt(RATE_SCALE);
  if (mode === 'exclusive') {
    const tax = divRound(amount * rate, hundred);
    return { netCents: amount, taxCents: tax, grossCents: amount + tax };
  }
  const tax = divRound(amount * rate, hundred + rate);
  return { netCents: amount - tax, taxCents: tax, grossCents: amount };
}

export interface InvoiceTotals {
  subtotalCents: Cents;
  taxCents: Cents;
  totalCents: Cents;
}

/** Invoice totals are the sums of the rounded lines, never a re-computation on the sum. */
export function sumLines(lines: readonly LineAmounts[]): InvoiceTotals {
  let subtotal = 0n;
  let tax = 0n;
  for (const l of lines) {
    subtotal += l.netCents;
    tax += l.taxCents;
  }
  return { subtotalCents: subtotal, taxCents: tax, totalCents: subtotal + tax };
}

export interface TaxedAmount {
  /** The line amount as the ledger receives it, in cents: net when exclusive, gross when inclusive. */
  amountCents: Cents;
  taxRatePercent: string;
}

/**
 * Totals as a ledger that rounds tax once per invoice computes them (MYOB: docs/platforms/myob.md,
 * "How MYOB computes tax"): each line amount is already in cents; the tax of each line is kept unrounded,
 * the unrounded taxes are summed, and the sum is rounded once, half away from zero. Exclusive: tax on top
 * of the amounts. Inclusive: the tax inside them, and the total is the sum of the amounts.
 */
export function invoiceRoundedTotals(lines: readonly TaxedAmount[], mode: TaxMode): InvoiceTotals {
  const scale = 10n ** BigInt(RATE_SCALE);
  // The exact sum of fractions amount x rate / denominator, kept as one fraction (bigints do not overflow).
  let num = 0n;
  let den = 1n;
  let amounts = 0n;
  for (const line of lines) {
    const rate = parseDecimal(line.taxRatePercent, RATE_SCALE);
    if (rate < 0n) throw new MoneyFormatError('a tax rate cannot be negative');
    const d = mode === 'exclusive' ? 100n * scale : 100n * scale + rate;
    num = num * d + line.amountCents * rate * den;
    den *= d;
    amounts += line.amountCents;
  }
  const tax = divRound(num, den);
  return mode === 'exclusive'
    ? { subtotalCents: amounts, taxCents: tax, totalCents: amounts + tax }
    : { subtotalCents: amounts - tax, taxCents: tax, totalCents: amounts };
}
