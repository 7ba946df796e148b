// The app under load, in its own process so autocannon (in the parent) does not share its event loop.
// Started by api.bench.ts with fork(); answers with the URL and the ids the routes need, stops on "stop".
import { and, eq } from 'drizzle-orm';
import {
  accountsInterfaces,
  invoices,
  ledgerAccounts,
  ledgerPulls,
  ledgerTaxRates,
  ledgerTracking,
} from '../../db/schema.ts';
import { startTestApp } from '../../tests/helpers/app.ts';
import { freshDatabase, type TestDbKind } from '../../tests/helpers/databases.ts';
import { seedTwoPractices } from '../../tests/helpers/practices.ts';
import type { Seeded } from './routes.ts';

export type ServerMessage = { ready: Seeded } | { error: string };

async function main(): Promise<void> {
  const kind = process.argv[2] as TestDbKind;
  const database = await freshDatabase(kind);
  // Two practices, as in production: every query has to filter by practice, which is what we want to time.
  const practices = await seedTwoPractices(database);
  const app = await startTestApp(database);
  const practiceId = practices.a.id;
  const [invoice] = await database.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(eq(invoices.practiceId, practiceId))
    .limit(1);
  const [iface] = await database.db
    .select({ id: accountsInterfaces.id })
    .from(accountsInterfaces)
    .where(and(eq(accountsInterfaces.practiceId, practiceId)))
    .limit(1);
  // A large chart, as big practices have: 5,000 accounts (4,000 revenue), 30 tax rates, 400 tracking
  // options, written in bulk as rows a pull would have stored.
  const scope = { practiceId, interfaceId: iface!.id };
  const accounts = Array.from({ length: 5_000 }, (_, i) => ({
    ...scope,
    externalId: `acc-${i}`,
    code: String(10_000 + i),
    name: `Account ${i} ${i % 5 ? 'Fees' : 'Assets'}`,
    type: i % 5 ? 'REVENUE' : 'CURRENT',
    accountClass: i % 5 ? 'REVENUE' : 'ASSET',
    isRevenue: i % 5 !== 0,
    status: i % 50 === 0 ? 'archived' : 'active',
    defaultTaxCode: 'OUTPUT',
  }));
  for (let i = 0; i < accounts.length; i += 1_000)
    await database.db.insert(ledgerAccounts).values(accounts.slice(i, i + 1_000));
  await database.db.insert(ledgerTaxRates).values(
    Array.from({ length: 30 }, (_, i) => ({
      ...scope,
      externalId: `tax-${i}`,
      code: `T${i}`,
      name: `Tax ${i}`,
      ratePercent: String(i % 3 ? 10 : 0),
      canApplyToRevenue: true,
      accountClasses: [],
      status: 'active',
    })),
  );
  await database.db.insert(ledgerTracking).values(
    Array.from({ length: 400 }, (_, i) => ({
      ...scope,
      categoryId: 'cat-1',
      categoryName: 'Jobs',
      optionId: `opt-${i}`,
      optionName: `J${1000 + i}`,
      status: 'active',
    })),
  );
  const pulledAt = new Date();
  await database.db
    .insert(ledgerPulls)
    .values((['accounts', 'taxRates', 'tracking'] as const).map((kind) => ({ ...scope, kind, pulledAt })))
    .onConflictDoNothing();
  const ready: Seeded = {
    url: app.url,
    apiKey: practices.a.key,
    invoiceId: invoice!.id,
    interfaceId: iface!.id,
  };
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    // Requests autocannon cut off at the deadline may still be querying; their failures while the pool
    // closes are expected and must not crash the shutdown (or print a stack that looks like a result).
    process.on('unhandledRejection', () => {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  });
  process.send!({ ready } satisfies ServerMessage);
}

main().catch((err: unknown) => {
  process.send?.({
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  } satisfies ServerMessage);
  process.exit(1);
});
