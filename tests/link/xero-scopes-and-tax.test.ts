// The Xero sandbox reached with exactly the scopes the product asks for (never a larger set):
// - the demo batch with "create jobs" on: the preview asks for Reconnect while the connection lacks
//   accounting.settings (no upload meets the refusal), and after Reconnect every invoice lands with its job;
// - an NZ office's 15% GST, created as a tax class through the API, pushed to the NZ organisation with
//   Xero's totals equal to Abtrac's to the cent.
import { and, eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../addon/connectors/clock.ts';
import { createXeroConnector } from '../../addon/connectors/xero/connector.ts';
import { xeroPlatform, xeroScopesFor } from '../../addon/connectors/xero/manifest.ts';
import { seedPractice } from '../../addon/demo/seed.ts';
import { toCents } from '../../addon/domain/money.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import { mswSandbox } from '../../addon/sandbox/common/msw.ts';
import type { XeroSandbox } from '../../addon/sandbox/xero/index.ts';
import { connect, makeSandbox } from '../../addon/sandbox/xero/test-support.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, clients, connections, invoiceSettings, jobs, offices } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { standardMappings, startEngine, testLinkDeps, waitForBatch } from '../helpers/link.ts';

describe('Xero with the product’s own scopes', () => {
  const server = setupServer();
  let database: Database;
  let app: TestApp;
  let boss: PgBoss;
  let sandbox: XeroSandbox;
  let practiceId: string;
  let call: ReturnType<TestApp['as']>;
  /** The access token of each interface's connection, as the platform granted it. */
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    server.listen({
      onUnhandledRequest: (req, print) =>
        new URL(req.url).hostname === '127.0.0.1' ? undefined : print.error(),
    });
    database = await freshDatabase('pglite');
    practiceId = await seedPractice(database.db, { name: 'Scoped practice', seed: 5 });
    const connector = createXeroConnector({ requestTimeoutMs: 0 });
    const deps = testLinkDeps(database, connector, {
      apiConnectors: { xero: connector },
      runtimeFor: async (iface) => ({
        tenantId: iface.tenantId!,
        accessToken: async () => tokens.get(iface.id)!,
        options: iface.options,
        clock: systemClock,
        baseUrls: { ...xeroPlatform.hosts },
        credentials: {},
      }),
    });
    boss = await startEngine(database, deps);
    app = await startTestApp(database, { link: deps, boss });
    ({ sandbox } = makeSandbox());
    server.use(...mswSandbox(sandbox));
    call = app.as(await createApiKey(database.db, practiceId, 'tests'));
  }, 60_000);
  afterAll(async () => {
    server.close();
    await boss?.stop({ graceful: false, close: true });
    await app?.close();
    await database?.close();
  });

  /** Connect (or Reconnect) as the product does: the scopes its options need, stored as granted. */
  async function connectWith(interfaceId: string, options: { createJobs?: boolean }) {
    const granted = await connect(xeroScopesFor(options).join(' '));
    tokens.set(interfaceId, granted.access_token);
    // The engine here takes its token from the map above; the row holds what the platform granted (and a
    // placeholder where the encrypted token would be, so the connection reads as connected).
    await database.db
      .insert(connections)
      .values({ interfaceId, practiceId, provider: 'xero', scopes: granted.scope, accessTokenEnc: 'unused' })
      .onConflictDoUpdate({ target: connections.interfaceId, set: { scopes: granted.scope } });
    // Only what the token response names: the product asked for exactly these.
    expect(granted.scope.split(' ').sort()).toEqual(xeroScopesFor(options).sort());
  }

  async function xeroInterface(displayName: string, tenantId: string, options: Record<string, unknown>) {
    const [iface] = await database.db
      .insert(accountsInterfaces)
      .values({ practiceId, displayName, provider: 'xero', status: 'connected', tenantId, options })
      .returning();
    return iface!.id;
  }

  async function batchOf(interfaceId: string, invoiceIds: string[]) {
    const batch = await (
      await call('/api/batches', { method: 'POST', json: { interfaceId, invoiceIds } })
    ).json();
    return batch.id as string;
  }

  it('the demo batch with "create jobs": Reconnect asked for first, then every invoice lands with its job', async () => {
    const options = {
      contactPolicy: 'create',
      invoiceStatus: 'AUTHORISED',
      jobTrackingCategory: 'Job',
      createJobs: true,
    };
    const id = await xeroInterface('Xero AU', sandbox.tenants.au, options);
    await database.db
      .update(invoiceSettings)
      .set({ interfaceId: id })
      .where(eq(invoiceSettings.practiceId, practiceId));
    // Connected before "create jobs" was ticked: tracking categories may be read, not written.
    await connectWith(id, {});
    await call(`/api/interfaces/${id}/reference/refresh`, { method: 'POST' });
    const mappings = (await standardMappings(database, practiceId)).map((m) =>
      m.accountCode === '270' ? { ...m, accountCode: '220' } : m,
    );
    expect((await call(`/api/interfaces/${id}/mappings`, { method: 'PUT', json: { mappings } })).status).toBe(
      200,
    );
    const available = await (await call(`/api/batches/available?interfaceId=${id}&to=2026-01-31`)).json();
    const invoiceIds = available.map((a: { invoiceId: string }) => a.invoiceId);
    expect(invoiceIds.length).toBeGreaterThan(3);

    const status = await (await call(`/api/interfaces/${id}/connection`)).json();
    expect(status.missingScopes).toEqual([
      { scope: 'accounting.settings', reason: 'creating jobs as Xero tracking options' },
    ]);
    const batchId = await batchOf(id, invoiceIds);
    const blocked = await (await call(`/api/batches/${batchId}/preview`, { method: 'POST' })).json();
    expect(blocked.summary.ready).toBe(0);
    expect(blocked.invoices[0].problems).toContainEqual(
      expect.objectContaining({
        code: 'scope_missing',
        message:
          'Permission missing: reconnect and allow accounting.settings (creating jobs as Xero tracking options).',
      }),
    );

    // Reconnect: the options now ask for accounting.settings.
    await connectWith(id, { createJobs: true });
    const preview = await (await call(`/api/batches/${batchId}/preview`, { method: 'POST' })).json();
    expect(preview.summary?.blocked, JSON.stringify(preview).slice(0, 500)).toBe(0);
    await call(`/api/batches/${batchId}/upload`, { method: 'POST' });
    const done = await waitForBatch(call, batchId);
    expect(done.items.filter((i: { error: string | null }) => i.error)).toEqual([]);
    expect(done.counts).toMatchObject({ failed: 0, uploaded: invoiceIds.length });

    // Every document in Xero carries its Abtrac job on every line.
    const jobCodes = new Map(
      (await database.db.select().from(jobs).where(eq(jobs.practiceId, practiceId))).map((j) => [
        j.id,
        j.code,
      ]),
    );
    const ours = await Promise.all(
      done.items.map(async (i: { invoiceId: string; number: string }) => ({
        number: i.number,
        job: jobCodes.get((await (await call(`/api/invoices/${i.invoiceId}`)).json()).jobId)!,
      })),
    );
    const stored = [
      ...sandbox.inspect.invoices(sandbox.tenants.au),
      ...sandbox.inspect.creditNotes(sandbox.tenants.au),
    ];
    for (const { number, job } of ours) {
      const doc = stored.find((d) => (d.InvoiceNumber ?? d.CreditNoteNumber) === number)!;
      const lines = doc.LineItems as { Tracking?: { Name: string; Option: string }[] }[];
      expect(lines.length, number).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.Tracking, number).toEqual([
          expect.objectContaining({ Name: 'Job', Option: expect.stringMatching(new RegExp(`^${job}\\b`)) }),
        ]);
      }
    }
  }, 120_000);

  it('an NZ office’s 15% GST, created through the API, pushes with Xero’s totals equal to Abtrac’s', async () => {
    const created = await call('/api/tax-classes', {
      method: 'POST',
      json: { code: 'NZGST', name: 'NZ GST 15%', ratePercent: '15', inclusive: false },
    });
    expect(created.status).toBe(201);
    const nzGst = await created.json();
    expect(nzGst).toMatchObject({ code: 'NZGST', ratePercent: '15', inclusive: false });

    const id = await xeroInterface('Xero NZ', sandbox.tenants.nz, {
      contactPolicy: 'create',
      invoiceStatus: 'AUTHORISED',
    });
    await connectWith(id, {});
    const [office] = await database.db.select().from(offices).where(eq(offices.practiceId, practiceId));
    await database.db
      .update(invoiceSettings)
      .set({ interfaceId: id })
      .where(
        and(eq(invoiceSettings.practiceId, practiceId), eq(invoiceSettings.id, office!.invoiceSettingId!)),
      );
    await call(`/api/interfaces/${id}/reference/refresh`, { method: 'POST' });
    const mappings = [
      { scope: 'default', scopeKey: '', accountCode: '200', taxCode: 'OUTPUT2', trackingOption: null },
      { scope: 'tax_class', scopeKey: nzGst.id, accountCode: null, taxCode: 'OUTPUT2', trackingOption: null },
    ];
    expect((await call(`/api/interfaces/${id}/mappings`, { method: 'PUT', json: { mappings } })).status).toBe(
      200,
    );

    const [client] = await database.db.select().from(clients).where(eq(clients.practiceId, practiceId));
    const line = (unitPrice: string, quantity = '1') => ({
      category: 'fee',
      description: 'Structural design',
      quantity,
      unitPrice,
      taxClassId: nzGst.id,
    });
    const make = async (number: string, lines: unknown[], taxMode?: string) => {
      const res = await call('/api/invoices', {
        method: 'POST',
        json: {
          number,
          officeId: office!.id,
          clientId: client!.id,
          invoiceDate: '2026-11-02',
          dueDate: '2026-11-30',
          currency: 'NZD',
          ...(taxMode ? { taxMode } : {}),
          lines,
        },
      });
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
      const inv = await res.json();
      expect((await call(`/api/invoices/${inv.id}/commit`, { method: 'POST' })).status).toBe(200);
      return inv;
    };
    const invoices = [
      await make('NZ-1', [line('1234.5678', '3'), line('33.335'), line('33.335'), line('33.335')]),
      await make('NZ-2', [line('99.99'), line('0.07', '7')], 'inclusive'),
    ];
    expect(invoices[0]).toMatchObject({ taxMode: 'exclusive' });

    const batchId = await batchOf(
      id,
      invoices.map((i) => i.id),
    );
    const preview = await (await call(`/api/batches/${batchId}/preview`, { method: 'POST' })).json();
    expect(preview.invoices.flatMap((i: { problems: unknown[] }) => i.problems)).toEqual([]);
    for (const p of preview.invoices) expect([p.ledgerTotal, p.ledgerTax]).toEqual([p.total, p.tax]);
    await call(`/api/batches/${batchId}/upload`, { method: 'POST' });
    const done = await waitForBatch(call, batchId);
    expect(done.counts).toMatchObject({ failed: 0, uploaded: 2 });

    const stored = sandbox.inspect.invoices(sandbox.tenants.nz);
    for (const inv of invoices) {
      const doc = stored.find((d) => d.InvoiceNumber === inv.number)!;
      const cents = (v: unknown) => toCents(Number(v).toFixed(2));
      expect([cents(doc.SubTotal), cents(doc.TotalTax), cents(doc.Total)], inv.number).toEqual([
        toCents(inv.subtotal),
        toCents(inv.tax),
        toCents(inv.total),
      ]);
      expect(doc.CurrencyCode).toBe('NZD');
    }
  }, 120_000);
});
