// Xero's own statuses and bodies for the failures a client must tell apart (BEHAVIOURS.md "Errors"): an
// expired token, a bad token, a missing scope, a tenant the token does not reach, an unknown resource and a
// rate limit. A client classifies on these, so their status, casing and fields are asserted exactly.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../common/clock.ts';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, connect, makeSandbox } from './test-support.ts';

let sandbox: XeroSandbox;
let clock: ManualClock;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  ({ sandbox, clock } = makeSandbox({ minuteLimit: 2 }));
  server.use(...mswSandbox(sandbox));
});
afterEach(() => server.resetHandlers());

const GUID = /^[0-9a-f-]{36}$/;

describe('Xero error answers', () => {
  it('a tenant the token does not reach: 403 camelCase AuthenticationUnsuccessful with the correlation id', async () => {
    const t = await connect();
    for (const tenant of ['00000000-0000-0000-0000-000000000000', '']) {
      const res = await api(t.access_token, tenant, 'Organisation');
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body).toEqual({
        title: 'Forbidden',
        status: 403,
        detail: 'AuthenticationUnsuccessful',
        instance: expect.stringMatching(GUID),
      });
      expect(res.headers.get('xero-correlation-id')).toBe(body.instance);
    }
    // Disconnected in Xero: the same answer for a tenant that was connected a moment ago.
    const conn = sandbox.inspect.connections()[0]!;
    sandbox.control.disconnectTenant(conn.id);
    const gone = await api(t.access_token, conn.tenantId, 'Invoices');
    expect([gone.status, (await gone.json()).detail]).toEqual([403, 'AuthenticationUnsuccessful']);
  });

  it('a missing scope: 401 AuthorizationUnsuccessful, without any field naming the scope', async () => {
    const t = await connect('openid offline_access accounting.settings.read accounting.contacts');
    const res = await api(t.access_token, sandbox.tenants.au, 'TrackingCategories/x/Options', {
      method: 'PUT',
      body: { Name: 'J1001' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      Type: null,
      Title: 'Unauthorized',
      Status: 401,
      Detail: 'AuthorizationUnsuccessful',
      Instance: expect.stringMatching(GUID),
      Extensions: {},
    });
    // Reading settings is within accounting.settings.read.
    expect((await api(t.access_token, sandbox.tenants.au, 'TrackingCategories')).status).toBe(200);
  });

  it('an expired token: 401 TokenExpired with the moment it expired', async () => {
    const t = await connect();
    clock.advance(31 * 60_000);
    const res = await api(t.access_token, sandbox.tenants.au, 'Organisation');
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ Type: null, Title: 'Unauthorized', Status: 401, Extensions: {} });
    expect(body.Detail).toMatch(/^TokenExpired: token expired at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it('a token Xero never issued: 401 camelCase AuthenticationUnsuccessful and WWW-Authenticate', async () => {
    const res = await api('not-a-token', sandbox.tenants.au, 'Organisation');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      title: 'Unauthorized',
      status: 401,
      detail: 'AuthenticationUnsuccessful',
      instance: expect.stringMatching(GUID),
    });
    expect(res.headers.get('www-authenticate')).toBe('Bearer error=invalid_token');
  });

  it('an unknown resource: 404 with Xero plain-text sentence', async () => {
    const t = await connect();
    const res = await api(
      t.access_token,
      sandbox.tenants.au,
      'Invoices/6f0d6f2e-0000-4000-8000-000000000000',
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe("The resource you're looking for cannot be found");
  });

  it('a rate limit: 429 with Retry-After, X-Rate-Limit-Problem and the oauth_problem text', async () => {
    const t = await connect();
    await api(t.access_token, sandbox.tenants.au, 'Organisation');
    await api(t.access_token, sandbox.tenants.au, 'Organisation');
    const res = await api(t.access_token, sandbox.tenants.au, 'Organisation');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.text()).toBe(
      'oauth_problem=rate%20limit%20exceeded&oauth_problem_advice=please%20wait%20before%20retrying%20the%20xero%20api',
    );
  });
});
