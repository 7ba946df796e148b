// The whole Xero connect flow through the routes: connect -> Xero sandbox (autoApprove) -> callback.
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { xeroScopesFor } from '../../addon/connectors/xero/manifest.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, auditLog, codeMappings, connections } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { listen, type Rig, rawRows, runFlow, server, startRig } from './harness.ts';

beforeAll(listen);
afterAll(() => server.close());

describe.each(testDbKinds)('Xero connect (%s)', (kind) => {
  let rig: Rig;
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());
  afterEach(() => rig?.close());

  it('connects one organisation: tenant name stored, status connected, tokens encrypted', async () => {
    const connected: string[] = [];
    rig = await startRig(kind, { database, deps: { onConnected: (_p, i) => void connected.push(i) } });
    const id = await rig.addInterface('xero', 'Xero AU');
    const { callback, callbackUrl } = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}`);
    expect(callback.headers.get('cache-control')).toBe('no-store');
    expect(callbackUrl.origin + callbackUrl.pathname).toBe(
      'https://addon.abtrac.test/api/oauth/xero/callback',
    );

    const status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status).toMatchObject({
      status: 'connected',
      provider: 'xero',
      tenantName: 'Demo Architects Pty Ltd',
      connectedBy: 'api-key:tests',
      renewalDue: false,
      lastError: null,
      organisationChoicePending: false,
    });
    expect(status.scopes).toContain('accounting.invoices');
    expect(connected).toEqual([id]);
    const [iface] = await rig.database.db
      .select()
      .from(accountsInterfaces)
      .where(eq(accountsInterfaces.id, id));
    expect(iface!.tenantId).toBe(rig.xero.tenants.au);

    // Authorize used PKCE S256 and exactly the manifest's scopes; the token call used Basic auth.
    const authorize = rig.requests.find((r) => r.includes('/identity/connect/authorize'))!;
    const q = new URL(authorize.split(' ')[1]!).searchParams;
    expect(q.get('code_challenge_method')).toBe('S256');
    // Without "create jobs" the settings are only read; payments come back through payments.read.
    expect(q.get('scope')).toBe(
      'openid profile email offline_access accounting.settings.read accounting.contacts accounting.invoices accounting.payments.read',
    );
    expect(q.get('scope')).toBe(xeroScopesFor({}).join(' '));

    // No token text in any raw row; encrypted values are versioned.
    expect(rig.issued.size).toBeGreaterThanOrEqual(3);
    const raw = await rawRows(rig);
    for (const t of rig.issued) expect(raw).not.toContain(t);
    const [conn] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
    expect(conn!.accessTokenEnc).toMatch(/^v1\./);
    expect(conn!.refreshTokenEnc).toMatch(/^v1\./);
    expect(conn!.externalConnectionId).toBeTruthy();

    const audit = await rig.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toContain('interface.connected');
  });

  it('two organisations approved -> chooser -> pick -> connected; a second pick is refused', async () => {
    rig = await startRig(kind, { database, xero: { autoApprove: 'all' } });
    const id = await rig.addInterface('xero');
    const { callback } = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}/choose-organisation`);
    let status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status).toMatchObject({
      status: 'not_connected',
      tenantName: null,
      organisationChoicePending: true,
    });

    const list = await (await rig.api(`/api/interfaces/${id}/organisations`)).json();
    expect(list.organisations.map((o: { name: string }) => o.name).sort()).toEqual([
      'Demo Architects Pty Ltd',
      'Demo Engineers NZ Ltd',
    ]);
    const bad = await rig.api(`/api/interfaces/${id}/organisation`, {
      method: 'POST',
      json: { tenantId: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('organisation_not_offered');

    const pick = await rig.api(`/api/interfaces/${id}/organisation`, {
      method: 'POST',
      json: { tenantId: rig.xero.tenants.nz },
    });
    expect(pick.status).toBe(200);
    status = await pick.json();
    expect(status).toMatchObject({ status: 'connected', tenantName: 'Demo Engineers NZ Ltd' });

    const again = await rig.api(`/api/interfaces/${id}/organisation`, {
      method: 'POST',
      json: { tenantId: rig.xero.tenants.au },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('organisation_already_chosen');
  });

  it('connect?format=json answers the authorize URL on the sandbox login host', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero');
    const res = await rig.api(`/api/interfaces/${id}/connect?format=json`);
    expect(res.status).toBe(200);
    const { authorizeUrl } = await res.json();
    expect(authorizeUrl).toMatch(/^https:\/\/login\.xero\.com\/identity\/connect\/authorize\?/);
  });

  it('a file template cannot be connected (400, plain message)', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('reckon-accounts-iif');
    const res = await rig.api(`/api/interfaces/${id}/connect`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('not_oauth');
    expect(body.error.message).toMatch(/import files/);
  });

  it('disconnect: DELETE /connections in Xero, tokens wiped, mappings kept, audit-logged', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero');
    await runFlow(rig, `/api/interfaces/${id}/connect`);
    await rig.database.db.insert(codeMappings).values({
      practiceId: rig.practiceId,
      interfaceId: id,
      scope: 'default',
      accountCode: '200',
      taxCode: 'OUTPUT',
    });
    const [before] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));

    const res = await rig.api(`/api/interfaces/${id}/disconnect`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'disconnected',
      platformDisconnected: true,
      tenantName: 'Demo Architects Pty Ltd',
    });
    expect(rig.requests).toContain(`DELETE https://api.xero.com/connections/${before!.externalConnectionId}`);
    expect(rig.xero.inspect.connections().find((c) => c.id === before!.externalConnectionId)!.active).toBe(
      false,
    );

    const [after] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
    expect(after).toMatchObject({
      accessTokenEnc: null,
      refreshTokenEnc: null,
      previousRefreshTokenEnc: null,
    });
    const mappings = await rig.database.db
      .select()
      .from(codeMappings)
      .where(and(eq(codeMappings.practiceId, rig.practiceId), eq(codeMappings.interfaceId, id)));
    expect(mappings).toHaveLength(1);
    const audit = await rig.database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.find((a) => a.action === 'interface.disconnected')).toMatchObject({
      actor: 'api-key:tests',
    });

    // Reconnect to the same organisation restores the connection, tenant unchanged.
    const { callback } = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}`);
    expect(await (await rig.api(`/api/interfaces/${id}/connection`)).json()).toMatchObject({
      status: 'connected',
    });
  });

  it('reconnect to a different organisation is refused unless confirmed', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero');
    await runFlow(rig, `/api/interfaces/${id}/connect`);
    // Pretend the interface was connected to the NZ organisation; Xero now approves only AU ('first').
    await rig.database.db
      .update(accountsInterfaces)
      .set({ tenantId: rig.xero.tenants.nz, tenantName: 'Demo Engineers NZ Ltd' })
      .where(eq(accountsInterfaces.id, id));
    const [before] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
    const refused = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(refused.callback.headers.get('location')).toBe(
      `/accounting/interfaces/${id}?error=organisation_mismatch`,
    );
    const status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status.tenantName).toBe('Demo Engineers NZ Ltd');
    expect(status.lastError.code).toBe('organisation_mismatch');
    expect(status.lastError.message).toMatch(/Demo Engineers NZ Ltd/);
    const [after] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
    expect(after!.refreshTokenEnc).toBe(before!.refreshTokenEnc);

    // A GET cannot carry the move (a link on another site could); the POST can.
    const viaGet = await rig.api(`/api/interfaces/${id}/connect?changeOrganisation=true`);
    expect(viaGet.status).toBe(400);
    expect((await viaGet.json()).error.fields).toHaveProperty('changeOrganisation');
    const confirmed = await runFlow(rig, `/api/interfaces/${id}/connect`, {
      post: { changeOrganisation: true },
    });
    expect(confirmed.callback.headers.get('location')).toBe(`/accounting/interfaces/${id}`);
    expect(await (await rig.api(`/api/interfaces/${id}/connection`)).json()).toMatchObject({
      status: 'connected',
      tenantName: 'Demo Architects Pty Ltd',
      lastError: null,
    });
  });
});
