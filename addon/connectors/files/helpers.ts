// Small pieces the templates share: money and quantity text, dates, credit signs, and binding column specs to
// a row's data. Amounts are bigint cents formatted with formatCents; no float ever holds an amount.
import {
  type Cents,
  formatCents,
  formatDecimal,
  PRICE_SCALE,
  parseDecimal,
  QUANTITY_SCALE,
} from '../../domain/money.ts';
import type { LedgerInvoice, LedgerLine } from '../types.ts';
import type {
  BoundCell,
  BoundRow,
  Column,
  ExportOptions,
  FileFormat,
  LineRow,
  RenderContext,
} from './types.ts';

export const money = (cents: Cents): string => formatCents(cents);

/** Credits carry positive amounts (types.ts); formats that want negative credits negate through this. */
export const creditSign = (inv: LedgerInvoice): 1n | -1n => (inv.kind === 'credit' ? -1n : 1n);

export const signedMoney = (inv: LedgerInvoice, cents: Cents): string => money(creditSign(inv) * cents);

// Quantities, unit prices and tax rates repeat from line to line ("1", "2.5000", "185.0000"), and parsing them
// into bigints and back costs more than the rest of a cell. These reprints are pure functions of the text, so
// their results are kept, in small bounded maps (cleared when full) so hostile input cannot grow them.
const REPRINT_CACHE_MAX = 2048;

function reprinter(print: (value: string, scale: number) => string) {
  const byScale = new Map<number, Map<string, string>>();
  return (value: string, scale: number): string => {
    let cache = byScale.get(scale);
    if (cache === undefined) {
      cache = new Map();
      byScale.set(scale, cache);
    }
    let text = cache.get(value);
    if (text === undefined) {
      text = print(value, scale);
      if (cache.size >= REPRINT_CACHE_MAX) cache.clear();
      cache.set(value, text);
    }
    return text;
  };
}

const negated = reprinter((value, scale) => formatDecimal(-parseDecimal(value, scale), scale));
const reprinted = reprinter((value, scale) => formatDecimal(parseDecimal(value, scale), scale));

/** A decimal string with its sign flipped exactly ("2.5" -> "-2.5"). */
export function negateDecimal(value: string, scale = QUANTITY_SCALE): string {
  return negated(value, scale);
}

/** A quantity or price re-printed without trailing zeros ("2.5000" -> "2.5"). */
export const decimal = (value: string, scale = QUANTITY_SCALE): string => reprinted(value, scale);

/** The amount the line's own quantity x unit price gives: gross when prices include tax, else net. */
export const lineAmount = (inv: LedgerInvoice, line: LedgerLine): Cents =>
  inv.taxMode === 'inclusive' ? line.grossCents : line.netCents;

/**
 * A quantity and unit price whose product is exactly the line's net amount, for formats that post net income
 * (IIF). Exclusive prices already are; inclusive ones are converted when exact, else quantity 1 at the net.
 */
export function netQuantityAndPrice(
  inv: LedgerInvoice,
  line: LedgerLine,
): { quantity: string; price: string } {
  if (inv.taxMode === 'exclusive')
    return { quantity: decimal(line.quantity), price: decimal(line.unitPrice) };
  const qty = parseDecimal(line.quantity, QUANTITY_SCALE);
  // net cents at price scale 4, times quantity scale 4, divided by qty.
  const numerator = line.netCents * 10n ** BigInt(PRICE_SCALE - 2) * 10n ** BigInt(QUANTITY_SCALE);
  if (qty !== 0n && numerator % qty === 0n) {
    return { quantity: decimal(line.quantity), price: formatDecimal(numerator / qty, PRICE_SCALE) };
  }
  return { quantity: '1', price: money(line.netCents) };
}

/** Tax rate as "10%" for IIF's PRICE/TAXRATE cells. */
export const percent = (rate: string): string => `${decimal(rate)}%`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Formats an ISO YYYY-MM-DD date with DD, D, MM, M, YYYY, YY tokens. Never goes through Date (no time zone). */
export function formatDate(iso: string, pattern: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return pattern.replace(/YYYY|YY|MM|M|DD|D/g, (token) => {
    switch (token) {
      case 'YYYY':
        return y;
      case 'YY':
        return y.slice(2);
      case 'MM':
        return mo;
      case 'M':
        return String(Number(mo));
      case 'DD':
        return d;
      default:
        return String(Number(d));
    }
  });
}

// Every row of an invoice repeats its dates and an export spans few distinct days, so date checks and date text
// are cached; bounded (cleared when full) for long exports.
const DATE_CACHE_MAX = 1024;
const isoDateChecks = new Map<string, boolean>();

export function isIsoDate(value: string): boolean {
  let valid = isoDateChecks.get(value);
  if (valid === undefined) {
    valid = checkIsoDate(value);
    if (isoDateChecks.size >= DATE_CACHE_MAX) isoDateChecks.clear();
    isoDateChecks.set(value, valid);
  }
  return valid;
}

function checkIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

/** Binds column specs to one row's data, computing the raw values in column order. */
export function bindRow<R>(
  columns: readonly Column<R>[],
  data: R,
  ctx: RenderContext,
  lineIndex?: number,
): BoundRow {
  // A plain loop: this runs for every cell of every row (372 per row for Oracle), so no callback per cell.
  const cells = new Array<BoundCell>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    cells[i] = {
      column: column as Column<never>,
      raw: column.value === undefined ? '' : (column.value(data, ctx) ?? ''),
    };
  }
  return { cells, lineIndex };
}

/** The common case: one row per invoice line, every row repeating the invoice's header fields. */
export function oneRowPerLine(columns: readonly Column<LineRow>[]) {
  return (inv: LedgerInvoice, ctx: RenderContext): BoundRow[] =>
    inv.lines.map((line, index) => bindRow(columns, { inv, line, index }, ctx, index));
}

/** Settings after defaults, the base currency, and the date formatter for one export. */
export function makeContext(format: FileFormat, opts: ExportOptions = {}): RenderContext {
  const settings: Record<string, string> = {};
  for (const [key, spec] of Object.entries(format.settings ?? {})) {
    const given = opts.settings?.[key];
    settings[key] = given !== undefined && given !== '' ? given : (spec.default ?? '');
  }
  const pattern = settings.dateFormat || format.dateFormat;
  return {
    baseCurrency: (opts.baseCurrency || format.defaultBaseCurrency).toUpperCase(),
    settings,
    // No prototype: an account code such as "constructor" must find nothing rather than Object's own members.
    itemsByAccount: Object.assign(Object.create(null) as Record<string, string>, opts.itemsByAccount),
    date: cachedDates(pattern),
  };
}

function cachedDates(pattern: string): (iso: string) => string {
  const cache = new Map<string, string>();
  return (iso) => {
    let text = cache.get(iso);
    if (text === undefined) {
      text = formatDate(iso, pattern);
      if (cache.size >= DATE_CACHE_MAX) cache.clear();
      cache.set(iso, text);
    }
    return text;
  };
}

/** "Smith & Co: Stage 2" style joins that skip blanks. */
export const joinNonEmpty = (sep: string, ...parts: (string | undefined)[]): string =>
  parts.filter((p): p is string => p !== undefined && p !== '').join(sep);
