// A practice wired to one API interface, with as many committed invoices as a benchmark asks for, mapped and
// batched through the engine's own functions (the same path as the upload test, without the HTTP layer).
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { InterfaceOptions } from '../../addon/connectors/types.ts';
import type { MappingInput } from '../../addon/contract/link.ts';
import { seedPractice } from '../../addon/demo/seed.ts';
import { getInterfaceRow } from '../../addon/domain/organisation.ts';
import type { Auth } from '../../addon/http/auth.ts';
import { createBatch, getBatch } from '../../addon/link/batches.ts';
import type { InterfaceRow } from '../../addon/link/deps.ts';
import { saveMappings } from '../../addon/link/mappings.ts';
import type { Db } from '../../db/client.ts';
import {
  accountsInterfaces,
  batchItems,
  invoiceLines,
  invoiceSettings,
  invoices,
  taxClasses,
} from '../../db/schema.ts';

export interface BenchPractice {
  auth: Auth;
  practiceId: string;
  interfaceId: string;
  iface(): Promise<InterfaceRow>;
}

let seeds = 100;

/** The demo practice (25 clients, 40 jobs, 120 invoices) with every office posting to one API interface. */
export async function practiceOn(
  db: Db,
  provider: string,
  tenantId: string,
  options: InterfaceOptions = { contactPolicy: 'create' },
): Promise<BenchPractice> {
  const seed = seeds++;
  const practiceId = await seedPractice(db, {
    name: `Bench ${provider} ${seed}`,
    seed,
    adminEmail: `bench-${provider}-${seed}@example.test`,
  });
  const [row] = await db
    .insert(accountsInterfaces)
    .values({
      practiceId,
      displayName: `Bench ${provider}`,
      provider: provider as (typeof accountsInterfaces.$inferInsert)['provider'],
      status: 'connected',
      tenantId,
      tenantName: 'Bench ledger',
      options: options as (typeof accountsInterfaces.$inferInsert)['options'],
    })
    .returning();
  await db
    .update(invoiceSettings)
    .set({ interfaceId: row!.id })
    .where(eq(invoiceSettings.practiceId, practiceId));
  return {
    auth: { practiceId, actor: 'bench' },
    practiceId,
    interfaceId: row!.id,
    iface: () => getInterfaceRow(db, practiceId, row!.id),
  };
}

/**
 * Copies the practice's home-currency invoices (the sandboxes' organisations take AUD only) under new numbers
 * until there are `count` of them not yet in any batch, and returns those ids. The copies keep the demo's
 * mix: 1-12 lines, fees and disbursements, GST and GST-free, about one credit note in twenty.
 */
export async function invoicesFor(
  db: Db,
  practiceId: string,
  count: number,
  prefix: string,
): Promise<string[]> {
  const home = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.practiceId, practiceId), eq(invoices.currency, 'AUD')));
  const batched = new Set(
    (
      await db
        .select({ id: batchItems.invoiceId })
        .from(batchItems)
        .where(eq(batchItems.practiceId, practiceId))
    ).map((r) => r.id),
  );
  const free = home.filter((i) => !batched.has(i.id)).map((i) => i.id);
  if (free.length >= count) return free.slice(0, count);
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(
      inArray(
        invoiceLines.invoiceId,
        home.map((i) => i.id),
      ),
    );
  const byInvoice = new Map<string, (typeof lines)[number][]>();
  for (const l of lines) byInvoice.set(l.invoiceId, [...(byInvoice.get(l.invoiceId) ?? []), l]);
  const out = [...free];
  const need = count - out.length;
  const stamp = new Date();
  // Bulk inserts in slices keep each statement's parameter count well inside PostgreSQL's 65,535.
  for (let done = 0; done < need; done += 200) {
    const invoiceRows: (typeof invoices.$inferInsert)[] = [];
    const lineRows: (typeof invoiceLines.$inferInsert)[] = [];
    for (let k = done; k < Math.min(need, done + 200); k++) {
      const source = home[k % home.length]!;
      const id = randomUUID();
      invoiceRows.push({
        ...source,
        id,
        number: `${prefix}-${String(k + 1).padStart(5, '0')}`,
        createdAt: stamp,
        updatedAt: stamp,
      });
      for (const l of byInvoice.get(source.id) ?? [])
        lineRows.push({ ...l, id: randomUUID(), invoiceId: id });
      out.push(id);
    }
    await db.insert(invoices).values(invoiceRows);
    if (lineRows.length) {
      for (let i = 0; i < lineRows.length; i += 500)
        await db.insert(invoiceLines).values(lineRows.slice(i, i + 500));
    }
  }
  return out;
}

/** Rules that cover every demo line: a default, disbursements and expenses, and the GST-free tax class. */
export async function mapCodes(
  db: Db,
  p: BenchPractice,
  codes: { account: string; tax: string; recoveries: string; gstFree: string },
): Promise<void> {
  const free = (await db.select().from(taxClasses).where(eq(taxClasses.practiceId, p.practiceId))).find(
    (c) => c.code === 'FRE',
  );
  const rules: MappingInput[] = [
    { scope: 'default', scopeKey: '', accountCode: codes.account, taxCode: codes.tax, trackingOption: null },
    {
      scope: 'category',
      scopeKey: 'disbursement',
      accountCode: codes.recoveries,
      taxCode: null,
      trackingOption: null,
    },
    {
      scope: 'category',
      scopeKey: 'expense',
      accountCode: codes.recoveries,
      taxCode: null,
      trackingOption: null,
    },
  ];
  if (free)
    rules.push({
      scope: 'tax_class',
      scopeKey: free.id,
      accountCode: null,
      taxCode: codes.gstFree,
      trackingOption: null,
    });
  await saveMappings(db, p.auth, p.interfaceId, rules);
}

export async function batchOf(db: Db, p: BenchPractice, invoiceIds: string[]) {
  return createBatch(db, p.auth, { interfaceId: p.interfaceId, invoiceIds });
}

/** Polls the batch (every 100 ms, until `timeoutMs`) until nothing in it is pending. */
export async function waitForBatch(db: Db, p: BenchPractice, batchId: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (let i = 0; ; i++) {
    const batch = await getBatch(db, p.practiceId, batchId);
    if (batch.status === 'done' || batch.status === 'failed') return batch;
    if (Date.now() > until)
      throw new Error(
        `batch ${batchId} still ${batch.status} after ${timeoutMs} ms: ${JSON.stringify(batch.counts)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, i < 20 ? 25 : 100));
  }
}

/** Invoice numbers and kinds of a batch, to check what the ledger holds against. */
export async function numbersOf(db: Db, practiceId: string, invoiceIds: string[]) {
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, totalCents: invoices.totalCents })
    .from(invoices)
    .where(and(eq(invoices.practiceId, practiceId), inArray(invoices.id, invoiceIds)));
  return rows.map((r) => ({ id: r.id, number: r.number, kind: r.totalCents < 0n ? 'credit' : 'invoice' }));
}
