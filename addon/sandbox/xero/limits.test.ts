import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../common/clock.ts';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, connect, makeSandbox } from './test-support.ts';

let sandbox: XeroSandbox;
let clock: ManualClock;
const server = setupServer();
let token: string;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  ({ sandbox, clock } = makeSandbox({ dailyLimit: 100 }));
  server.use(...mswSandbox(sandbox));
  token = (await connect()).access_token;
});
afterEach(() => server.resetHandlers());

describe('rate limits (xero.md §3)', () => {
  it('the 61st call inside a minute answers 429 minute with Retry-After; the headers count down', async () => {
    const au = sandbox.tenants.au;
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await api(token, au, 'Organisation');
      expect(res.status).toBe(200);
      seen.push(res.headers.get('x-minlimit-remaining')!);
      clock.advance(500);
    }
    expect(seen.slice(0, 3)).toEqual(['59', '58', '57']);
    expect(seen.at(-1)).toBe('0');
    const last = await api(token, au, 'Organisation');
    expect(last.status).toBe(429);
    expect(last.headers.get('x-rate-limit-problem')).toBe('minute');
    // The first call leaves the window 60 s after it was made: 60 - 30 s = 30 s from now.
    expect(last.headers.get('retry-after')).toBe('30');
    expect(last.headers.get('x-daylimit-remaining')).toBe('40');
    expect(last.headers.get('x-appminlimit-remaining')).toBe('9940');
    // Other tenants have their own minute.
    expect((await api(token, sandbox.tenants.nz, 'Organisation')).status).toBe(200);
    clock.advance(30_000);
    expect((await api(token, au, 'Organisation')).status).toBe(200);
    expect(sandbox.inspect.calls()[au]).toMatchObject({ calls: 62, rateLimited: 1 });
  });

  it('the 6th concurrent call answers 429 concurrent', async () => {
    const au = sandbox.tenants.au;
    sandbox.control.addFault({ path: 'api/api.xro/2.0/Organisation', fault: { kind: 'latency', ms: 1000 } });
    const calls = Array.from({ length: 6 }, () => api(token, au, 'Organisation'));
    // Let the five admitted calls reach their (platform-time) latency, then release them.
    const sixth = await Promise.race(calls.map((c) => c.then((r) => r)));
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(sixth.headers.get('retry-after')).toBeTruthy();
    clock.advance(1000);
    const statuses = (await Promise.all(calls)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('the daily budget answers 429 day', async () => {
    const au = sandbox.tenants.au;
    for (let i = 0; i < 100; i++) {
      clock.advance(1001);
      expect((await api(token, au, 'Organisation')).status).toBe(200);
    }
    clock.advance(60_000);
    const res = await api(token, au, 'Organisation');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-rate-limit-problem')).toBe('day');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
