// POST /api/invoices with arbitrary bodies (mutations of a valid one): the API answers 201 or a clear 400
// (error.code, error.message, error.fields), never a 500, and a refused body writes nothing.
// 409 already_exists is also a correct answer: a mutation can repeat an invoice number a previous run used.
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { invoiceLines, invoices, jobs, taxClasses } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { seedTwoPractices } from '../helpers/practices.ts';
import { mutate, mutation } from './invoice-body-arbitraries.ts';

type Body = Record<string, unknown> & { lines: Record<string, unknown>[] };

describe('POST /api/invoices with arbitrary bodies (PGlite)', () => {
  let database: Database;
  let app: TestApp;
  let call: ReturnType<TestApp['as']>;
  let valid: Body;
  let serial = 0;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    const practices = await seedTwoPractices(database);
    app = await startTestApp(database);
    call = app.as(practices.a.key);
    const a = practices.a.id;
    const [job] = await database.db.select().from(jobs).where(eq(jobs.practiceId, a)).limit(1);
    const classes = await database.db.select().from(taxClasses).where(eq(taxClasses.practiceId, a));
    valid = {
      number: 'PROP-0',
      officeId: job!.officeId,
      clientId: job!.clientId,
      jobId: job!.id,
      invoiceDate: '2026-11-20',
      dueDate: '2026-12-20',
      currency: 'AUD',
      taxMode: 'exclusive',
      reference: 'PO 1',
      lines: classes.slice(0, 2).map((c, i) => ({
        category: i ? 'disbursement' : 'fee',
        description: `Line ${i}`,
        quantity: '2.5',
        unitPrice: '120.00',
        taxClassId: c.id,
      })),
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const rows = async () => [
    (await database.db.select({ n: count() }).from(invoices))[0]!.n,
    (await database.db.select({ n: count() }).from(invoiceLines))[0]!.n,
  ];

  async function post(body: unknown): Promise<void> {
    const before = await rows();
    const res = await call('/api/invoices', { method: 'POST', json: body });
    const answer = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const seen = `${res.status} ${JSON.stringify(answer).slice(0, 400)}`;
    expect([201, 400, 409], seen).toContain(res.status);
    const after = await rows();
    if (res.status === 201) {
      const lines = (body as Body).lines.length;
      expect(after, seen).toEqual([before[0]! + 1, before[1]! + lines]);
      return;
    }
    expect(typeof answer.error?.code, seen).toBe('string');
    expect(typeof answer.error?.message, seen).toBe('string');
    if (res.status === 409) expect(answer.error?.code, seen).toBe('already_exists');
    if (res.status === 400) {
      expect(answer.error?.fields, seen).toBeTypeOf('object');
      expect(answer.error?.fields, seen).not.toBeNull();
    }
    expect(after, seen).toEqual(before);
  }

  it('answers 201 or 400 with error fields, and writes nothing on a 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        await post(mutate({ ...valid, number: `PROP-${++serial}` }, mutations));
      }),
      // Cases too rare to count on chance for: both factors at the 12-digit maximum (net cents beyond
      // bigint range), a NUL character (PostgreSQL text refuses it), year 0000 (PostgreSQL has no year 0).
      {
        numRuns: 100,
        examples: [
          [
            [
              { op: 'setLine', line: 0, field: 'quantity', value: '999999999999.9999' },
              { op: 'setLine', line: 0, field: 'unitPrice', value: '999999999999.9999' },
            ],
          ],
          [[{ op: 'setLine', line: 0, field: 'description', value: 'a\u0000b' }]],
          [[{ op: 'set', field: 'reference', value: '\u0000' }]],
          [
            [
              { op: 'set', field: 'invoiceDate', value: '0000-01-01' },
              { op: 'set', field: 'dueDate', value: '0000-01-02' },
            ],
          ],
        ],
      },
    );
  });

  it('answers arbitrary JSON values (not objects, wrong shapes) with a 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        await post(body);
      }),
      { numRuns: 50 },
    );
  });
});
