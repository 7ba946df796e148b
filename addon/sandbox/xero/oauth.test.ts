// The whole Xero code flow with openid-client v6 against the sandbox, then xero-node reading Accounts.

import { setupServer } from 'msw/node';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XeroClient } from 'xero-node';
import { type ManualClock, manualClock } from '../common/clock.ts';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, connect, makeSandbox, RECOMMENDED_SCOPE, TEST_CLIENT, tokenRequest } from './test-support.ts';

let sandbox: XeroSandbox;
let clock: ManualClock;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  // openid-client checks id_token iat/exp against the real clock, so platform time starts now.
  ({ sandbox, clock } = makeSandbox({ clock: manualClock(Date.now()) }));
  server.use(...mswSandbox(sandbox));
});
afterEach(() => server.resetHandlers());

describe('the Xero code flow with openid-client', () => {
  it('discovery -> authorize -> code grant -> /connections -> xero-node getAccounts', async () => {
    const config = await client.discovery(
      new URL('https://identity.xero.com'),
      TEST_CLIENT.clientId,
      undefined,
      client.ClientSecretBasic(TEST_CLIENT.clientSecret),
    );
    expect(config.serverMetadata().issuer).toBe('https://identity.xero.com');
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: TEST_CLIENT.redirectUris[0]!,
      scope: RECOMMENDED_SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    expect(url.origin + url.pathname).toBe('https://login.xero.com/identity/connect/authorize');
    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const callback = new URL(redirect.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe(state);

    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.expires_in).toBe(1800);
    expect(tokens.refresh_token).toBeTruthy();
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: 'https://identity.xero.com',
      aud: TEST_CLIENT.clientId,
      nonce,
      email: 'demo.user@abtrac.example',
      given_name: 'Demo',
    });
    expect(claims.xero_userid).toBeTruthy();

    const connections = await (
      await fetch('https://api.xero.com/connections', {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json();
    expect(connections.map((c: { tenantName: string }) => c.tenantName)).toEqual([
      'Demo Architects Pty Ltd',
      'Demo Engineers NZ Ltd',
    ]);
    const authEventId = connections[0].authEventId;
    const filtered = await (
      await fetch(`https://api.xero.com/connections?authEventId=${authEventId}`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json();
    expect(filtered).toHaveLength(2);

    const xero = new XeroClient();
    xero.setTokenSet({
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_in: 1800,
      token_type: 'Bearer',
    });
    const result = await xero.accountingApi.getAccounts(
      connections[0].tenantId,
      undefined,
      'Status=="ACTIVE"',
    );
    const sales = result.body.accounts?.find((a) => a.code === '200');
    expect(sales?.name).toBe('Sales');
    expect(result.response.headers['x-minlimit-remaining']).toBe('59');
  });

  it('shows a consent page when autoApprove is off; the form posts back the chosen organisation', async () => {
    ({ sandbox, clock } = makeSandbox({ clock: manualClock(Date.now()), autoApprove: false }));
    server.use(...mswSandbox(sandbox));
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: TEST_CLIENT.clientId,
      redirect_uri: TEST_CLIENT.redirectUris[0]!,
      scope: RECOMMENDED_SCOPE,
      state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const page = await fetch(`https://login.xero.com/identity/connect/authorize?${q}`);
    const htmlText = await page.text();
    expect(htmlText).toContain('Allow access');
    const requestId = /name="request_id" value="([^"]+)"/.exec(htmlText)![1]!;
    const posted = await fetch('https://login.xero.com/identity/connect/authorize', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, tenant: sandbox.tenants.nz, action: 'allow' }),
    });
    expect(posted.status).toBe(302);
    expect(new URL(posted.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    expect(sandbox.inspect.connections().map((c) => c.tenantId)).toEqual([sandbox.tenants.nz]);
  });

  it('refuses broad scopes, missing PKCE and unknown redirect URIs', async () => {
    const base = {
      response_type: 'code',
      client_id: TEST_CLIENT.clientId,
      redirect_uri: TEST_CLIENT.redirectUris[0]!,
      scope: 'openid offline_access accounting.transactions',
      state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    };
    const authorize = (p: Record<string, string>) =>
      fetch(`https://login.xero.com/identity/connect/authorize?${new URLSearchParams(p)}`, {
        redirect: 'manual',
      });
    const broad = await authorize(base);
    expect(broad.status).toBe(400);
    expect((await broad.json()).error).toBe('invalid_scope');
    const { code_challenge: _c, ...noPkce } = { ...base, scope: 'openid accounting.invoices' };
    expect((await authorize(noPkce)).status).toBe(400);
    expect((await authorize({ ...base, scope: 'openid', redirect_uri: 'https://evil.test/cb' })).status).toBe(
      400,
    );
  });
});

