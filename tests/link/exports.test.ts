// An office linked to a package without an API: preview, write its import file, download it again, and
// count the invoices as exported only once a person confirms the import worked.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPractice } from '../../addon/demo/seed.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import type { Database } from '../../db/client.ts';
import { invoiceSettings, taxClasses } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';

describe('import-file exports', () => {
  let database: Database;
  let app: TestApp;
  let call: ReturnType<TestApp['as']>;
  let interfaceId: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    const practiceId = await seedPractice(database.db, { name: 'Reckon practice', seed: 5 });
    app = await startTestApp(database);
    call = app.as(await createApiKey(database.db, practiceId, 'tests'));
    const created = await (
      await call('/api/interfaces', {
        method: 'POST',
        json: { displayName: 'Reckon', provider: 'reckon-accounts-iif' },
      })
    ).json();
    interfaceId = created.id;
    expect(created).toMatchObject({ kind: 'file', providerName: expect.stringMatching(/Reckon/) });
    await database.db
      .update(invoiceSettings)
      .set({ interfaceId })
      .where(eq(invoiceSettings.practiceId, practiceId));
    const [free] = await database.db
      .select()
      .from(taxClasses)
      .where(eq(taxClasses.practiceId, practiceId))
      .then((r) => r.filter((c) => c.code === 'FRE'));
    // A file interface has no chart to pull: the codes are the package's own, typed in.
    const saved = await call(`/api/interfaces/${interfaceId}/mappings`, {
      method: 'PUT',
      json: {
        mappings: [
          { scope: 'default', scopeKey: '', accountCode: 'Fees Income', taxCode: 'GST' },
          { scope: 'tax_class', scopeKey: free!.id, taxCode: 'FRE' },
        ],
      },
    });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const available = async () =>
    (await (await call(`/api/batches/available?interfaceId=${interfaceId}`)).json()) as {
      invoiceId: string;
    }[];

  it('previews, writes, re-downloads the same bytes, and counts invoices as exported only once confirmed', async () => {
    const before = await available();
    const preview = await (
      await call('/api/exports/preview', { method: 'POST', json: { interfaceId } })
    ).json();
    expect(preview.invoices).toHaveLength(before.length);
    expect(preview.summary.ready).toBeGreaterThan(0);

    const created = await call('/api/exports', { method: 'POST', json: { interfaceId } });
    expect(created.status).toBe(201);
    const record = await created.json();
    expect(record).toMatchObject({
      template: 'reckon-accounts-iif',
      invoiceCount: preview.summary.ready,
      confirmedAt: null,
    });
    expect(record.files.length).toBeGreaterThan(0);

    const first = await call(record.files[0].downloadUrl);
    expect(first.headers.get('content-disposition')).toContain(record.files[0].fileName);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes.toString('latin1')).toMatch(/^!TRNS\t/);
    const again = Buffer.from(await (await call(record.files[0].downloadUrl)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);

    // Written but not confirmed: still available, to export again if the import failed.
    expect((await available()).length).toBe(before.length);
    const confirmed = await (await call(`/api/exports/${record.id}/confirm`, { method: 'POST' })).json();
    expect(confirmed.confirmedAt).toBeTruthy();
    expect((await available()).length).toBe(before.length - record.invoiceCount);
    expect((await call(`/api/exports/${record.id}/confirm`, { method: 'POST' })).status).toBe(409);
    const history = await (await call(`/api/exports?interfaceId=${interfaceId}`)).json();
    expect(history.map((e: { id: string }) => e.id)).toEqual([record.id]);
  });

  it('refuses an export when nothing is ready', async () => {
    const none = await call('/api/exports', { method: 'POST', json: { interfaceId, invoiceIds: [] } });
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe('nothing_to_export');
  });
});
