// Usage, per practice: which accounts files counted each day, and how many invoices were pushed and exported
// each month.
//
// What counts as a billable accounts file on a day (the statement charges each file once per month if it
// counted on at least one day of that month):
// - an interface whose provider is an API connector (registry kind 'api': Xero, MYOB) and whose status is
//   'connected' when the daily snapshot runs. A file that is disconnected or needs reconnecting is free;
// - an interface whose provider is an import-file template (kind 'file') that wrote at least one import file
//   that day (exports.created_at). Writing the file is the service; whether the package's own import then
//   succeeded is confirmed separately and does not change the charge;
// - providers the registry does not know are never charged (better to under-charge than surprise anyone).
// Invoice counts are shown on the statement to explain use; the plan does not charge per invoice.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accountsInterfaces,
  billingConnectedFiles,
  billingUsageMonthly,
  exportsTable,
  practices,
} from '../../db/schema.ts';
import { manifestOf } from '../connectors/registry.ts';
import { dayRange, monthRange, utcDay, utcMonth } from './dates.ts';

export type UsageKind = 'invoice_pushed' | 'invoice_exported';
export type FileKind = 'api' | 'file';
export type KindOf = (provider: string) => FileKind | undefined;

const registryKind: KindOf = (provider) => manifestOf(provider)?.kind;

/**
 * Adds `count` invoices pushed or exported to the practice's month of `at`. The engine calls it once a push
 * or export has succeeded; the counts are informational (not charged), so an occasional double count after
 * a crash-and-resume costs nobody money.
 */
export async function recordUsage(
  db: Db,
  practiceId: string,
  usage: { kind: UsageKind; count: number },
  at: Date,
): Promise<void> {
  if (!Number.isInteger(usage.count) || usage.count < 0) {
    throw new RangeError('usage count must be a whole number, 0 or more');
  }
  if (usage.count === 0) return;
  const month = monthRange(utcMonth(at)).first;
  await db
    .insert(billingUsageMonthly)
    .values({ practiceId, month, kind: usage.kind, count: usage.count })
    .onConflictDoUpdate({
      target: [billingUsageMonthly.practiceId, billingUsageMonthly.month, billingUsageMonthly.kind],
      set: { count: sql`${billingUsageMonthly.count} + ${usage.count}`, updatedAt: sql`now()` },
    });
}

export interface SnapshotResult {
  day: string;
  practices: number;
  /** Rows added by this run; 0 when the day was already recorded. */
  added: number;
}

/**
 * Records which accounts files count on `day` (UTC), for every practice. Idempotent: running it again for
 * the same day adds nothing (a file already recorded that day stays recorded). The scheduler calls it
 * once a day, near the end of the day, for that day.
 */
export async function snapshotConnectedFiles(
  db: Db,
  day: string | Date,
  kindOf: KindOf = registryKind,
): Promise<SnapshotResult> {
  const dayString = typeof day === 'string' ? day : utcDay(day);
  const all = await db.select({ id: practices.id }).from(practices);
  let added = 0;
  for (const { id } of all) added += await snapshotPractice(db, id, dayString, kindOf);
  return { day: dayString, practices: all.length, added };
}

/** Records one practice's billable files for `day` ("YYYY-MM-DD", UTC); returns the rows added. */
export async function snapshotPractice(
  db: Db,
  practiceId: string,
  day: string,
  kindOf: KindOf = registryKind,
): Promise<number> {
  const { start, end } = dayRange(day);
  const interfaces = await db
    .select({
      id: accountsInterfaces.id,
      provider: accountsInterfaces.provider,
      status: accountsInterfaces.status,
      displayName: accountsInterfaces.displayName,
    })
    .from(accountsInterfaces)
    .where(eq(accountsInterfaces.practiceId, practiceId));
  const exported = new Set(
    (
      await db
        .selectDistinct({ interfaceId: exportsTable.interfaceId })
        .from(exportsTable)
        .where(
          and(
            eq(exportsTable.practiceId, practiceId),
            gte(exportsTable.createdAt, start),
            lt(exportsTable.createdAt, end),
          ),
        )
    ).map((r) => r.interfaceId),
  );
  const rows = interfaces.flatMap((i) => {
    const kind = kindOf(i.provider);
    const counts = (kind === 'api' && i.status === 'connected') || (kind === 'file' && exported.has(i.id));
    return counts && kind
      ? [{ practiceId, day, interfaceId: i.id, kind, provider: i.provider, displayName: i.displayName }]
      : [];
  });
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(billingConnectedFiles)
    .values(rows)
    .onConflictDoNothing({
      target: [
        billingConnectedFiles.practiceId,
        billingConnectedFiles.day,
        billingConnectedFiles.interfaceId,
      ],
    })
    .returning({ id: billingConnectedFiles.interfaceId });
  return inserted.length;
}

export interface CountedFile {
  interfaceId: string;
  kind: FileKind;
  provider: string;
  displayName: string;
  /** Days of the month on which it counted. */
  days: number;
}

export interface MonthUsage {
  month: string;
  files: CountedFile[];
  invoicesPushed: number;
  invoicesExported: number;
}

/** What the practice used in `month` ("YYYY-MM"), from the recorded snapshots and counters. */
export async function usageOf(db: Db, practiceId: string, month: string): Promise<MonthUsage> {
  const { first, next } = monthRange(month);
  const files = await db
    .select({
      interfaceId: billingConnectedFiles.interfaceId,
      kind: billingConnectedFiles.kind,
      provider: sql<string>`max(${billingConnectedFiles.provider})`,
      displayName: sql<string>`max(${billingConnectedFiles.displayName})`,
      days: sql<number>`count(*)::int`,
    })
    .from(billingConnectedFiles)
    .where(
      and(
        eq(billingConnectedFiles.practiceId, practiceId),
        gte(billingConnectedFiles.day, first),
        lt(billingConnectedFiles.day, next),
      ),
    )
    .groupBy(billingConnectedFiles.interfaceId, billingConnectedFiles.kind)
    .orderBy(billingConnectedFiles.kind, sql`max(${billingConnectedFiles.displayName})`);
  const counters = await db
    .select({ kind: billingUsageMonthly.kind, count: billingUsageMonthly.count })
    .from(billingUsageMonthly)
    .where(and(eq(billingUsageMonthly.practiceId, practiceId), eq(billingUsageMonthly.month, first)));
  const counter = (kind: UsageKind) => counters.find((c) => c.kind === kind)?.count ?? 0;
  return {
    month,
    files: files.map((f) => ({ ...f, days: Number(f.days) })),
    invoicesPushed: counter('invoice_pushed'),
    invoicesExported: counter('invoice_exported'),
  };
}
