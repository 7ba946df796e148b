// Display helpers. Amounts arrive as exact decimal strings ("-1234.50"): they are only regrouped as text,
// never turned into numbers, so what the page shows is exactly what the API (and the ledger) hold.

/** "1234567.50" -> "1,234,567.50". Anything that is not a plain decimal is shown unchanged. */
export function groupDigits(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!match) return amount;
  const [, sign, whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** A unit price: at least two decimals, more only where the price has them ("674.1" -> "674.10"). */
export function formatPrice(amount: string): string {
  const match = /^(-?\d+)(?:\.(\d*))?$/.exec(amount);
  if (!match) return amount;
  const fraction = (match[2] ?? '').replace(/0+$/, '').padEnd(2, '0');
  return groupDigits(`${match[1]}.${fraction}`);
}

/** "AUD 1,234.50" */
export function formatMoney(amount: string, currency: string): string {
  return `${currency} ${groupDigits(amount)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-25" -> "25 Nov 2026": read from the string so no time zone can shift the day. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** "not_connected" -> "Not connected" */
export function humanize(code: string): string {
  const text = code.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "2026-11-25T03:04:05Z" -> "25 Nov 2026, 2:04 pm" in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-AU', { dateStyle: 'medium', timeStyle: 'short' });
}

/** 75 -> "1 min 15 s" */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

/** "10.0000" -> "10", "12.5000" -> "12.5" */
export function formatPercent(rate: string): string {
  return /^-?\d+(\.\d+)?$/.test(rate) ? rate.replace(/\.?0+$/, '') || '0' : rate;
}
