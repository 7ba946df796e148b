// Every demo invoice pushed by the real engine and connector to the Xero sandbox, which computes each document
// on its own, per line as Xero does (addon/sandbox/xero/tax.ts, nothing of the add-on's maths): each
// document's Total equals Abtrac's total to the cent, and its TotalTax equals Abtrac's tax.
import { eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../addon/connectors/clock.ts';
import { createXeroConnector } from '../../addon/connectors/xero/connector.ts';
import { xeroPlatform } from '../../addon/connectors/xero/manifest.ts';
import { DEMO_COUNTS, ensureDemoPractice } from '../../addon/demo/seed.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import { mswSandbox } from '../../addon/sandbox/common/msw.ts';
import type { XeroSandbox } from '../../addon/sandbox/xero/index.ts';
import { connect, makeSandbox } from '../../addon/sandbox/xero/test-support.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, invoiceSettings, invoices } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { standardMappings, startEngine, testLinkDeps, waitForBatch } from '../helpers/link.ts';

/** A JSON amount (at most two decimals on Xero's wire) to cents, through its decimal text, never float maths. */
const cents = (amount: number) => {
  const [whole, frac = ''] = String(amount).split('.');
  const value = BigInt(whole!.replace('-', '')) * 100n + BigInt(frac.padEnd(2, '0'));
  return whole!.startsWith('-') ? -value : value;
};

describe('the demo invoices on the Xero sandbox', () => {
  const server = setupServer();
  let database: Database;
  let app: TestApp;
  let boss: PgBoss;
  let sandbox: XeroSandbox;
  let practiceId = '';
  let token = '';

  beforeAll(async () => {
    server.listen({
      onUnhandledRequest: (req, print) =>
        new URL(req.url).hostname === '127.0.0.1' ? undefined : print.error(),
    });
    database = await freshDatabase('pglite');
    practiceId = await ensureDemoPractice(database.db);
    const deps = testLinkDeps(database, createXeroConnector({ requestTimeoutMs: 0 }), {
      apiConnectors: { xero: createXeroConnector({ requestTimeoutMs: 0 }) },
      runtimeFor: async (iface) => ({
        tenantId: iface.tenantId!,
        accessToken: async () => token,
        options: iface.options,
        clock: systemClock,
        baseUrls: { ...xeroPlatform.hosts },
        credentials: {},
      }),
    });
    boss = await startEngine(database, deps);
    app = await startTestApp(database, { link: deps, boss });
    // The sandbox's clock stands still in tests, so its per-minute limit would never reset.
    ({ sandbox } = makeSandbox({ minuteLimit: 100_000, dailyLimit: 100_000 }));
    server.use(...mswSandbox(sandbox));
    token = (await connect()).access_token;
  }, 240_000);
  afterAll(async () => {
    server.close();
    await boss?.stop({ graceful: false, close: true });
    await app?.close();
    await database?.close();
  });

  it('each of the demo invoices has Abtrac’s total and tax to the cent, computed by the sandbox', async () => {
    const [iface] = await database.db
      .insert(accountsInterfaces)
      .values({
        practiceId,
        displayName: 'Xero for every office',
        provider: 'xero',
        status: 'connected',
        tenantId: sandbox.tenants.au,
        options: { contactPolicy: 'create', invoiceStatus: 'AUTHORISED' },
      })
      .returning();
    await database.db
      .update(invoiceSettings)
      .set({ interfaceId: iface!.id })
      .where(eq(invoiceSettings.practiceId, practiceId));
    const call = app.as(await createApiKey(database.db, practiceId, 'tests'));
    await call(`/api/interfaces/${iface!.id}/reference/refresh`, { method: 'POST' });
    const mappings = (await standardMappings(database, practiceId)).map((m) =>
      m.accountCode === '270' ? { ...m, accountCode: '220' } : m,
    );
    expect(
      (await call(`/api/interfaces/${iface!.id}/mappings`, { method: 'PUT', json: { mappings } })).status,
    ).toBe(200);
    const batch = await (
      await call('/api/batches', { method: 'POST', json: { interfaceId: iface!.id } })
    ).json();
    expect(batch.counts.total).toBe(DEMO_COUNTS.invoices);
    await call(`/api/batches/${batch.id}/upload`, { method: 'POST' });
    const done = await waitForBatch(call, batch.id);
    expect(done.counts).toMatchObject({ failed: 0, uploaded: DEMO_COUNTS.invoices });

    const ours = await database.db.select().from(invoices).where(eq(invoices.practiceId, practiceId));
    const docs = [
      ...sandbox.inspect.invoices(sandbox.tenants.au),
      ...sandbox.inspect.creditNotes(sandbox.tenants.au),
    ];
    const byNumber = new Map(
      docs.map((d) => [
        String(d.InvoiceNumber ?? d.CreditNoteNumber),
        d as { Total: number; TotalTax: number },
      ]),
    );
    expect(ours).toHaveLength(DEMO_COUNTS.invoices);
    const mismatches = ours.flatMap((inv) => {
      const doc = byNumber.get(inv.number);
      const abs = (v: bigint) => (v < 0n ? -v : v);
      if (!doc) return [`${inv.number}: not in Xero`];
      const total = cents(doc.Total);
      const tax = cents(doc.TotalTax);
      return total === abs(inv.totalCents) && tax === abs(inv.taxCents)
        ? []
        : [`${inv.number}: Xero ${total}/${tax}, Abtrac ${inv.totalCents}/${inv.taxCents}`];
    });
    expect(mismatches).toEqual([]);
  }, 180_000);
});
