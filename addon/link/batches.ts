// Upload batches as Abtrac has them: numbered per practice, made from committed invoices that have not
// gone to this accounts file yet; parked invoices stay out until un-parked.
import { and, asc, desc, eq, gte, inArray, isNull, lte, max, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  accountsInterfaces,
  batches,
  batchItems,
  clients,
  exportItems,
  exportsTable,
  invoiceSettings,
  invoices,
  offices,
  syncLedger,
} from '../../db/schema.ts';
import type { AvailableInvoice, Batch, BatchItem, BatchSummary } from '../contract/link.ts';
import { formatCents } from '../domain/money.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import type { Auth } from '../http/auth.ts';
import { badRequest, conflict, notFound, pgError } from '../http/errors.ts';
import { errorSentence } from './error-catalogue.ts';

const ACTIVE_BATCH = ['open', 'queued', 'running'];

interface AvailableFilter {
  officeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  includeParked?: boolean;
}

/** Committed invoices of the offices this interface serves that are not yet in it, nor in a batch on the way. */
export async function availableInvoices(
  db: Db,
  practiceId: string,
  interfaceId: string,
  f: AvailableFilter,
): Promise<AvailableInvoice[]> {
  await getInterfaceRow(db, practiceId, interfaceId);
  const rows = await db
    .select({
      invoiceId: invoices.id,
      number: invoices.number,
      invoiceDate: invoices.invoiceDate,
      clientName: clients.name,
      officeName: offices.name,
      totalCents: invoices.totalCents,
      currency: invoices.currency,
      parkedAt: invoices.parkedAt,
    })
    .from(invoices)
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .innerJoin(offices, eq(offices.id, invoices.officeId))
    .innerJoin(invoiceSettings, eq(invoiceSettings.id, offices.invoiceSettingId))
    .where(
      and(
        eq(invoices.practiceId, practiceId),
        eq(invoices.status, 'committed'),
        eq(invoiceSettings.interfaceId, interfaceId),
        f.includeParked ? undefined : isNull(invoices.parkedAt),
        f.officeId ? eq(invoices.officeId, f.officeId) : undefined,
        f.from ? gte(invoices.invoiceDate, f.from) : undefined,
        f.to ? lte(invoices.invoiceDate, f.to) : undefined,
        notExists(
          db
            .select({ one: sql`1` })
            .from(syncLedger)
            .where(
              and(
                eq(syncLedger.invoiceId, invoices.id),
                eq(syncLedger.interfaceId, interfaceId),
                eq(syncLedger.state, 'pushed'),
                eq(syncLedger.version, invoices.version),
              ),
            ),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(batchItems)
            .innerJoin(batches, eq(batches.id, batchItems.batchId))
            .where(
              and(
                eq(batchItems.invoiceId, invoices.id),
                inArray(batches.status, ACTIVE_BATCH),
                inArray(batchItems.status, ['pending', 'sending']),
              ),
            ),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(exportItems)
            .innerJoin(exportsTable, eq(exportsTable.id, exportItems.exportId))
            .where(
              and(
                eq(exportItems.invoiceId, invoices.id),
                eq(exportsTable.interfaceId, interfaceId),
                sql`${exportsTable.confirmedAt} is not null`,
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(invoices.invoiceDate), asc(invoices.number));
  return rows.map((r) => ({
    invoiceId: r.invoiceId,
    number: r.number,
    invoiceDate: r.invoiceDate,
    clientName: r.clientName,
    officeName: r.officeName,
    total: formatCents(r.totalCents),
    currency: r.currency,
    parked: r.parkedAt !== null,
  }));
}

export async function createBatch(
  db: Db,
  auth: Auth,
  input: { interfaceId: string; invoiceIds?: string[] | undefined } & AvailableFilter,
): Promise<Batch> {
  // Another batch made at the same moment may take some of the same invoices first: the database refuses
  // the second (batch_items_one_open_batch), and the choice is made again from what is still available.
  for (let attempt = 0; ; attempt++) {
    try {
      return await createBatchOnce(db, auth, input);
    } catch (err) {
      if (pgError(err)?.constraint === 'batch_items_one_open_batch' && attempt < 5) continue;
      throw err;
    }
  }
}

async function createBatchOnce(
  db: Db,
  auth: Auth,
  input: { interfaceId: string; invoiceIds?: string[] | undefined } & AvailableFilter,
): Promise<Batch> {
  const available = await availableInvoices(db, auth.practiceId, input.interfaceId, input);
  let chosen = available.map((a) => a.invoiceId);
  if (input.invoiceIds) {
    const availableSet = new Set(chosen);
    const unavailable = input.invoiceIds.filter((id) => !availableSet.has(id));
    if (unavailable.length) {
      throw badRequest(
        'invoices_not_available',
        `${unavailable.length} of the chosen invoices cannot go in a batch for this accounts file: they are drafts, parked, already sent, in another batch, or belong to an office linked elsewhere.`,
        { invoiceIds: unavailable.slice(0, 20).join(', ') },
      );
    }
    chosen = input.invoiceIds;
  }
  if (!chosen.length)
    throw badRequest(
      'nothing_to_batch',
      'There are no invoices available for a new batch with these filters.',
    );
  // Numbers come from the practice's highest so far; two batches made at once retry on the unique number.
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await db.transaction(async (tx) => {
        const [{ last } = { last: 0 }] = await tx
          .select({ last: max(batches.number) })
          .from(batches)
          .where(eq(batches.practiceId, auth.practiceId));
        const [batch] = await tx
          .insert(batches)
          .values({
            practiceId: auth.practiceId,
            number: (last ?? 0) + 1,
            interfaceId: input.interfaceId,
            createdBy: auth.actor,
          })
          .returning({ id: batches.id });
        await tx
          .insert(batchItems)
          .values(
            chosen.map((invoiceId) => ({ practiceId: auth.practiceId, batchId: batch!.id, invoiceId })),
          );
        return batch!.id;
      });
      return getBatch(db, auth.practiceId, id);
    } catch (err) {
      if (pgError(err)?.constraint === 'batches_practice_number' && attempt < 5) continue;
      throw err;
    }
  }
}

async function summaries(db: Db, practiceId: string, batchId?: string): Promise<BatchSummary[]> {
  const rows = await db
    .select({ batch: batches, interfaceName: accountsInterfaces.displayName })
    .from(batches)
    .innerJoin(accountsInterfaces, eq(accountsInterfaces.id, batches.interfaceId))
    .where(and(eq(batches.practiceId, practiceId), batchId ? eq(batches.id, batchId) : undefined))
    .orderBy(desc(batches.number))
    .limit(200);
  if (!rows.length) return [];
  const counts = await db
    .select({ batchId: batchItems.batchId, status: batchItems.status, n: sql<number>`count(*)::int` })
    .from(batchItems)
    .where(
      and(
        eq(batchItems.practiceId, practiceId),
        inArray(
          batchItems.batchId,
          rows.map((r) => r.batch.id),
        ),
      ),
    )
    .groupBy(batchItems.batchId, batchItems.status);
  return rows.map(({ batch: b, interfaceName }) => {
    const of = (status: string) => counts.find((c) => c.batchId === b.id && c.status === status)?.n ?? 0;
    const total = counts.filter((c) => c.batchId === b.id).reduce((s, c) => s + c.n, 0);
    return {
      id: b.id,
      number: b.number,
      interfaceId: b.interfaceId,
      interfaceName,
      status: b.status as BatchSummary['status'],
      createdBy: b.createdBy,
      createdAt: b.createdAt.toISOString(),
      startedAt: b.startedAt?.toISOString() ?? null,
      finishedAt: b.finishedAt?.toISOString() ?? null,
      durationSeconds:
        b.startedAt && b.finishedAt ? (b.finishedAt.getTime() - b.startedAt.getTime()) / 1000 : null,
      counts: {
        total,
        pending: of('pending') + of('sending'),
        uploaded: of('uploaded'),
        failed: of('failed'),
        skipped: of('skipped'),
      },
    };
  });
}

export const listBatches = (db: Db, practiceId: string) => summaries(db, practiceId);

export async function getBatch(db: Db, practiceId: string, batchId: string): Promise<Batch> {
  const [summary] = await summaries(db, practiceId, batchId);
  if (!summary) throw notFound('Batch');
  const rows = await db
    .select({
      item: batchItems,
      number: invoices.number,
      totalCents: invoices.totalCents,
      clientName: clients.name,
      ledger: syncLedger,
    })
    .from(batchItems)
    .innerJoin(invoices, eq(invoices.id, batchItems.invoiceId))
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .leftJoin(
      syncLedger,
      and(eq(syncLedger.invoiceId, batchItems.invoiceId), eq(syncLedger.interfaceId, summary.interfaceId)),
    )
    .where(and(eq(batchItems.practiceId, practiceId), eq(batchItems.batchId, batchId)))
    .orderBy(asc(invoices.number));
  const items: BatchItem[] = rows.map((r) => ({
    invoiceId: r.item.invoiceId,
    number: r.number,
    clientName: r.clientName,
    total: formatCents(r.totalCents),
    status: r.item.status as BatchItem['status'],
    externalNumber: r.ledger?.externalNumber ?? null,
    uploadedAt: r.item.status === 'uploaded' ? r.item.updatedAt.toISOString() : null,
    error: r.item.error ? errorSentence(r.item.error) : null,
    remoteStatus: r.ledger?.remoteStatus ?? null,
  }));
  return { ...summary, items };
}

/** Takes an invoice out of an open batch; it stays available for a later one. */
export async function skipItem(db: Db, practiceId: string, batchId: string, invoiceId: string) {
  const batch = await getBatch(db, practiceId, batchId);
  if (batch.status !== 'open')
    throw conflict(
      'batch_not_open',
      `Batch ${batch.number} has started uploading; its invoices can no longer be skipped.`,
    );
  await db
    .update(batchItems)
    .set({ status: 'skipped', updatedAt: new Date() })
    .where(
      and(
        eq(batchItems.practiceId, practiceId),
        eq(batchItems.batchId, batchId),
        eq(batchItems.invoiceId, invoiceId),
      ),
    );
  return getBatch(db, practiceId, batchId);
}

export async function setParked(db: Db, practiceId: string, invoiceId: string, parked: boolean) {
  const [row] = await db
    .update(invoices)
    .set({ parkedAt: parked ? new Date() : null })
    .where(and(eq(invoices.practiceId, practiceId), eq(invoices.id, invoiceId)))
    .returning({ id: invoices.id, number: invoices.number });
  if (!row) throw notFound('Invoice');
  if (parked) {
    // A parked invoice is never sent: take it out of batches that have not started.
    const open = db
      .select({ id: batches.id })
      .from(batches)
      .where(and(eq(batches.practiceId, practiceId), eq(batches.status, 'open')));
    await db
      .update(batchItems)
      .set({ status: 'skipped', updatedAt: new Date() })
      .where(
        and(
          eq(batchItems.invoiceId, invoiceId),
          eq(batchItems.status, 'pending'),
          inArray(batchItems.batchId, open),
        ),
      );
  }
  return { invoiceId: row.id, number: row.number, parked };
}

export async function deleteOpenBatch(db: Db, practiceId: string, batchId: string) {
  const batch = await getBatch(db, practiceId, batchId);
  if (batch.status !== 'open')
    throw conflict('batch_not_open', `Batch ${batch.number} has started uploading and is kept as a record.`);
  await db.delete(batches).where(and(eq(batches.practiceId, practiceId), eq(batches.id, batchId)));
}
