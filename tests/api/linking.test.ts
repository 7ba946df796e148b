// The product's linking rules: an office has one invoice setting, an invoice setting posts to one accounts
// file, and one interface may serve many invoice settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { seedTwoPractices } from '../helpers/practices.ts';

describe.each(testDbKinds)('linking rules on %s', (kind) => {
  let database: Database;
  let app: TestApp;
  let call: ReturnType<TestApp['as']>;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const practices = await seedTwoPractices(database);
    app = await startTestApp(database);
    call = app.as(practices.a.key);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const post = async (path: string, json: unknown) => (await call(path, { method: 'POST', json })).json();
  const put = (path: string, json: unknown) => call(path, { method: 'PUT', json });

  it('lets two offices share one invoice setting, each posting to the same accounts file', async () => {
    const setting = await post('/api/invoice-settings', { name: 'Shared' });
    const x = await post('/api/offices', { code: 'X1', name: 'Office X1' });
    const y = await post('/api/offices', { code: 'Y1', name: 'Office Y1' });
    expect((await put(`/api/offices/${x.id}/invoice-setting`, { invoiceSettingId: setting.id })).status).toBe(
      200,
    );
    expect((await put(`/api/offices/${y.id}/invoice-setting`, { invoiceSettingId: setting.id })).status).toBe(
      200,
    );
    const after = await (await call(`/api/invoice-settings/${setting.id}`)).json();
    expect(after.officeIds.sort()).toEqual([x.id, y.id].sort());
  });

  it('refuses a second accounts interface on one invoice setting with a 409 a person understands', async () => {
    const setting = await post('/api/invoice-settings', { name: 'One file only' });
    const first = await post('/api/interfaces', { displayName: 'Ledger one', provider: 'xero' });
    const second = await post('/api/interfaces', { displayName: 'Ledger two', provider: 'myob' });
    expect(
      (await put(`/api/invoice-settings/${setting.id}/interface`, { interfaceId: first.id })).status,
    ).toBe(200);
    const refused = await put(`/api/invoice-settings/${setting.id}/interface`, { interfaceId: second.id });
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body.error.code).toBe('invoice_setting_already_linked');
    expect(body.error.message).toMatch(/already linked to "Ledger one".*unlink/);
    // Unlinking first makes the change possible, and both interfaces may serve other settings.
    expect((await put(`/api/invoice-settings/${setting.id}/interface`, { interfaceId: null })).status).toBe(
      200,
    );
    expect(
      (await put(`/api/invoice-settings/${setting.id}/interface`, { interfaceId: second.id })).status,
    ).toBe(200);
  });

  it('lets one interface serve several invoice settings', async () => {
    const iface = await post('/api/interfaces', { displayName: 'Shared ledger', provider: 'xero' });
    const s1 = await post('/api/invoice-settings', { name: 'North' });
    const s2 = await post('/api/invoice-settings', { name: 'South' });
    await put(`/api/invoice-settings/${s1.id}/interface`, { interfaceId: iface.id });
    await put(`/api/invoice-settings/${s2.id}/interface`, { interfaceId: iface.id });
    const listed = await (await call(`/api/interfaces/${iface.id}`)).json();
    expect(listed.invoiceSettingIds.sort()).toEqual([s1.id, s2.id].sort());
  });

  it('refuses a second invoice setting on one office', async () => {
    const office = await post('/api/offices', { code: 'Z1', name: 'Office Z1' });
    const s1 = await post('/api/invoice-settings', { name: 'First setting' });
    const s2 = await post('/api/invoice-settings', { name: 'Second setting' });
    await put(`/api/offices/${office.id}/invoice-setting`, { invoiceSettingId: s1.id });
    const refused = await put(`/api/offices/${office.id}/invoice-setting`, { invoiceSettingId: s2.id });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/already uses invoice setting "First setting"/);
  });

  it('records each link change in the audit log with old and new values', async () => {
    const { auditLog } = await import('../../db/schema.ts');
    const { eq } = await import('drizzle-orm');
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'invoice_setting.interface_linked'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.actor).toBe('api-key:tests');
    expect(rows[0]!.newValue).toHaveProperty('interfaceId');
  });

  it('refuses a provider the registry does not know', async () => {
    const res = await call('/api/interfaces', {
      method: 'POST',
      json: { displayName: 'Mystery', provider: 'abacus' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('provider');
  });

  it('the database itself refuses an invoice setting pointing at another practice’s interface', async () => {
    const { invoiceSettings, accountsInterfaces, practices } = await import('../../db/schema.ts');
    const { eq, ne } = await import('drizzle-orm');
    const [setting] = await database.db.select().from(invoiceSettings).limit(1);
    const [foreign] = await database.db
      .select({ id: accountsInterfaces.id })
      .from(accountsInterfaces)
      .where(ne(accountsInterfaces.practiceId, setting!.practiceId))
      .limit(1);
    await expect(
      database.db
        .update(invoiceSettings)
        .set({ interfaceId: foreign!.id })
        .where(eq(invoiceSettings.id, setting!.id)),
    ).rejects.toThrow();
    expect(practices).toBeDefined();
  });
});
