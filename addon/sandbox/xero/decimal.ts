// Amounts cross the wire as JSON numbers (as Xero sends them) but are never computed as floats here: a
// number is read through its shortest decimal string and parsed into a bigint (common/decimal.ts).
import { centsString, DecimalFormatError, parseRoundedScaled, parseScaled } from '../common/decimal.ts';

/** A JSON number or numeric string as a plain decimal string; undefined when absent or not a number. */
export function decimalString(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const s = String(value);
    return /e/i.test(s) ? undefined : s;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  return undefined;
}

/** Parses at up to `scale` places, rounding half away from zero beyond it (Xero rounds unit prices to unitdp). */
export function parseRounded(value: string, scale: number): bigint {
  return parseRoundedScaled(value, scale);
}

export function isDecimal(value: string): boolean {
  try {
    parseScaled(value, 20);
    return true;
  } catch (e) {
    if (e instanceof DecimalFormatError) return false;
    throw e;
  }
}

/** Cents as the JSON number Xero would send (the only place a float appears: the wire). */
export function centsJson(cents: bigint): number {
  return Number(centsString(cents));
}

/** A scaled decimal as a JSON number. */
export function scaledJson(scaled: bigint, scale: number): number {
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const text = `${negative ? '-' : ''}${abs.slice(0, abs.length - scale)}.${abs.slice(abs.length - scale)}`;
  return Number(text);
}

/** Stored form of an amount: "123.45" (a string keeps the state JSON exact). */
export function centsText(cents: bigint): string {
  return centsString(cents);
}
