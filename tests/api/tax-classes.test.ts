// Tax classes through the API: a practice creates the classes it really charges (NZ GST 15%), changes
// them while no invoice uses the rate, and gets a 400 with the field at fault, or a 409 saying what to do.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { jobs, taxClasses } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../helpers/practices.ts';

describe.each(testDbKinds)('tax classes API on %s', (kind) => {
  let database: Database;
  let app: TestApp;
  let practices: TwoPractices;
  let call: ReturnType<TestApp['as']>;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    app = await startTestApp(database);
    call = app.as(practices.a.key);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('creates NZ GST 15% and lists it; another practice never sees it', async () => {
    const res = await call('/api/tax-classes', {
      method: 'POST',
      json: { code: 'NZGST', name: 'NZ GST 15%', ratePercent: '15' },
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ code: 'NZGST', name: 'NZ GST 15%', ratePercent: '15', inclusive: false });
    const list = await (await call('/api/tax-classes')).json();
    expect(list.map((c: { code: string }) => c.code)).toContain('NZGST');
    const other = await (await app.as(practices.b.key)('/api/tax-classes')).json();
    expect(other.map((c: { code: string }) => c.code)).not.toContain('NZGST');
    const renamed = await call(`/api/tax-classes/${created.id}`, {
      method: 'PATCH',
      json: { name: 'GST (New Zealand)', ratePercent: '15.0' },
    });
    expect(await renamed.json()).toMatchObject({ name: 'GST (New Zealand)', ratePercent: '15' });
    expect(
      (
        await app.as(practices.b.key)(`/api/tax-classes/${created.id}`, {
          method: 'PATCH',
          json: { name: 'x' },
        })
      ).status,
    ).toBe(404);
  });

  it.each([
    [{ code: 'X1', name: 'Too much', ratePercent: '150' }, 'ratePercent'],
    [{ code: 'X2', name: 'Too fine', ratePercent: '12.34567' }, 'ratePercent'],
    [{ code: 'X3', name: 'Not a number', ratePercent: 'ten' }, 'ratePercent'],
    [{ code: '', name: 'No code', ratePercent: '10' }, 'code'],
    [{ code: 'X5', name: 'Float', ratePercent: 10 }, 'ratePercent'],
  ])('refuses %j with 400 naming %s, and saves nothing', async (body, field) => {
    const res = await call('/api/tax-classes', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(Object.keys(error.fields)).toContain(field);
    const rows = await database.db
      .select()
      .from(taxClasses)
      .where(eq(taxClasses.code, String(body.code)));
    expect(rows).toEqual([]);
  });

  it('a duplicate code is a 409 on the code field', async () => {
    const res = await call('/api/tax-classes', {
      method: 'POST',
      json: { code: 'GST', name: 'Another GST', ratePercent: '10' },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toHaveProperty('code');
  });

  it('a rate used by invoice lines cannot change (409); an inclusive class makes new invoices inclusive', async () => {
    const [gst] = await database.db.select().from(taxClasses).where(eq(taxClasses.code, 'GST'));
    const used = await call(`/api/tax-classes/${gst!.id}`, {
      method: 'PATCH',
      json: { ratePercent: '12.5' },
    });
    expect(used.status).toBe(409);
    expect((await used.json()).error).toMatchObject({ code: 'tax_class_in_use' });

    const inc = await (
      await call('/api/tax-classes', {
        method: 'POST',
        json: { code: 'GSTINC', name: 'GST 10% (prices include GST)', ratePercent: '10', inclusive: true },
      })
    ).json();
    const [job] = await database.db.select().from(jobs).where(eq(jobs.practiceId, practices.a.id)).limit(1);
    const invoice = await call('/api/invoices', {
      method: 'POST',
      json: {
        number: 'INC-1',
        officeId: job!.officeId,
        clientId: job!.clientId,
        invoiceDate: '2026-11-20',
        dueDate: '2026-12-20',
        currency: 'AUD',
        lines: [{ category: 'fee', description: 'Fee', quantity: '1', unitPrice: '110', taxClassId: inc.id }],
      },
    });
    expect(invoice.status).toBe(201);
    expect(await invoice.json()).toMatchObject({
      taxMode: 'inclusive',
      subtotal: '100.00',
      tax: '10.00',
      total: '110.00',
    });
    // Now that INC-1 uses it, its rate is fixed too.
    const changed = await call(`/api/tax-classes/${inc.id}`, {
      method: 'PATCH',
      json: { ratePercent: '15' },
    });
    expect(changed.status).toBe(409);
  });
});
