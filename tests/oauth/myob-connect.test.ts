// The MYOB connect flow through the routes: prompt=consent, businessId on the callback, admin-only consent.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, connections } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import {
  cookiesOf,
  followCallback,
  listen,
  type Rig,
  rawRows,
  runFlow,
  server,
  startRig,
} from './harness.ts';

beforeAll(listen);
afterAll(() => server.close());

describe.each(testDbKinds)('MYOB connect (%s)', (kind) => {
  let rig: Rig;
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());
  afterEach(() => rig?.close());

  it('names the company file from the MYOB API, never from the businessName on the callback URL', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('myob', 'MYOB named');
    const start = await rig.api(`/api/interfaces/${id}/connect`);
    const cookies = cookiesOf(start);
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callbackUrl = new URL(authorize.headers.get('location')!);
    callbackUrl.searchParams.set('businessName', 'Attacker Holdings <script>');
    const callback = await followCallback(rig, callbackUrl, cookies);
    expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}`);
    const status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status.tenantName).toBe('Demo Architects');
    expect(rig.requests).toContain(`GET https://api.myob.com/accountright/${rig.myob.ids.demoFile}/`);
  });

  it('connects the approved company file from businessId; consent expires in 12 months', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('myob', 'MYOB');
    const { callback, callbackUrl } = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}`);
    expect(callbackUrl.searchParams.get('businessId')).toBe(rig.myob.ids.demoFile);

    const authorize = new URL(
      rig.requests.find((r) => r.includes('/oauth2/account/authorize'))!.split(' ')[1]!,
    );
    expect(authorize.searchParams.get('prompt')).toBe('consent');
    expect(authorize.searchParams.get('scope')).toBe(
      'sme-company-file sme-general-ledger sme-contacts-customer sme-sales',
    );

    const status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status).toMatchObject({
      status: 'connected',
      provider: 'myob',
      tenantName: 'Demo Architects',
      renewalDue: false,
    });
    const expires = new Date(status.consentExpiresAt).getTime();
    const inAYear = new Date(rig.clock.now());
    inAYear.setUTCMonth(inAYear.getUTCMonth() + 12);
    expect(Math.abs(expires - inAYear.getTime())).toBeLessThan(60_000);

    // Renewal shows as due within 30 days of the consent's end.
    rig.clock.set(expires - 10 * 86_400_000);
    expect((await (await rig.api(`/api/interfaces/${id}/connection`)).json()).renewalDue).toBe(true);

    const [iface] = await rig.database.db
      .select()
      .from(accountsInterfaces)
      .where(eq(accountsInterfaces.id, id));
    expect(iface!.tenantId).toBe(rig.myob.ids.demoFile);
    const raw = await rawRows(rig);
    expect(rig.issued.size).toBeGreaterThanOrEqual(2);
    for (const t of rig.issued) expect(raw).not.toContain(t);
  });

  it('a non-administrator gets a plain message; nothing is stored but the message', async () => {
    rig = await startRig(kind, { database, myob: { autoApprove: '7a41d9e3-2c6b-4f18-9b05-e3c8a2f61d47' } });
    const id = await rig.addInterface('myob', 'MYOB non-admin');
    const { callback } = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}?error=myob_admin_required`);
    const status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status.status).toBe('not_connected');
    expect(status.lastError.code).toBe('myob_admin_required');
    expect(status.lastError.message).toMatch(/Only an Administrator of the MYOB company file can approve/);
    expect(rig.tokenCalls.myob).toBe(0);
    const [conn] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
    expect(conn).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null });
  });

  it('disconnect drops the tokens (MYOB has no disconnect call) and keeps the company file', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('myob', 'MYOB to disconnect');
    await runFlow(rig, `/api/interfaces/${id}/connect`);
    const before = rig.requests.length;
    const res = await rig.api(`/api/interfaces/${id}/disconnect`, { method: 'POST' });
    expect(await res.json()).toMatchObject({
      status: 'disconnected',
      platformDisconnected: false,
      tenantName: 'Demo Architects',
    });
    expect(rig.requests.slice(before).filter((r) => !r.includes('oauth2/v1/authorize'))).toEqual([]);
    const [conn] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
    expect(conn).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null });
  });
});
