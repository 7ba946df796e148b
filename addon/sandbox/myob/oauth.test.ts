import { setupServer } from 'msw/node';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { DEMO_FILE_ID, NON_ADMIN_FILE_ID } from './index.ts';
import {
  API_KEY,
  API_SECRET,
  api,
  connect,
  makeEnv,
  myobHeaders,
  oidcConfig,
  REDIRECT_URI,
  SCOPES,
  type TestEnv,
} from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function start(options: Parameters<typeof makeEnv>[0] = {}): TestEnv {
  const env = makeEnv(options);
  server.use(...mswSandbox(env.sandbox));
  return env;
}

const authorizeUrl = (params: Record<string, string>) => {
  const url = new URL('https://secure.myob.com/oauth2/account/authorize');
  const all = {
    client_id: API_KEY,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: SCOPES,
    ...params,
  };
  for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
  return url;
};

const tokenRequest = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch('https://secure.myob.com/oauth2/v1/authorize', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });

describe('MYOB OAuth code flow with openid-client v6', () => {
  it('connects, returns businessId/businessName, and reads accounts with the MYOB headers', async () => {
    const env = start();
    const conn = await connect();
    expect(conn.businessId).toBe(DEMO_FILE_ID);
    expect(conn.businessName).toBe('Demo Architects');
    expect(conn.tokens.token_type).toBe('bearer');
    // expiresIn() counts from the wall clock, so allow a second.
    expect(conn.tokens.expiresIn()).toBeGreaterThanOrEqual(1199);
    expect(conn.tokens.scope).toBe(SCOPES);
    // The extra `user` member passes through openid-client untouched.
    expect((conn.tokens as unknown as { user: { username: string } }).user.username).toBe(
      'demo.user@example.com',
    );

    const a = api(conn);
    const root = await a.get('');
    expect(root.status).toBe(200);
    expect(root.json.CompanyFile.Name).toBe('Demo Architects');
    expect(root.json.Resources).toContain(`${a.base}/GeneralLedger/Account`);
    const accounts = await a.get("GeneralLedger/Account?$filter=DisplayID eq '4-1000'");
    expect(accounts.status).toBe(200);
    expect(accounts.json.Items).toHaveLength(1);
    expect(accounts.json.Items[0]).toMatchObject({
      Name: 'Architectural Fees',
      Classification: 'Income',
      IsHeader: false,
    });
    expect(accounts.headers.get('x-myobapi-requestid')).toBeTruthy();

    const consent = env.sandbox.inspect.consents()[0]!;
    expect(consent.businessId).toBe(DEMO_FILE_ID);
    expect(Date.parse(consent.expiresAt) - Date.parse(consent.grantedAt)).toBe(365 * 86_400_000);
  });

  it('answers the token request with expires_in as the string "1200" and single-use codes', async () => {
    start();
    const res = await fetch(authorizeUrl({ prompt: 'consent', state: 's1' }), { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const grant = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: API_KEY,
      client_secret: API_SECRET,
    };
    const first = await tokenRequest(grant);
    const body = await first.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: '1200', scope: SCOPES });
    expect(body.user).toMatchObject({ username: 'demo.user@example.com' });
    const again = await tokenRequest(grant);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('expires codes after 5 minutes and refuses client credentials sent only by Basic auth', async () => {
    const env = start();
    const res = await fetch(authorizeUrl({ prompt: 'consent' }), { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
    const viaBasic = await tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: basic },
    );
    expect(viaBasic.status).toBe(401);
    expect(await viaBasic.json()).toMatchObject({ error: 'invalid_client' });
    env.clock.advance(5 * 60_000);
    const late = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: API_KEY,
      client_secret: API_SECRET,
    });
    expect(await late.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens: the old one dies at once', async () => {
    start();
    const conn = await connect();
    const refreshed = await client.refreshTokenGrant(conn.config, conn.refreshToken);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(conn.refreshToken);
    expect(refreshed.expiresIn()).toBeGreaterThanOrEqual(1199);
    expect((refreshed as unknown as { user?: unknown }).user).toBeUndefined();
    const newToken = await api({ ...conn, accessToken: refreshed.access_token }).get('GeneralLedger/TaxCode');
    expect(newToken.status).toBe(200);

    const reuse = await client.refreshTokenGrant(conn.config, conn.refreshToken).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(client.ResponseBodyError);
    expect((reuse as client.ResponseBodyError).error).toBe('invalid_grant');
    // The rotated one still works.
    await expect(client.refreshTokenGrant(conn.config, refreshed.refresh_token!)).resolves.toBeTruthy();
  });

  it('expires access tokens after 20 minutes and refresh tokens after 7 idle days', async () => {
    const env = start();
    const conn = await connect();
    env.clock.advance(20 * 60_000);
    const expired = await api(conn).get('GeneralLedger/Account');
    expect(expired.status).toBe(401);
    expect(expired.json.Errors[0].Name).toBe('OAuthTokenIsInvalid');
    env.clock.advance(7 * 86_400_000);
    const refresh = await client.refreshTokenGrant(conn.config, conn.refreshToken).catch((e: unknown) => e);
    expect((refresh as client.ResponseBodyError).error).toBe('invalid_grant');
  });

  it('shows a consent page form and refuses consent for a file where the user is not an Administrator', async () => {
    start({ autoApprove: false });
    const page = await fetch(authorizeUrl({ prompt: 'consent', state: 'xyz' }));
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<form method="post" action="https://secure.myob.com/oauth2/account/authorize">');
    expect(text).toContain('Demo Architects');
    expect(text).toContain('Harbour Engineering');

    const form = new URLSearchParams({
      client_id: API_KEY,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: SCOPES,
      state: 'xyz',
      prompt: 'consent',
      businessId: NON_ADMIN_FILE_ID,
      decision: 'allow',
    });
    const refused = await fetch('https://secure.myob.com/oauth2/account/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    expect(refused.status).toBe(302);
    const location = new URL(refused.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toMatch(/Administrator/);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.has('code')).toBe(false);

    form.set('businessId', DEMO_FILE_ID);
    const allowed = await fetch('https://secure.myob.com/oauth2/account/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    const ok = new URL(allowed.headers.get('location')!);
    expect(ok.searchParams.get('businessId')).toBe(DEMO_FILE_ID);
    expect(ok.searchParams.get('code')).toBeTruthy();
  });

  it('refuses the legacy CompanyFile scope for a new key, and unregistered redirect URIs', async () => {
    start();
    const legacy = await fetch(authorizeUrl({ scope: 'CompanyFile', state: 'a' }), { redirect: 'manual' });
    const location = new URL(legacy.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    const slash = await fetch(authorizeUrl({ redirect_uri: `${REDIRECT_URI}/` }), { redirect: 'manual' });
    expect(slash.status).toBe(400);
    expect(await slash.text()).toContain('trailing /');
  });

  it('omits businessId without prompt=consent', async () => {
    start();
    await connect();
    const res = await fetch(authorizeUrl({ state: 'b' }), { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.has('businessId')).toBe(false);
  });

  it('stops working when the consent is removed or the tokens are revoked', async () => {
    const env = start();
    const conn = await connect();
    expect(env.sandbox.control.removeConsent(DEMO_FILE_ID)).toBe(1);
    expect((await api(conn).get('GeneralLedger/Account')).status).toBe(401);
    const refresh = await client.refreshTokenGrant(conn.config, conn.refreshToken).catch((e: unknown) => e);
    expect((refresh as client.ResponseBodyError).error).toBe('invalid_grant');
    expect(env.sandbox.inspect.consents()[0]!.active).toBe(false);

    const again = await connect();
    expect((await api(again).get('GeneralLedger/Account')).status).toBe(200);
    expect(env.sandbox.control.revokeTokens({ businessId: DEMO_FILE_ID })).toBe(2);
    expect((await api(again).get('GeneralLedger/Account')).status).toBe(401);
  });

  it('expires the consent after 12 months', async () => {
    const env = start();
    const conn = await connect();
    let refresh = conn.refreshToken;
    for (let day = 0; day < 370; day += 6) {
      env.clock.advance(6 * 86_400_000);
      const r = await client.refreshTokenGrant(conn.config, refresh).catch((e: unknown) => e);
      if (r instanceof client.ResponseBodyError) {
        expect(day).toBeGreaterThanOrEqual(358);
        expect(r.error).toBe('invalid_grant');
        return;
      }
      refresh = (r as client.TokenEndpointResponse).refresh_token!;
    }
    throw new Error('the consent never expired');
  });
});

describe('MYOB API gateway rules', () => {
  it('answers 401 when x-myobapi-cftoken is sent for a cloud file', async () => {
    start();
    const conn = await connect();
    const res = await fetch(`https://api.myob.com/accountright/${conn.businessId}/GeneralLedger/Account`, {
      headers: myobHeaders(conn.accessToken, {
        'x-myobapi-cftoken': Buffer.from('Administrator:').toString('base64'),
      }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).Errors[0]).toMatchObject({ Name: 'AccessDenied', Message: 'Access denied' });
  });

  it('answers 403 AccessDenied when the consent lacks the endpoint scope, and 401 for another file', async () => {
    start();
    const conn = await connect('sme-company-file sme-general-ledger');
    const a = api(conn);
    const sales = await a.get('Sale/Invoice');
    expect(sales.status).toBe(403);
    expect(sales.json.Errors[0].Name).toBe('AccessDenied');
    expect((await a.get('GeneralLedger/Account')).status).toBe(200);
    const other = await a.get(`https://api.myob.com/accountright/${NON_ADMIN_FILE_ID}/GeneralLedger/Account`);
    expect(other.status).toBe(401);
  });

  it('needs the API key and the version header', async () => {
    start();
    const conn = await connect();
    const url = `https://api.myob.com/accountright/${conn.businessId}/GeneralLedger/Account`;
    const noKey = await fetch(url, {
      headers: { authorization: `Bearer ${conn.accessToken}`, 'x-myobapi-version': 'v2' },
    });
    expect(noKey.status).toBe(403);
    expect((await noKey.json()).Errors[0].Name).toBe('DeveloperInactive');
    const noVersion = await fetch(url, {
      headers: { authorization: `Bearer ${conn.accessToken}`, 'x-myobapi-key': API_KEY },
    });
    expect(noVersion.status).toBe(400);
    const list = await fetch('https://api.myob.com/accountright/', {
      headers: myobHeaders(conn.accessToken),
    });
    expect(await list.json()).toEqual([]);
  });

  it('config: openid-client sends client_secret_post by default', () => {
    expect(oidcConfig().clientMetadata().client_secret).toBe(API_SECRET);
  });
});
