import { setupServer } from 'msw/node';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { api, connect, makeEnv, type TestEnv } from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function start(options: Parameters<typeof makeEnv>[0] = {}): TestEnv {
  const env = makeEnv(options);
  server.use(...mswSandbox(env.sandbox));
  return env;
}

describe('MYOB rate limits (myob.md §4)', () => {
  it('answers the 9th call inside one second with 403 RateLimitError; the next second succeeds', async () => {
    const env = start({ perSecondLimit: 8 });
    const conn = await connect(); // token endpoint calls are not API calls
    const a = api(conn);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await a.get('GeneralLedger/TaxCode')).status);
      env.clock.advance(100); // 8 calls spread over 0.7 s
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
    const ninth = await a.get('GeneralLedger/TaxCode');
    expect(ninth.status).toBe(403);
    expect(ninth.json.Errors[0]).toMatchObject({
      Name: 'RateLimitError',
      Message: 'API key has exceeded the per-second rate limit',
      AdditionalDetails: 'Header: x-myobapi-key',
      Severity: 'Error',
    });
    env.clock.advance(1000);
    for (let i = 0; i < 8; i++) expect((await a.get('GeneralLedger/TaxCode')).status).toBe(200);

    const [stats] = env.sandbox.inspect.calls();
    expect(stats).toMatchObject({
      businessId: conn.businessId,
      calls: 17,
      rateLimited: 1,
      maxCallsInOneSecond: 8,
    });
    expect(stats!.maxAttemptsInOneSecond).toBe(9);
    expect(stats!.byStatus).toEqual({ 200: 16, 403: 1 });
  });

  it('counts per API key across files (tenants)', async () => {
    const env = start({ perSecondLimit: 8 });
    const conn = await connect();
    const a = api(conn);
    for (let i = 0; i < 8; i++) await a.get('');
    // Another file, same key: still over the key's limit (the RateLimitError comes before the file check).
    const other = await a.get('https://api.myob.com/accountright/7a41d9e3-2c6b-4f18-9b05-e3c8a2f61d47/');
    expect(other.status).toBe(403);
    expect(other.json.Errors[0].Name).toBe('RateLimitError');
    expect(env.sandbox.inspect.calls().map((c) => c.rateLimited)).toEqual([0, 1]);
  });

  it('has a daily limit per key that resets the next UTC day', async () => {
    const env = start({ dailyLimit: 3 });
    const conn = await connect();
    const a = api(conn);
    for (let i = 0; i < 3; i++) expect((await a.get('GeneralLedger/Job')).status).toBe(200);
    const over = await a.get('GeneralLedger/Job');
    expect(over.status).toBe(403);
    expect(over.json.Errors[0].Message).toBe('API key has exceeded the daily rate limit');
    env.clock.advance(86_400_000);
    const fresh = await client.refreshTokenGrant(conn.config, conn.refreshToken);
    expect((await api({ ...conn, accessToken: fresh.access_token }).get('GeneralLedger/Job')).status).toBe(
      200,
    );
  });
});
