// Xero's JSON date conventions (xero.md §2): "/Date(1730419200000+0000)/" for dates and timestamps, plus
// "DateString" twins "2026-11-01T00:00:00"; identity endpoints use ISO strings without an offset.

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "/Date(ms+0000)/" for a platform timestamp. */
export function msDate(epochMs: number): string {
  return `/Date(${epochMs}+0000)/`;
}

/** "/Date(ms+0000)/" for a calendar day ("2026-11-01"). */
export function msDay(day: string): string {
  return msDate(Date.parse(`${day}T00:00:00Z`));
}

/** "2026-11-01T00:00:00", the DateString form. */
export function dayString(day: string): string {
  return `${day}T00:00:00`;
}

/** "2019-12-07T18:46:19.5165400": the identity service's UTC timestamp without an offset (xero-identity.yaml). */
export function identityTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}0000`;
}

/** "2024-06-21T01:15:39.902": webhook eventDateUtc as Xero sends it (xero.md §5). */
export function webhookTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23);
}

/** The calendar day of a timestamp in an organisation's fixed offset (minutes east of UTC). */
export function dayAt(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Reads a date as clients send it: "2026-11-01", "2026-11-01T00:00:00", "/Date(ms)/", or a JSON Date from
 * xero-node. Returns the calendar day, or undefined when it is not a date.
 */
export function parseDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = MS_DATE.exec(value);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const iso = ISO_DAY.exec(value);
  if (!iso) return undefined;
  const day = `${iso[1]}-${iso[2]}-${iso[3]}`;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? undefined : day;
}

/** Epoch ms of a "/Date(...)/" string, for `where` comparisons; undefined for anything else. */
export function msDateValue(value: string): number | undefined {
  const m = MS_DATE.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** The If-Modified-Since header: RFC 1123 or ISO (xero-node sends "2024-01-01T00:00:00.000Z", xero.md §3). */
export function parseIfModifiedSince(header: string | null): number | undefined {
  if (!header) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(header) ? `${header}Z` : header;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
