// Daily snapshots of billable accounts files (idempotent), monthly invoice counters, and the statement
// built from them, per practice.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, exportsTable } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../../tests/helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../../tests/helpers/practices.ts';
import { PLANS } from './plans.ts';
import { statementOf } from './statement.ts';
import { type KindOf, recordUsage, snapshotConnectedFiles, usageOf } from './usage.ts';

// Import-file templates join the registry separately; here one stands in for them.
const kindOf: KindOf = (p) =>
  p === 'xero' || p === 'myob' ? 'api' : p === 'reckon-accounts-iif' ? 'file' : undefined;

describe.each(testDbKinds)('usage (%s)', (kind) => {
  let database: Database;
  let practices: TwoPractices;
  let reckonId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    const p = practices.a.id;
    await database.db
      .update(accountsInterfaces)
      .set({ status: 'connected' })
      .where(and(eq(accountsInterfaces.practiceId, p), eq(accountsInterfaces.provider, 'xero')));
    const [reckon] = await database.db
      .insert(accountsInterfaces)
      .values({ practiceId: p, displayName: 'Reckon (Perth)', provider: 'reckon-accounts-iif' })
      .returning();
    reckonId = reckon!.id;
    await database.db.insert(exportsTable).values({
      practiceId: p,
      interfaceId: reckonId,
      template: 'reckon-accounts-iif',
      fileName: 'batch-1.iif',
      invoiceCount: 12,
      createdBy: 'a@example.test',
      createdAt: new Date('2026-04-02T23:30:00.000Z'),
    });
  });
  afterAll(async () => database.close());

  it('records connected API files and exporting file interfaces per day, once', async () => {
    const first = await snapshotConnectedFiles(database.db, '2026-04-02', kindOf);
    expect(first).toEqual({ day: '2026-04-02', practices: 2, added: 2 });
    expect(await snapshotConnectedFiles(database.db, '2026-04-02', kindOf)).toMatchObject({ added: 0 });
    // Next day: Xero still connected, Reckon wrote nothing.
    expect(await snapshotConnectedFiles(database.db, new Date('2026-04-03T20:00:00Z'), kindOf)).toMatchObject(
      { added: 1 },
    );
    const usage = await usageOf(database.db, practices.a.id, '2026-04');
    expect(usage.files.map((f) => [f.kind, f.displayName, f.days])).toEqual([
      ['api', 'Xero (Australia East)', 2],
      ['file', 'Reckon (Perth)', 1],
    ]);
    expect((await usageOf(database.db, practices.b.id, '2026-04')).files).toEqual([]);
    expect((await usageOf(database.db, practices.a.id, '2026-05')).files).toEqual([]);
  });

  it('never charges providers the registry does not know, nor disconnected files', async () => {
    // With the real registry, the stand-in file provider is unknown: nothing is recorded for it.
    await snapshotConnectedFiles(database.db, '2026-06-02');
    const usage = await usageOf(database.db, practices.a.id, '2026-06');
    expect(usage.files.map((f) => f.provider)).toEqual(['xero']);
  });

  it('counts invoices pushed and exported per UTC month', async () => {
    const p = practices.a.id;
    await recordUsage(database.db, p, { kind: 'invoice_pushed', count: 3 }, new Date('2026-04-30T23:59:59Z'));
    await recordUsage(database.db, p, { kind: 'invoice_pushed', count: 2 }, new Date('2026-04-01T00:00:00Z'));
    await recordUsage(
      database.db,
      p,
      { kind: 'invoice_exported', count: 12 },
      new Date('2026-04-02T23:30:00Z'),
    );
    await recordUsage(database.db, p, { kind: 'invoice_pushed', count: 9 }, new Date('2026-05-01T00:00:00Z'));
    await recordUsage(database.db, p, { kind: 'invoice_pushed', count: 0 }, new Date('2026-04-10T00:00:00Z'));
    await expect(
      recordUsage(database.db, p, { kind: 'invoice_pushed', count: -1 }, new Date()),
    ).rejects.toThrow(RangeError);
    expect(await usageOf(database.db, p, '2026-04')).toMatchObject({
      invoicesPushed: 5,
      invoicesExported: 12,
    });
    expect(await usageOf(database.db, p, '2026-05')).toMatchObject({
      invoicesPushed: 9,
      invoicesExported: 0,
    });
    expect(await usageOf(database.db, practices.b.id, '2026-04')).toMatchObject({ invoicesPushed: 0 });
  });

  it('builds the statement from the recorded usage: plan price x files, in cents', async () => {
    const s = await statementOf(database.db, practices.a.id, '2026-04', new Date('2026-04-20T00:00:00Z'));
    const price = PLANS['link-monthly'].prices.AUD;
    expect(s.totalCents).toBe(price.apiFileCents + price.fileInterfaceCents);
    expect(s).toMatchObject({ currency: 'AUD', invoicesPushed: 5, invoicesExported: 12 });
    expect(s.note).toMatch(/^Nothing is charged during your free trial/);
  });
});
