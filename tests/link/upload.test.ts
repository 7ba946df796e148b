// The demo invoices through preview and upload, on PGlite and PostgreSQL, with the tests' own ledger.
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInterfaceRow } from '../../addon/domain/organisation.ts';
import { storeReference } from '../../addon/link/reference.ts';
import type { Database } from '../../db/client.ts';
import { invoices } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import {
  practiceOnTestLedger,
  standardMappings,
  startEngine,
  testLinkDeps,
  waitForBatch,
} from '../helpers/link.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';

describe.each(testDbKinds)('a batch from preview to upload on %s', (kind) => {
  let database: Database;
  let app: TestApp;
  let boss: PgBoss;
  let call: ReturnType<TestApp['as']>;
  let interfaceId: string;
  let practiceId: string;
  const ledger = createTestLedger({ faults: {} });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const setup = await practiceOnTestLedger(database, 8);
    practiceId = setup.practiceId;
    interfaceId = setup.interfaceId;
    const deps = testLinkDeps(database, ledger.connector);
    boss = await startEngine(database, deps);
    app = await startTestApp(database, { link: deps, boss });
    call = app.as(setup.key);
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await app?.close();
    await database?.close();
  });

  const json = async (path: string, init?: Parameters<typeof call>[1]) => {
    const res = await call(path, init);
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };

  it('pulls the codes and offers only active revenue accounts and sales tax rates in the dropdowns', async () => {
    await json(`/api/interfaces/${interfaceId}/reference/refresh`, { method: 'POST' });
    const ref = await json(`/api/interfaces/${interfaceId}/reference`);
    expect(ref.accounts.map((a: { code: string }) => a.code)).toEqual(['200', '260', '270']);
    expect(ref.taxRates.map((r: { code: string }) => r.code).sort()).toEqual([
      'EXEMPTOUTPUT',
      'OUTPUT',
      'OUTPUT2',
    ]);
    const all = await json(`/api/interfaces/${interfaceId}/reference?all=true`);
    expect(all.accounts.find((a: { code: string }) => a.code === '205').status).toBe('archived');
  });

  it('serves the dropdown data again once a refresh changes it, even at the same pull time; unchanged is a 304', async () => {
    const path = `/api/interfaces/${interfaceId}/reference`;
    const codes = async () => (await json(path)).accounts.map((a: { code: string }) => a.code) as string[];
    const iface = await getInterfaceRow(database.db, practiceId, interfaceId);
    const at = new Date('2026-06-30T00:00:00Z');
    const account = (status: 'active' | 'archived') => ({
      accounts: {
        mode: 'incremental' as const,
        items: [
          {
            externalId: 'acc-999',
            code: '999',
            name: 'Consulting Fees',
            type: 'REVENUE',
            accountClass: 'REVENUE',
            isRevenue: true,
            status,
          },
        ],
      },
      pulledAt: at,
    });
    expect(await codes()).not.toContain('999');
    await storeReference(database.db, iface, account('active'));
    expect(await codes()).toContain('999');
    await storeReference(database.db, iface, account('archived'));
    expect(await codes()).not.toContain('999');
    const first = await call(path);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch's default mode would add no-cache, which forbids a 304).
    expect((await call(path, { cache: 'no-cache', headers: { 'if-none-match': etag! } })).status).toBe(304);
  });

  it('shows every unmapped combination until rules cover them, then saves rules and audits them', async () => {
    const before = await json(`/api/interfaces/${interfaceId}/mappings/unmapped`);
    expect(before.length).toBeGreaterThan(0);
    await json(`/api/interfaces/${interfaceId}/mappings`, {
      method: 'PUT',
      json: { mappings: await standardMappings(database, practiceId) },
    });
    expect(await json(`/api/interfaces/${interfaceId}/mappings/unmapped`)).toEqual([]);
    const audit = await json('/api/audit-log?entity=mapping');
    const added = audit.find((a: { entityId: string }) => a.entityId.endsWith(':category:disbursement'));
    expect(added).toMatchObject({
      action: 'mapping.added',
      actor: 'api-key:tests',
      oldValue: null,
      newValue: { accountCode: '270' },
    });
  });

  it('refuses a rule with a code the ledger does not accept, naming the field, and saves nothing', async () => {
    const res = await call(`/api/interfaces/${interfaceId}/mappings`, {
      method: 'PUT',
      json: { mappings: [{ scope: 'category', scopeKey: 'fee', accountCode: '205', taxCode: 'INPUT' }] },
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.fields['mappings.0.accountCode']).toMatch(/Account 205 \(Old Fees \(closed\)\) is archived/);
    expect(error.fields['mappings.0.taxCode']).toMatch(/cannot be used on sales/);
    const rules = await json(`/api/interfaces/${interfaceId}/mappings`);
    expect(
      rules.some((r: { scope: string; scopeKey: string }) => r.scope === 'category' && r.scopeKey === 'fee'),
    ).toBe(false);
  });

  it('uploads all 120 demo invoices exactly once, with totals to the cent, and shows each as uploaded', async () => {
    const batch = await json('/api/batches', { method: 'POST', json: { interfaceId } });
    expect(batch.number).toBe(1);
    expect(batch.counts.total).toBe(120);
    const preview = await json(`/api/batches/${batch.id}/preview`, { method: 'POST' });
    expect(preview.summary).toMatchObject({ ready: 120, blocked: 0 });
    const first = preview.invoices[0];
    expect(first.lines[0]).toMatchObject({
      accountCode: expect.any(String),
      accountSource: expect.stringMatching(/rule/),
    });
    expect(first.ledgerTotal).toBe(first.total);

    await json(`/api/batches/${batch.id}/upload`, { method: 'POST' });
    const done = await waitForBatch(call, batch.id);
    expect(done.counts).toMatchObject({ total: 120, uploaded: 120, failed: 0, pending: 0 });
    expect(done.items.every((i: { uploadedAt: string | null }) => i.uploadedAt)).toBe(true);

    const docs = ledger.documents();
    expect(docs).toHaveLength(120);
    expect(ledger.duplicates()).toEqual([]);
    const ours = await database.db.select().from(invoices).where(eq(invoices.practiceId, practiceId));
    for (const doc of docs) {
      const inv = ours.find((i) => i.id === doc.invoiceId)!;
      // Credits travel as positive credit notes.
      expect(BigInt(doc.totalCents)).toBe(inv.totalCents < 0n ? -inv.totalCents : inv.totalCents);
      expect(doc.kind).toBe(inv.totalCents < 0n ? 'credit' : 'invoice');
    }
    // Nothing is left to batch for this accounts file.
    expect(await json(`/api/batches/available?interfaceId=${interfaceId}`)).toEqual([]);
    const again = await call('/api/batches', { method: 'POST', json: { interfaceId } });
    expect(again.status).toBe(400);
  });
});