describe('tokens', () => {
  it('rotates refresh tokens with a 30-minute grace, then invalid_grant', async () => {
    const first = await connect();
    const a = first.refresh_token!;
    const r1 = await tokenRequest({ grant_type: 'refresh_token', refresh_token: a });
    const b = (await r1.json()).refresh_token;
    expect(b).toBeTruthy();
    expect(b).not.toBe(a);
    clock.advance(29 * 60_000);
    // The response was "lost": the old token may be retried within 30 minutes.
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: a })).status).toBe(200);
    clock.advance(2 * 60_000);
    const late = await tokenRequest({ grant_type: 'refresh_token', refresh_token: a });
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ error: 'invalid_grant' });
    expect((await tokenRequest({ grant_type: 'refresh_token', refresh_token: b })).status).toBe(200);
  });

  it('openid-client refreshTokenGrant: reuse beyond grace and revoked tokens give invalid_grant', async () => {
    const config = await client.discovery(
      new URL('https://identity.xero.com'),
      TEST_CLIENT.clientId,
      undefined,
      client.ClientSecretBasic(TEST_CLIENT.clientSecret),
    );
    const first = await connect();
    const next = await client.refreshTokenGrant(config, first.refresh_token!);
    clock.advance(31 * 60_000);
    await expect(client.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const revoke = await fetch('https://identity.xero.com/connect/revocation', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: next.refresh_token! }),
    });
    expect(revoke.status).toBe(200);
    await expect(client.refreshTokenGrant(config, next.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // Revocation removes the connections too.
    expect(sandbox.inspect.connections().filter((c) => c.active)).toHaveLength(0);
  });

  it('codes are single-use and expire after 5 minutes; access tokens after 30; refresh tokens after 60 days unused', async () => {
    const t = await connect();
    clock.advance(30 * 60_000);
    const expired = await api(t.access_token, sandbox.tenants.au, 'Organisation');
    expect(expired.status).toBe(401);
    expect((await expired.json()).Detail).toMatch(/^TokenExpired/);
    clock.advance(60 * 86_400_000);
    expect(
      (await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.refresh_token! })).status,
    ).toBe(400);
    expect(
      (
        await tokenRequest({
          grant_type: 'authorization_code',
          code: 'nope',
          redirect_uri: TEST_CLIENT.redirectUris[0]!,
          code_verifier: 'x'.repeat(43),
        })
      ).status,
    ).toBe(400);
  });

  it('without offline_access there is no refresh token; scopes gate the endpoints', async () => {
    const t = await connect('openid accounting.settings.read');
    expect(t.refresh_token).toBeUndefined();
    expect((await api(t.access_token, sandbox.tenants.au, 'Accounts')).status).toBe(200);
    // A missing scope is 401 AuthorizationUnsuccessful, as Xero answers it.
    const contacts = await api(t.access_token, sandbox.tenants.au, 'Contacts');
    expect(contacts.status).toBe(401);
    expect((await contacts.json()).Detail).toBe('AuthorizationUnsuccessful');
    const write = await api(t.access_token, sandbox.tenants.au, `TrackingCategories/x/Options`, {
      method: 'PUT',
      body: { Name: 'x' },
    });
    expect(write.status).toBe(401);
  });

  it('a tenant disconnected in Xero answers 403 and leaves /connections', async () => {
    const t = await connect();
    const conns = sandbox.inspect.connections();
    expect(sandbox.control.disconnectTenant(conns[0]!.id)).toBe(true);
    const res = await api(t.access_token, conns[0]!.tenantId, 'Organisation');
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toBe('AuthenticationUnsuccessful');
    const list = await (
      await fetch('https://api.xero.com/connections', {
        headers: { authorization: `Bearer ${t.access_token}` },
      })
    ).json();
    expect(list).toHaveLength(1);
    const del = await fetch(`https://api.xero.com/connections/${list[0].id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(del.status).toBe(204);
    const again = await fetch(`https://api.xero.com/connections/${list[0].id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.access_token}` },
    });
    expect(again.status).toBe(404);
  });
});
