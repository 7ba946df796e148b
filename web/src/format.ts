// Display helpers. Amounts arrive as exact decimal strings ("-1234.50"): they are only regrouped as text,
// never turned into numbers, so what the page shows is exactly what the API (and the ledger) hold.

/** "1234567.50" -> "1,234,567.50". Anything that is not a plain decimal is shown unchanged. */
export function groupDigits(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!match) return amount;
  const [, sign, whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
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
