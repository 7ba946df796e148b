// Billing days and months are UTC calendar days and months, the way Stripe timestamps are. The clock is
// always passed in (`now`), so tests never sleep and no logic reads Date.now().

const DAY_MS = 86_400_000;

/** 2026-03-15T22:00:00Z -> "2026-03-15". */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** 2026-03-15T22:00:00Z -> "2026-03". */
export function utcMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** "2026-03" -> { first: "2026-03-01", next: "2026-04-01" } (the month is [first, next)). */
export function monthRange(month: string): { first: string; next: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1));
  return { first: `${month}-01`, next: utcDay(next) };
}

/** "2026-03-15" -> [2026-03-15T00:00Z, 2026-03-16T00:00Z). */
export function dayRange(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00.000Z`);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Whole days left until `end`, rounded up (23 hours left is 1 day); 0 once `end` has passed. */
export function daysLeft(end: Date, now: Date): number {
  const ms = end.getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
