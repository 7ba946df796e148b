// 8 calls a second per API key, across every company file; over-limit is 403 RateLimitError, other 403s are
// permission errors and are not retried (myob.md §4).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import { createMyobConnector } from './connector.ts';
import { connectorEnv, runtimeFor } from './test-support.ts';

const server = setupServer();
const requests: string[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
  });
});
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

const rateLimitBody = {
  Errors: [
    {
      Name: 'RateLimitError',
      Message: 'API key has exceeded the per-second rate limit',
      AdditionalDetails: 'Header: x-myobapi-key',
      ErrorCode: null,
      Severity: 'Error',
      LearnMore: null,
    },
  ],
};

describe('the MYOB rate governor', () => {
  it('100 calls fired at once never exceed 8 in any second (sandbox at the real limit)', async () => {
    const env = await connectorEnv(server, { perSecondLimit: 8 });
    const start = env.clock.now();
    const all = Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        env.connector.findDocuments(env.rt, [{ number: `INV-${i}`, kind: 'invoice' }]),
      ),
    );
    const results = await env.drive(all);
    expect(results).toHaveLength(100);
    const [stats] = env.sandbox.inspect.calls();
    expect(stats).toMatchObject({ calls: 100, rateLimited: 0 });
    expect(stats!.maxCallsInOneSecond).toBeLessThanOrEqual(8);
    expect(stats!.maxAttemptsInOneSecond).toBeLessThanOrEqual(8);
    // 100 calls at 8 a second take at least 12 seconds of platform time.
    expect(env.clock.now() - start).toBeGreaterThanOrEqual(12_000);
  });

  it('two connections on one API key share one governor', async () => {
    const env = await connectorEnv(server, { perSecondLimit: 8 });
    // A second connector (another interface, same key) in the same process, with the same registry.
    const other = createMyobConnector({ governors: env.governors });
    const rt2 = runtimeFor(env.clock, env.conn);
    const fire = (c: typeof other, rt: typeof rt2, tag: string) =>
      Array.from({ length: 30 }, (_, i) => c.findDocuments(rt, [{ number: `${tag}-${i}`, kind: 'invoice' }]));
    await env.drive(Promise.all([...fire(env.connector, env.rt, 'A'), ...fire(other, rt2, 'B')]));
    const [stats] = env.sandbox.inspect.calls();
    expect(stats).toMatchObject({ calls: 60, rateLimited: 0 });
    expect(stats!.maxAttemptsInOneSecond).toBeLessThanOrEqual(8);
  });

  it('a 403 RateLimitError pauses the key with a doubling backoff and the call then succeeds', async () => {
    const env = await connectorEnv(server);
    env.faults.add({
      method: 'GET',
      path: '/GeneralLedger/TaxCode',
      fault: { kind: 'status', status: 403, body: rateLimitBody },
      times: 2,
    });
    const start = env.clock.now();
    const pull = await env.drive(env.connector.pullReference(env.rt, {}));
    expect(pull.taxRates?.items.length).toBe(9);
    expect(requests.filter((r) => r.endsWith('/GeneralLedger/TaxCode'))).toHaveLength(3);
    // Paused 1 s, then 2 s.
    expect(env.clock.now() - start).toBeGreaterThanOrEqual(3_000);
  });

  it('a write refused with RateLimitError is retried (nothing was applied) and created once', async () => {
    const env = await connectorEnv(server);
    env.faults.add({
      method: 'POST',
      path: '/GeneralLedger/Job',
      fault: { kind: 'status', status: 403, body: rateLimitBody },
      times: 1,
    });
    const rt = { ...env.rt, options: { createJobs: true } };
    const [job] = await env.drive(
      env.connector.resolveJobs(rt, [{ code: 'J4001', name: 'Retry' }], { create: true, dryRun: false }),
    );
    expect(job).toMatchObject({ status: 'created' });
    expect(requests.filter((r) => r.startsWith('POST') && r.endsWith('/GeneralLedger/Job'))).toHaveLength(2);
    expect(env.sandbox.inspect.state().files[0]!.jobs.filter((j) => j.number === 'J4001')).toHaveLength(1);
  });

  it('when the sandbox allows fewer calls than the governor (another process on the key), 403s are absorbed', async () => {
    const env = await connectorEnv(server, { perSecondLimit: 3 });
    const all = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        env.connector.findDocuments(env.rt, [{ number: `INV-${i}`, kind: 'invoice' }]),
      ),
    );
    const results = await env.drive(all);
    expect(results).toHaveLength(20);
    const [stats] = env.sandbox.inspect.calls();
    expect(stats!.rateLimited).toBeGreaterThan(0);
    expect(stats!.byStatus['200']).toBe(20);
  });

  it('a permission 403 is not retried: forbidden, one request', async () => {
    const env = await connectorEnv(server);
    env.faults.add({
      method: 'GET',
      path: '/GeneralLedger/Job',
      fault: {
        kind: 'status',
        status: 403,
        body: {
          Errors: [
            {
              Name: 'AccessDenied',
              Message: 'The granted scopes do not include sme-general-ledger, which this endpoint needs',
              AdditionalDetails: 'Scope',
              ErrorCode: null,
              Severity: 'Error',
            },
          ],
        },
      },
    });
    const error = await env.drive(env.connector.pullReference(env.rt, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('forbidden');
    expect((error as ConnectorError).retryable).toBe(false);
    expect((error as ConnectorError).details[0]).toMatch(/sme-general-ledger/);
    expect(requests.filter((r) => r.endsWith('/GeneralLedger/Job'))).toHaveLength(1);
  });

  it('a 401 is auth_expired and a dropped read is retried before it gives up', async () => {
    const env = await connectorEnv(server);
    env.faults.add({ method: 'GET', path: '/Sale/Invoice', fault: { kind: 'reset' }, times: 1 });
    const found = await env.drive(env.connector.findDocuments(env.rt, [{ number: 'X', kind: 'invoice' }]));
    expect(found).toEqual([]);
    expect(requests.filter((r) => r.endsWith('/Sale/Invoice'))).toHaveLength(2);
    env.sandbox.control.revokeTokens();
    const error = await env
      .drive(env.connector.findDocuments(env.rt, [{ number: 'X', kind: 'invoice' }]))
      .catch((e: unknown) => e);
    expect((error as ConnectorError).code).toBe('auth_expired');
  });
});
