// Loads what the preview needs about a set of invoices in a few queries, all scoped to the practice.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  clients,
  externalLinks,
  invoiceLines,
  invoiceSettings,
  invoices,
  jobs,
  offices,
  taxClasses,
} from '../../db/schema.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type LineRow = typeof invoiceLines.$inferSelect;

export async function loadInvoices(db: Db, practiceId: string, interfaceId: string, invoiceIds: string[]) {
  if (!invoiceIds.length) return undefined;
  const scoped = (t: { practiceId: AnyPgColumn }) => eq(t.practiceId, practiceId);
  const invoiceRows = await db
    .select()
    .from(invoices)
    .where(and(scoped(invoices), inArray(invoices.id, invoiceIds)))
    .orderBy(asc(invoices.invoiceDate), asc(invoices.number));
  const lineRows = await db
    .select()
    .from(invoiceLines)
    .where(and(scoped(invoiceLines), inArray(invoiceLines.invoiceId, invoiceIds)))
    .orderBy(asc(invoiceLines.position));
  const clientIds = [...new Set(invoiceRows.map((i) => i.clientId))];
  const jobIds = [...new Set(invoiceRows.flatMap((i) => (i.jobId ? [i.jobId] : [])))];
  const [clientRows, jobRows, officeRows, settingRows, classRows, links] = await Promise.all([
    clientIds.length
      ? db
          .select()
          .from(clients)
          .where(and(scoped(clients), inArray(clients.id, clientIds)))
      : [],
    jobIds.length
      ? db
          .select()
          .from(jobs)
          .where(and(scoped(jobs), inArray(jobs.id, jobIds)))
      : [],
    db.select().from(offices).where(scoped(offices)),
    db.select().from(invoiceSettings).where(scoped(invoiceSettings)),
    db.select().from(taxClasses).where(scoped(taxClasses)),
    db
      .select()
      .from(externalLinks)
      .where(and(scoped(externalLinks), eq(externalLinks.interfaceId, interfaceId))),
  ]);
  const linesByInvoice = new Map<string, LineRow[]>();
  for (const l of lineRows) linesByInvoice.set(l.invoiceId, [...(linesByInvoice.get(l.invoiceId) ?? []), l]);
  return {
    invoices: invoiceRows,
    lines: linesByInvoice,
    clients: new Map(clientRows.map((c) => [c.id, c])),
    jobs: new Map(jobRows.map((j) => [j.id, j])),
    offices: new Map(officeRows.map((o) => [o.id, o])),
    settings: new Map(settingRows.map((s) => [s.id, s])),
    taxClasses: new Map(classRows.map((c) => [c.id, c])),
    clientLinks: new Map(links.filter((l) => l.kind === 'client').map((l) => [l.localId, l])),
    jobLinks: new Map(links.filter((l) => l.kind === 'job').map((l) => [l.localId, l])),
  };
}

export type Loaded = NonNullable<Awaited<ReturnType<typeof loadInvoices>>>;
