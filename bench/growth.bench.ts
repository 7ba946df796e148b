// Cost as a practice's history grows: the same practice at 1,000, 10,000 (and, in the full run, 100,000)
// invoices, most of them long since pushed, beside other practices in the same tables. Per size: the
// invoice list's first page, a filtered list, an invoice's detail, the invoices available for a batch and
// making a batch of 50, each the median of several runs in ms. Baseline, same run: `select 1`, the cost of
// a round trip and nothing else. Figures: <what>Ms per size, and <what>Growth = the largest size's figure
// over the smallest's (1.0 is flat; 10 would mean the cost grows with history).
import { eq, sql } from 'drizzle-orm';
import { seedPractice } from '../addon/demo/seed.ts';
import { getInvoice, listInvoices } from '../addon/domain/invoices.ts';
import { availableInvoices, createBatch } from '../addon/link/batches.ts';
import type { Database } from '../db/client.ts';
import { invoices, offices } from '../db/schema.ts';
import { freshDatabase, type TestDbKind } from '../tests/helpers/databases.ts';
import { practiceOnTestLedger } from '../tests/helpers/link.ts';
import type { BenchContext, Benchmark, Figure } from './types.ts';

const round = (n: number) => Math.round(n * 100) / 100;

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor(times.length / 2)]!);
}

async function raw(database: Database, text: string) {
  if (database.kind === 'pglite') await database.pglite!.exec(text);
  else await database.sql!.unsafe(text);
}

/** Copies the practice's 120 demo invoices (and their lines) `from`..`to` times over earlier dates, pushed. */
async function grow(database: Database, practiceId: string, interfaceId: string, from: number, to: number) {
  await raw(
    database,
    `insert into invoices (id, practice_id, number, office_id, client_id, job_id, invoice_date, due_date,
       status, currency, tax_mode, subtotal_cents, tax_cents, total_cents, committed_at)
     select md5(i.id::text || g)::uuid, practice_id, 'H' || g || '-' || number, office_id, client_id, job_id,
       invoice_date - g * 2, due_date - g * 2, status, currency, tax_mode, subtotal_cents, tax_cents,
       total_cents, committed_at
     from invoices i, generate_series(${from}, ${to}) g
     where practice_id = '${practiceId}' and number not like 'H%'`,
  );
  await raw(
    database,
    `insert into invoice_lines (id, practice_id, invoice_id, position, category, description, quantity,
       unit_price, task_id, tax_class_id, net_cents, tax_cents, gross_cents)
     select md5(l.id::text || g)::uuid, l.practice_id, md5(l.invoice_id::text || g)::uuid, position, category,
       description, quantity, unit_price, task_id, tax_class_id, l.net_cents, l.tax_cents, l.gross_cents
     from invoice_lines l join invoices i on i.id = l.invoice_id, generate_series(${from}, ${to}) g
     where l.practice_id = '${practiceId}' and i.number not like 'H%'`,
  );
  await raw(
    database,
    `insert into sync_ledger (practice_id, invoice_id, interface_id, state, version, external_id)
     select practice_id, id, '${interfaceId}', 'pushed', version, id::text from invoices
     where practice_id = '${practiceId}' and number like 'H%' and status = 'committed'
     on conflict do nothing`,
  );
  await raw(database, 'analyze');
}

async function onDatabase(kind: TestDbKind, sizes: number[], { log }: BenchContext) {
  const database = await freshDatabase(kind);
  try {
    const { db } = database;
    const { practiceId, interfaceId } = await practiceOnTestLedger(database);
    // Neighbours in the same tables, as in production.
    for (let i = 0; i < 3; i++)
      await seedPractice(db, { name: `Neighbour ${i}`, seed: 300 + i, adminEmail: `n${i}@example.test` });
    const auth = { practiceId, actor: 'bench' };
    const [office] = await db.select().from(offices).where(eq(offices.practiceId, practiceId)).limit(1);
    const figures: Record<string, Figure> = {};
    let copies = 0;
    for (const size of sizes) {
      const want = Math.ceil(size / 120) - 1;
      if (want > copies) await grow(database, practiceId, interfaceId, copies + 1, want);
      copies = want;
      const count = await db.$count(invoices, eq(invoices.practiceId, practiceId));
      const some = await db
        .select({ id: invoices.id })
        .from(invoices)
        .where(eq(invoices.practiceId, practiceId))
        .orderBy(sql`random()`)
        .limit(15);
      let next = 0;
      const at = {
        baseline: await median(15, () => db.execute(sql`select 1`)),
        listFirst: await median(15, () => listInvoices(db, practiceId, { limit: 50 })),
        listFiltered: await median(15, () =>
          listInvoices(db, practiceId, {
            limit: 50,
            status: 'committed',
            officeId: office!.id,
            from: '2020-01-01',
          }),
        ),
        detail: await median(15, () => getInvoice(db, practiceId, some[next++ % some.length]!.id)),
        available: await median(7, () => availableInvoices(db, practiceId, interfaceId, {})),
        batchOf50: await median(1, async () => {
          const ids = (await availableInvoices(db, practiceId, interfaceId, {})).slice(0, 50);
          await createBatch(db, auth, { interfaceId, invoiceIds: ids.map((i) => i.invoiceId) });
        }),
      };
      for (const [name, ms] of Object.entries(at)) figures[`${name}Ms_${size}`] = ms;
      figures[`invoices_${size}`] = count;
      log(`${kind} ${count} invoices: ${JSON.stringify(at)}`);
    }
    const [small, large] = [sizes[0]!, sizes.at(-1)!];
    for (const name of ['listFirst', 'listFiltered', 'detail', 'available', 'batchOf50']) {
      const a = figures[`${name}Ms_${small}`] as number;
      const b = figures[`${name}Ms_${large}`] as number;
      figures[`${name}Growth`] = round(b / a);
    }
    return figures;
  } finally {
    await database.close();
  }
}

const benchmark: Benchmark = {
  name: 'growth',
  async run(ctx) {
    const sizes = ctx.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const pglite = await onDatabase('pglite', sizes, ctx);
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!url) ctx.log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure it');
    let postgres: Record<string, Figure> = { listFirstGrowth: null };
    if (url) {
      process.env.TEST_DATABASE_URL ??= url;
      postgres = await onDatabase('postgres', sizes, ctx);
    }
    return { sizes: sizes.length, pglite, postgres };
  },
};

export default benchmark;
