// The sync ledger: one row per invoice per accounts file, saying what the ledger holds of it. Every state
// change is committed before the next step, so a process killed at any point resumes from here:
//   pending -> sending -> pushed | failed; sending/uncertain -> looked up before anything is sent again.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { batchItems, syncLedger } from '../../db/schema.ts';

export type LedgerState = 'pending' | 'sending' | 'uncertain' | 'pushed' | 'failed';
export type LedgerRow = typeof syncLedger.$inferSelect;
export interface StoredError {
  code: string;
  message: string;
}

export async function ledgerRows(db: Db, practiceId: string, interfaceId: string, invoiceIds: string[]) {
  if (!invoiceIds.length) return new Map<string, LedgerRow>();
  const rows = await db
    .select()
    .from(syncLedger)
    .where(
      and(
        eq(syncLedger.practiceId, practiceId),
        eq(syncLedger.interfaceId, interfaceId),
        inArray(syncLedger.invoiceId, invoiceIds),
      ),
    );
  return new Map(rows.map((r) => [r.invoiceId, r]));
}

/** Creates the rows that do not exist yet; a row of an older version starts again as pending. */
export async function ensureLedgerRows(
  db: Db,
  practiceId: string,
  interfaceId: string,
  versions: Map<string, number>,
) {
  const existing = await ledgerRows(db, practiceId, interfaceId, [...versions.keys()]);
  for (const [invoiceId, version] of versions) {
    const row = existing.get(invoiceId);
    if (!row) {
      await db
        .insert(syncLedger)
        .values({ practiceId, interfaceId, invoiceId, version, state: 'pending' })
        .onConflictDoNothing();
    } else if (row.version < version && row.state !== 'sending' && row.state !== 'uncertain') {
      await db
        .update(syncLedger)
        .set({ version, state: 'pending', updatedAt: new Date() })
        .where(eq(syncLedger.id, row.id));
    }
  }
  return ledgerRows(db, practiceId, interfaceId, [...versions.keys()]);
}

export async function markSending(
  db: Db,
  practiceId: string,
  interfaceId: string,
  batchId: string,
  invoiceIds: string[],
  key: string,
) {
  await db.transaction(async (tx) => {
    await tx
      .update(syncLedger)
      .set({
        state: 'sending',
        idempotencyKey: key,
        attempts: sql`${syncLedger.attempts} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(syncLedger.practiceId, practiceId),
          eq(syncLedger.interfaceId, interfaceId),
          inArray(syncLedger.invoiceId, invoiceIds),
        ),
      );
    await setItems(tx, practiceId, batchId, invoiceIds, 'sending', null);
  });
}

export async function markPushed(
  db: Db,
  practiceId: string,
  interfaceId: string,
  batchId: string,
  invoiceId: string,
  doc: { externalId: string; externalNumber: string; status: string },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(syncLedger)
      .set({
        state: 'pushed',
        externalId: doc.externalId,
        externalNumber: doc.externalNumber,
        remoteStatus: doc.status,
        lastError: null,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(syncLedger.practiceId, practiceId),
          eq(syncLedger.interfaceId, interfaceId),
          eq(syncLedger.invoiceId, invoiceId),
        ),
      );
    await setItems(tx, practiceId, batchId, [invoiceId], 'uploaded', null);
  });
}

export async function markFailed(
  db: Db,
  practiceId: string,
  interfaceId: string,
  batchId: string,
  invoiceIds: string[],
  error: StoredError,
  state: LedgerState = 'failed',
) {
  if (!invoiceIds.length) return;
  await db.transaction(async (tx) => {
    await tx
      .update(syncLedger)
      .set({ state, lastError: error, updatedAt: new Date() })
      .where(
        and(
          eq(syncLedger.practiceId, practiceId),
          eq(syncLedger.interfaceId, interfaceId),
          inArray(syncLedger.invoiceId, invoiceIds),
        ),
      );
    await setItems(
      tx,
      practiceId,
      batchId,
      invoiceIds,
      state === 'failed' ? 'failed' : 'pending',
      state === 'failed' ? error : null,
    );
  });
}

export async function setItems(
  db: Db,
  practiceId: string,
  batchId: string,
  invoiceIds: string[],
  status: string,
  error: StoredError | null,
) {
  if (!invoiceIds.length) return;
  await db
    .update(batchItems)
    .set({ status, error, updatedAt: new Date() })
    .where(
      and(
        eq(batchItems.practiceId, practiceId),
        eq(batchItems.batchId, batchId),
        inArray(batchItems.invoiceId, invoiceIds),
      ),
    );
}
