// Exact decimal arithmetic for the sandboxes, on their own side of the wire: a sandbox is a witness of how the
// platform computes a document, so it never borrows the add-on's maths. Amounts are bigint cents; rates,
// quantities and prices are decimal strings parsed into scaled bigints; an unrounded tax is a fraction
// (numerator / denominator in cents) so a platform that rounds once per invoice can sum the exact values.

export class DecimalFormatError extends Error {}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "12.3456" at scale 4 -> 123456n. Throws when there are more decimals than `scale`. */
export function parseScaled(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new DecimalFormatError(`"${value}" is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) throw new DecimalFormatError(`"${value}" has more than ${scale} decimal places`);
  const scaled = BigInt(whole! + frac.padEnd(scale, '0'));
  return sign ? -scaled : scaled;
}

/** Any decimal string at `scale` places, rounding half away from zero beyond it. */
export function parseRoundedScaled(value: string, scale: number): bigint {
  const frac = value.trim().split('.')[1] ?? '';
  if (frac.length <= scale) return parseScaled(value, scale);
  return roundHalfAwayFromZero(parseScaled(value, frac.length), 10n ** BigInt(frac.length - scale));
}

/** numerator / denominator rounded to an integer, exact halves away from zero (4.545 -> 4.55, -4.545 -> -4.55). */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/** "12.34" -> 1234n (at most two decimals). */
export function parseCents(value: string): bigint {
  return parseScaled(value, 2);
}

/** 1234n -> "12.34"; -5n -> "-0.05". */
export function centsString(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${frac}`;
}

/** A scaled bigint as a decimal string without trailing zeros ("2.5000" at scale 4 -> "2.5"). */
export function scaledString(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** An exact value in cents: numerator / denominator (denominator > 0). */
export interface Fraction {
  num: bigint;
  den: bigint;
}

export const ZERO: Fraction = { num: 0n, den: 1n };

export function addFractions(a: Fraction, b: Fraction): Fraction {
  if (a.den === b.den) return { num: a.num + b.num, den: a.den };
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

/** Tax rates are percentages with up to four decimals ("10", "12.5", "15"). */
export const RATE_SCALE = 4;
const HUNDRED_PERCENT = 100n * 10n ** BigInt(RATE_SCALE);

/**
 * The exact (unrounded) tax in cents on a line amount in cents at `ratePercent`:
 * exclusive: amount x rate / 100; inclusive (the amount includes tax): amount x rate / (100 + rate).
 */
export function exactTax(amountCents: bigint, ratePercent: string, inclusive: boolean): Fraction {
  const rate = parseScaled(ratePercent, RATE_SCALE);
  if (rate < 0n) throw new DecimalFormatError('a tax rate cannot be negative');
  return { num: amountCents * rate, den: inclusive ? HUNDRED_PERCENT + rate : HUNDRED_PERCENT };
}

/** A fraction of cents rounded to the cent, half away from zero. */
export function roundFraction(f: Fraction): bigint {
  return roundHalfAwayFromZero(f.num, f.den);
}
