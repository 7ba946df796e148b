// A database that already holds an invoice in two unfinished batches (made at the same moment before the
// database refused it) must still migrate: the invoice stays in the batch furthest along and is skipped in
// the other, and then the one-unfinished-batch index can be built.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { batches, batchItems, invoices } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { practiceOnTestLedger } from '../helpers/link.ts';

const migration = (name: string) =>
  readFileSync(new URL(`../../db/migrations/${name}`, import.meta.url), 'utf8');

describe.each(testDbKinds)('migrating duplicates of unfinished batches (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database?.close());

  it('keeps each invoice in one unfinished batch, then builds the index', async () => {
    const { practiceId, interfaceId } = await practiceOnTestLedger(database, 31);
    const [invoice] = await database.db
      .select()
      .from(invoices)
      .where(eq(invoices.practiceId, practiceId))
      .limit(1);
    // The state before the index existed.
    await database.db.execute(sql`drop index batch_items_one_open_batch`);
    const [older] = await database.db
      .insert(batches)
      .values({ practiceId, number: 1, interfaceId, createdBy: 't', createdAt: new Date('2026-01-01') })
      .returning();
    const [queued] = await database.db
      .insert(batches)
      .values({ practiceId, number: 2, interfaceId, createdBy: 't', status: 'queued' })
      .returning();
    for (const batch of [older!, queued!]) {
      await database.db.insert(batchItems).values({ practiceId, batchId: batch.id, invoiceId: invoice!.id });
    }

    await database.db.execute(sql.raw(migration('0003_unfinished_batch_duplicates.sql')));
    const index = migration('0004_rate_limits_and_one_open_batch.sql').split('--> statement-breakpoint')[1]!;
    await database.db.execute(sql.raw(index));

    const items = await database.db.select().from(batchItems).where(eq(batchItems.invoiceId, invoice!.id));
    expect(Object.fromEntries(items.map((i) => [i.batchId, i.status]))).toEqual({
      [queued!.id]: 'pending',
      [older!.id]: 'skipped',
    });
  });
});
