import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { invoiceLines, invoices, jobs, offices, taxClasses } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../helpers/practices.ts';

describe.each(testDbKinds)('invoices API on %s', (kind) => {
  let database: Database;
  let app: TestApp;
  let practices: TwoPractices;
  let call: ReturnType<TestApp['as']>;
  let valid: Record<string, unknown>;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    app = await startTestApp(database);
    call = app.as(practices.a.key);
    const a = practices.a.id;
    const [job] = await database.db.select().from(jobs).where(eq(jobs.practiceId, a)).limit(1);
    const classes = await database.db.select().from(taxClasses).where(eq(taxClasses.practiceId, a));
    const gst = classes.find((c) => c.code === 'GST')!;
    const free = classes.find((c) => c.code === 'FRE')!;
    valid = {
      number: 'INV-T1',
      officeId: job!.officeId,
      clientId: job!.clientId,
      jobId: job!.id,
      invoiceDate: '2026-11-20',
      dueDate: '2026-12-20',
      currency: 'AUD',
      taxMode: 'exclusive',
      lines: [
        {
          category: 'fee',
          description: 'Design development',
          quantity: '3',
          unitPrice: '33.335',
          taxClassId: gst.id,
        },
        {
          category: 'disbursement',
          description: 'Council fee',
          quantity: '1',
          unitPrice: '512.00',
          taxClassId: free.id,
        },
      ],
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const invoiceCount = async () => (await database.db.select({ n: count() }).from(invoices))[0]!.n;
  const lineCount = async () => (await database.db.select({ n: count() }).from(invoiceLines))[0]!.n;

  it('pages through all 120 seeded invoices with the cursor, newest first, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let previousDate = '9999-12-31';
    do {
      const res = await call(`/api/invoices?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      const body = await res.json();
      for (const item of body.items) {
        expect(item.invoiceDate <= previousDate).toBe(true);
        previousDate = item.invoiceDate;
        seen.push(item.id);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('filters by office, status and date range', async () => {
    const [office] = await database.db
      .select()
      .from(offices)
      .where(eq(offices.practiceId, practices.a.id))
      .limit(1);
    const body = await (
      await call(`/api/invoices?officeId=${office!.id}&from=2026-03-01&to=2026-06-30&limit=200`)
    ).json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item.officeId).toBe(office!.id);
      expect(item.invoiceDate >= '2026-03-01' && item.invoiceDate <= '2026-06-30').toBe(true);
    }
    const drafts = await (await call('/api/invoices?status=draft')).json();
    expect(drafts.items.every((i: { status: string }) => i.status === 'draft')).toBe(true);
  });

  it('answers a bad body with 400 naming each field, and writes nothing', async () => {
    const before = [await invoiceCount(), await lineCount()];
    const bad = {
      ...valid,
      number: 'INV-BAD',
      currency: 'dollars',
      lines: [{ ...(valid.lines as object[])[0], quantity: 2.5 }],
    };
    const res = await call('/api/invoices', { method: 'POST', json: bad });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields).sort()).toEqual(['currency', 'lines.0.quantity']);
    expect(error.fields['lines.0.quantity']).toMatch(/decimal number written as a string/);
    expect([await invoiceCount(), await lineCount()]).toEqual(before);
  });

  it('writes nothing when one line refers to a missing tax class', async () => {
    const before = [await invoiceCount(), await lineCount()];
    const lines = [
      ...(valid.lines as object[]),
      { category: 'fee', description: 'x', quantity: '1', unitPrice: '1', taxClassId: crypto.randomUUID() },
    ];
    const res = await call('/api/invoices', {
      method: 'POST',
      json: { ...valid, number: 'INV-BAD2', lines },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({
      'lines.2.taxClassId': 'no such tax class in this practice',
    });
    expect([await invoiceCount(), await lineCount()]).toEqual(before);
  });

  it('creates a draft with per-line tax rounded half away from zero, edits it, commits it, then refuses edits', async () => {
    const created = await call('/api/invoices', { method: 'POST', json: valid });
    expect(created.status).toBe(201);
    const invoice = await created.json();
    // 3 x 33.335 = 100.005 -> 100.01; GST 10.00; plus 512.00 GST-free. Inclusive: 100.01 x 10/110 = 9.09 tax.
    expect(invoice.lines.map((l: { net: string; tax: string }) => [l.net, l.tax])).toEqual([
      ['100.01', '10.00'],
      ['512.00', '0.00'],
    ]);
    expect([invoice.subtotal, invoice.tax, invoice.total, invoice.status, invoice.version]).toEqual([
      '612.01',
      '10.00',
      '622.01',
      'draft',
      1,
    ]);

    const edited = await (
      await call(`/api/invoices/${invoice.id}`, { method: 'PUT', json: { ...valid, taxMode: 'inclusive' } })
    ).json();
    expect([edited.subtotal, edited.tax, edited.total, edited.version]).toEqual([
      '602.92',
      '9.09',
      '612.01',
      2,
    ]);

    const committed = await call(`/api/invoices/${invoice.id}/commit`, { method: 'POST' });
    expect((await committed.json()).status).toBe('committed');
    const refused = await call(`/api/invoices/${invoice.id}`, { method: 'PUT', json: valid });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('invoice_committed');
    expect((await call(`/api/invoices/${invoice.id}/commit`, { method: 'POST' })).status).toBe(409);
  });

  it('refuses a duplicate invoice number with 409 naming the field', async () => {
    const res = await call('/api/invoices', { method: 'POST', json: { ...valid, number: 'INV-10001' } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toEqual({ number: 'Another invoice already has this number.' });
  });

  it('refuses a job that belongs to another client', async () => {
    const [otherJob] = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.practiceId, practices.a.id))
      .then((rows) => rows.filter((j) => j.clientId !== valid.clientId));
    const res = await call('/api/invoices', {
      method: 'POST',
      json: { ...valid, number: 'INV-T3', jobId: otherJob!.id },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ jobId: 'this job belongs to another client' });
  });

  it('answers invalid JSON with a clear 400', async () => {
    const res = await call('/api/invoices', {
      method: 'POST',
      body: '{"number":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_json');
  });
});
