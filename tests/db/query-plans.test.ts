// Queries that would grow with a practice's history must not read the whole invoices table. The database
// holds many practices (as production does), the one under test has a few thousand invoices, most already
// pushed, and statistics are fresh (ANALYZE): the planner then chooses as it would in production, and no
// planner setting is forced. Runs on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPractice } from '../../addon/demo/seed.ts';
import { listInvoicesQuery } from '../../addon/domain/invoices.ts';
import { availableQuery } from '../../addon/link/batches.ts';
import type { Database } from '../../db/client.ts';
import { invoices, offices } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { practiceOnTestLedger } from '../helpers/link.ts';

const OTHER_PRACTICES = 19;
/** Each demo practice has 120 invoices; copies make it 120 x COPIES. */
const COPIES = 25;

async function explain(database: Database, query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const text = `explain ${sql}`;
  const rows =
    database.kind === 'pglite'
      ? (await database.pglite!.query<Record<string, string>>(text, params)).rows
      : ((await database.sql!.unsafe(text, params as never[])) as unknown as Record<string, string>[]);
  return rows.map((r) => Object.values(r)[0]).join('\n');
}

async function raw(database: Database, text: string) {
  if (database.kind === 'pglite') await database.pglite!.exec(text);
  else await database.sql!.unsafe(text);
}

describe.each(testDbKinds)('query plans with many practices on %s', (kind) => {
  let database: Database;
  let practiceId: string;
  let interfaceId: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ practiceId, interfaceId } = await practiceOnTestLedger(database));
    for (let i = 0; i < OTHER_PRACTICES; i++) {
      await seedPractice(database.db, {
        name: `Other ${i}`,
        seed: 200 + i,
        adminEmail: `o${i}@example.test`,
      });
    }
    // Years of history: every practice's invoices copied over earlier dates.
    await raw(
      database,
      `insert into invoices (practice_id, number, office_id, client_id, job_id, invoice_date, due_date, status,
         currency, tax_mode, subtotal_cents, tax_cents, total_cents, committed_at)
       select practice_id, number || '-' || g, office_id, client_id, job_id, invoice_date - g * 7,
         due_date - g * 7, status, currency, tax_mode, subtotal_cents, tax_cents, total_cents, committed_at
       from invoices cross join generate_series(1, ${COPIES - 1}) g`,
    );
    // Nearly all of the practice's history is already in its ledger.
    await raw(
      database,
      `insert into sync_ledger (practice_id, invoice_id, interface_id, state, version, external_id)
       select practice_id, id, '${interfaceId}', 'pushed', version, id::text from invoices
       where practice_id = '${practiceId}' and status = 'committed' and invoice_date < current_date - 60`,
    );
    // ... each through a batch, in batches of about 50 as uploads make them.
    await raw(
      database,
      `insert into batches (practice_id, number, interface_id, status, created_by)
       select '${practiceId}', g, '${interfaceId}', 'done', 'history'
       from generate_series(1, (select count(*) / 50 + 1 from sync_ledger)::int) g`,
    );
    await raw(
      database,
      `insert into batch_items (practice_id, batch_id, invoice_id, status)
       select l.practice_id, b.id, l.invoice_id, 'uploaded'
       from (select *, row_number() over (order by invoice_id) / 50 + 1 as n from sync_ledger) l
       join batches b on b.number = l.n and b.practice_id = l.practice_id`,
    );
    await raw(database, 'analyze');
  }, 300_000);
  afterAll(async () => database?.close());

  it('holds realistic counts: the practice is a small part of the invoices table', async () => {
    const all = await database.db.$count(invoices);
    const mine = await database.db.$count(invoices, eq(invoices.practiceId, practiceId));
    expect(all).toBe(120 * COPIES * (OTHER_PRACTICES + 1));
    expect(mine).toBe(120 * COPIES);
  });

  it('the invoice list, first page and filtered, reads by index', async () => {
    const first = await explain(database, listInvoicesQuery(database.db, practiceId, { limit: 50 }));
    expect(first).not.toMatch(/Seq Scan on invoices/);
    const [office] = await database.db
      .select()
      .from(offices)
      .where(eq(offices.practiceId, practiceId))
      .limit(1);
    const filtered = await explain(
      database,
      listInvoicesQuery(database.db, practiceId, {
        limit: 50,
        status: 'committed',
        officeId: office!.id,
        from: '2025-01-01',
      }),
    );
    expect(filtered).not.toMatch(/Seq Scan on invoices/);
  });

  it('invoices available for a batch are found without reading every invoice or ledger row', async () => {
    const plan = await explain(database, availableQuery(database.db, practiceId, interfaceId, {}));
    if (process.env.SHOW_PLANS) console.log(plan);
    expect(plan).not.toMatch(/Seq Scan on invoices/);
    expect(plan).not.toMatch(/Seq Scan on sync_ledger/);
    expect(plan).not.toMatch(/Seq Scan on batch_items/);
  });
});
