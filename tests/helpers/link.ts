// A practice whose offices all post to the tests' own ledger, with the engine's dependencies built for it.
import { and, eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { systemClock } from '../../addon/connectors/clock.ts';
import { fileTemplates } from '../../addon/connectors/files/index.ts';
import type { ApiConnector } from '../../addon/connectors/types.ts';
import { seedPractice } from '../../addon/demo/seed.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import type { LinkDeps } from '../../addon/link/deps.ts';
import { startQueue } from '../../addon/link/queue.ts';
import { startWorkers } from '../../addon/link/workers.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, invoiceSettings, taxClasses } from '../../db/schema.ts';
import { silentLog } from './app.ts';
import { TEST_LEDGER } from './test-ledger.ts';

export function testLinkDeps(
  database: Database,
  connector: ApiConnector,
  overrides: Partial<LinkDeps> = {},
): LinkDeps {
  return {
    db: database.db,
    clock: systemClock,
    log: silentLog,
    apiConnectors: { [TEST_LEDGER]: connector },
    fileTemplates,
    manifests: {
      [TEST_LEDGER]: {
        id: TEST_LEDGER,
        displayName: 'Test Ledger',
        kind: 'api',
        auth: 'oauth2',
        capabilities: ['reference.read', 'contacts.match', 'invoices.push', 'creditNotes.push'],
        docs: [],
      },
    },
    runtimeFor: async (iface) => ({
      tenantId: iface.tenantId ?? 'tenant',
      accessToken: async () => 'test-token',
      options: iface.options,
      clock: systemClock,
      baseUrls: {},
      credentials: {},
    }),
    publicUrl: 'http://abtrac.test',
    ...overrides,
  };
}

/** Seeds a practice and points every invoice setting at one connected test-ledger interface. */
export async function practiceOnTestLedger(database: Database, seed = 7) {
  const practiceId = await seedPractice(database.db, {
    name: `Ledger practice ${seed}`,
    seed,
    adminEmail: `ledger${seed}@example.test`,
  });
  const [iface] = await database.db
    .insert(accountsInterfaces)
    .values({
      practiceId,
      displayName: 'Test ledger',
      provider: TEST_LEDGER,
      status: 'connected',
      tenantId: 'tenant-1',
      tenantName: 'Demo Ledger Pty Ltd',
      options: { contactPolicy: 'create' },
    })
    .returning();
  await database.db
    .update(invoiceSettings)
    .set({ interfaceId: iface!.id })
    .where(eq(invoiceSettings.practiceId, practiceId));
  const key = await createApiKey(database.db, practiceId, 'tests');
  return { practiceId, interfaceId: iface!.id, key };
}

export async function startEngine(database: Database, deps: LinkDeps): Promise<PgBoss> {
  const boss = await startQueue(database, silentLog);
  await startWorkers(boss, deps);
  return boss;
}

/** Waits (polling the API, bounded) until the batch has nothing pending. */
export async function waitForBatch(
  call: (path: string) => Promise<Response>,
  batchId: string,
  timeoutMs = 60_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const batch = await (await call(`/api/batches/${batchId}`)).json();
    if (batch.status === 'done' || batch.status === 'failed') return batch;
    if (Date.now() > until)
      throw new Error(`batch ${batchId} still ${batch.status}: ${JSON.stringify(batch.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The mapping most practices start with: everything to Sales with GST, disbursements and expenses to 270,
 * and GST-free lines to the GST-free rate.
 */
export async function standardMappings(database: Database, practiceId: string) {
  const [free] = await database.db
    .select({ id: taxClasses.id })
    .from(taxClasses)
    .where(and(eq(taxClasses.practiceId, practiceId), eq(taxClasses.code, 'FRE')));
  return [
    { scope: 'default' as const, scopeKey: '', accountCode: '200', taxCode: 'OUTPUT', trackingOption: null },
    {
      scope: 'category' as const,
      scopeKey: 'disbursement',
      accountCode: '270',
      taxCode: null,
      trackingOption: null,
    },
    {
      scope: 'category' as const,
      scopeKey: 'expense',
      accountCode: '270',
      taxCode: null,
      trackingOption: null,
    },
    {
      scope: 'tax_class' as const,
      scopeKey: free!.id,
      accountCode: null,
      taxCode: 'EXEMPTOUTPUT',
      trackingOption: null,
    },
  ];
}
