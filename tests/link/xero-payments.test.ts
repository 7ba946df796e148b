// Payments come back: invoices pushed to the Xero sandbox by the real engine and connector; paying one in
// Xero sends a signed webhook that marks it paid in Abtrac; a forged webhook is refused and changes nothing.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../addon/connectors/clock.ts';
import { SANDBOX_APPS } from '../../addon/connectors/settings.ts';
import { createXeroConnector } from '../../addon/connectors/xero/connector.ts';
import { xeroPlatform } from '../../addon/connectors/xero/manifest.ts';
import { seedPractice } from '../../addon/demo/seed.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import { mswSandbox } from '../../addon/sandbox/common/msw.ts';
import type { XeroSandbox } from '../../addon/sandbox/xero/index.ts';
import { connect, makeSandbox } from '../../addon/sandbox/xero/test-support.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, invoiceSettings } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { standardMappings, startEngine, testLinkDeps, waitForBatch } from '../helpers/link.ts';

describe('payments back from Xero', () => {
  const server = setupServer();
  let database: Database;
  let app: TestApp;
  let boss: PgBoss;
  let sandbox: XeroSandbox;
  let call: ReturnType<TestApp['as']>;
  let token = '';
  let batchId = '';

  beforeAll(async () => {
    // The sandbox at Xero's real hosts; the app itself is on loopback and passes straight through.
    server.listen({
      onUnhandledRequest: (req, print) =>
        new URL(req.url).hostname === '127.0.0.1' ? undefined : print.error(),
    });
    database = await freshDatabase('pglite');
    const practiceId = await seedPractice(database.db, { name: 'Paid practice', seed: 3 });
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
    ({ sandbox } = makeSandbox({
      webhook: { url: `${app.url}${xeroPlatform.routes.webhook}`, signingKey: SANDBOX_APPS.xero.webhookKey },
    }));
    server.use(...mswSandbox(sandbox));
    token = (await connect()).access_token;

    const [iface] = await database.db
      .insert(accountsInterfaces)
      .values({
        practiceId,
        displayName: 'Xero',
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
    call = app.as(await createApiKey(database.db, practiceId, 'tests'));
    await call(`/api/interfaces/${iface!.id}/reference/refresh`, { method: 'POST' });
    const mappings = (await standardMappings(database, practiceId)).map((m) =>
      m.accountCode === '270' ? { ...m, accountCode: '220' } : m,
    );
    expect(
      (await call(`/api/interfaces/${iface!.id}/mappings`, { method: 'PUT', json: { mappings } })).status,
    ).toBe(200);
    const available = await (
      await call(`/api/batches/available?interfaceId=${iface!.id}&to=2026-02-28`)
    ).json();
    const batch = await (
      await call('/api/batches', {
        method: 'POST',
        json: {
          interfaceId: iface!.id,
          invoiceIds: available.map((a: { invoiceId: string }) => a.invoiceId),
        },
      })
    ).json();
    batchId = batch.id;
    await call(`/api/batches/${batchId}/upload`, { method: 'POST' });
    const done = await waitForBatch(call, batchId);
    expect(done.counts.failed).toBe(0);
  }, 120_000);
  afterAll(async () => {
    server.close();
    await boss?.stop({ graceful: false, close: true });
    await app?.close();
    await database?.close();
  });

  const accountsOf = async (invoiceId: string) =>
    (await (await call(`/api/invoices/${invoiceId}`)).json()).accounts[0];

  it('passes Xero’s intent-to-receive check', async () => {
    expect(await sandbox.control.intentToReceive()).toMatchObject({ passed: true });
  });

  it('marks an invoice paid when Xero sends a signed INVOICE event, and part-paid for a part payment', async () => {
    const batch = await (await call(`/api/batches/${batchId}`)).json();
    const [first, second] = batch.items.filter((i: { total: string }) => !i.total.startsWith('-'));
    sandbox.control.payInvoice(sandbox.tenants.au, first.number, {});
    sandbox.control.payInvoice(sandbox.tenants.au, second.number, { amount: '10.00' });
    await sandbox.control.flushWebhooks();
    let paid: { paymentStatus: string } | undefined;
    for (let i = 0; i < 120 && paid?.paymentStatus !== 'paid'; i++) {
      paid = await accountsOf(first.invoiceId);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(paid).toMatchObject({
      state: 'pushed',
      remoteStatus: 'PAID',
      paymentStatus: 'paid',
      amountPaid: first.total,
    });
    await expect
      .poll(() => accountsOf(second.invoiceId), { timeout: 30_000 })
      .toMatchObject({ paymentStatus: 'part-paid', amountPaid: '10.00' });
  }, 60_000);

  it('answers 200 to every correctly signed delivery, even one it cannot read, and 401 to junk unsigned', async () => {
    const sign = (body: string) =>
      createHmac('sha256', SANDBOX_APPS.xero.webhookKey).update(body).digest('base64');
    const post = (body: string, signature: string) =>
      fetch(`${app.url}${xeroPlatform.routes.webhook}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-xero-signature': signature },
        body,
      });
    const unknownEvent = JSON.stringify({
      events: [
        {
          resourceUrl: 'https://api.xero.com/api.xro/2.0/Items/1',
          resourceId: '1',
          eventDateUtc: '2026-11-02T01:00:00.000',
          eventType: 'DELETE',
          eventCategory: 'ITEM',
          tenantId: sandbox.tenants.au,
          tenantType: 'ORGANISATION',
        },
      ],
      firstEventSequence: 9,
      lastEventSequence: 9,
      entropy: 'JUNKJUNK',
    });
    for (const junk of ['not json at all', '{"events":"nope"}', '[]', unknownEvent, '']) {
      const res = await post(junk, sign(junk));
      expect(res.status, junk).toBe(200);
      expect(await res.text()).toBe('');
      const forged = await post(junk, sign(`${junk} `));
      expect(forged.status, junk).toBe(401);
    }
  });

  it('refuses a forged webhook with 401 and changes nothing', async () => {
    const body = JSON.stringify({ events: [], firstEventSequence: 1, lastEventSequence: 1, entropy: 'x' });
    const forged = await fetch(`${app.url}${xeroPlatform.routes.webhook}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-xero-signature': Buffer.from('not the signature').toString('base64'),
      },
      body,
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('');
    const unsigned = await fetch(`${app.url}${xeroPlatform.routes.webhook}`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
  });
});
