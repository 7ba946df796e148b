import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

const RECEIVER = 'https://app.abtrac.test/api/webhooks/xero';
const KEY = 'webhook-signing-key-0123456789';
let sandbox: XeroSandbox;
const server = setupServer();
const received: { body: string; signature: string | null }[] = [];

function verify(body: string, signature: string | null): boolean {
  const expected = createHmac('sha256', KEY).update(body).digest();
  const given = Buffer.from(signature ?? '', 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  received.length = 0;
  ({ sandbox } = makeSandbox({ webhook: { url: RECEIVER, signingKey: KEY } }));
  server.use(
    ...mswSandbox(sandbox),
    http.post(RECEIVER, async ({ request }) => {
      const body = await request.text();
      const signature = request.headers.get('x-xero-signature');
      received.push({ body, signature });
      return new HttpResponse(null, { status: verify(body, signature) ? 200 : 401 });
    }),
  );
});
afterEach(() => server.resetHandlers());

describe('webhooks (xero.md §5)', () => {
  it('delivers signed, batched INVOICE and CONTACT events after the change', async () => {
    const token = (await connect()).access_token;
    const res = await api(token, sandbox.tenants.au, 'Invoices', {
      method: 'PUT',
      body: { Invoices: [auInvoice({ Contact: { Name: 'Webhook Client Ltd' } }), auInvoice()] },
    });
    const ids = (await res.json()).Invoices.map((i: { InvoiceID: string }) => i.InvoiceID);
    await sandbox.control.flushWebhooks();
    expect(received).toHaveLength(1);
    const { body, signature } = received[0]!;
    expect(verify(body, signature)).toBe(true);
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ firstEventSequence: 1, lastEventSequence: 3 });
    expect(payload.entropy).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(
      payload.events.map(
        (e: { eventCategory: string; eventType: string }) => `${e.eventCategory}:${e.eventType}`,
      ),
    ).toEqual(['CONTACT:CREATE', 'INVOICE:CREATE', 'INVOICE:CREATE']);
    expect(payload.events[1]).toMatchObject({
      resourceId: ids[0],
      resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${ids[0]}`,
      tenantId: sandbox.tenants.au,
      tenantType: 'ORGANISATION',
    });
    // A payment is an INVOICE UPDATE.
    sandbox.control.payInvoice(sandbox.tenants.au, ids[0]);
    await sandbox.control.flushWebhooks();
    expect(JSON.parse(received[1]!.body).events[0]).toMatchObject({
      eventType: 'UPDATE',
      eventCategory: 'INVOICE',
      resourceId: ids[0],
    });
    expect(sandbox.inspect.webhookDeliveries().map((d) => d.status)).toEqual([200, 200]);
  });

  it('runs the intent-to-receive check and reports whether the receiver passed', async () => {
    const good = await sandbox.control.intentToReceive();
    expect(good).toEqual({ passed: true, correctlySigned: 200, incorrectlySigned: 401 });
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      events: [],
      firstEventSequence: 0,
      lastEventSequence: 0,
    });
    server.use(http.post(RECEIVER, () => new HttpResponse(null, { status: 200 })));
    expect(await sandbox.control.intentToReceive()).toEqual({
      passed: false,
      correctlySigned: 200,
      incorrectlySigned: 200,
    });
  });
});
