import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { mswSandbox } from '../../sandbox/common/msw.ts';
import { signWebhookBody } from '../../sandbox/xero/index.ts';
import { api, auInvoice, connect, makeSandbox } from '../../sandbox/xero/test-support.ts';
import { parseXeroEvents, verifyXeroSignature, XeroWebhookPayloadError } from './webhook.ts';

const KEY = 'sandbox-webhook-key';
const body = JSON.stringify({
  events: [
    {
      resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/0A0B0C0D-0000-4000-8000-000000000001',
      resourceId: '0A0B0C0D-0000-4000-8000-000000000001',
      eventDateUtc: '2026-11-01T01:15:39.902',
      eventType: 'Update',
      eventCategory: 'INVOICE',
      tenantId: '3F9A6F1E-2C4B-4D8E-9A71-5B0C2D3E4F51',
      tenantType: 'ORGANISATION',
    },
    {
      resourceUrl: 'https://api.xero.com/api.xro/2.0/CreditNotes/c1',
      resourceId: 'c1',
      eventDateUtc: '2026-11-01T01:15:40.000',
      eventType: 'CREATE',
      eventCategory: 'creditnote',
      tenantId: 't1',
      tenantType: 'ORGANISATION',
      data: { Type: 'ACCRECCREDIT', Status: 'DRAFT' },
    },
    {
      resourceUrl: 'https://api.xero.com/appstore/2.0/subscriptions/s1',
      resourceId: 's1',
      eventDateUtc: '2026-11-01T01:15:41.000',
      eventType: 'UPDATE',
      eventCategory: 'SUBSCRIPTION',
      tenantId: 'app',
      tenantType: 'APPLICATION',
    },
  ],
  firstEventSequence: 3,
  lastEventSequence: 5,
  entropy: 'S0m3r4Nd0mt3xt',
});

describe('verifyXeroSignature', () => {
  const raw = Buffer.from(body);
  it.each([
    ['a correct signature', signWebhookBody(body, KEY), true],
    ['a signature made with another key', signWebhookBody(body, 'forged-key'), false],
    ['a signature of another body', signWebhookBody(`${body} `, KEY), false],
    ['a truncated signature', signWebhookBody(body, KEY).slice(0, 20), false],
    ['garbage', 'not base64 at all!', false],
    ['no header', undefined, false],
  ])('%s → %s', (_name, header, ok) => {
    expect(verifyXeroSignature(raw, header, KEY)).toBe(ok);
  });

  it('refuses everything when no key is configured', () => {
    expect(verifyXeroSignature(raw, signWebhookBody(body, ''), '')).toBe(false);
  });
});

describe('parseXeroEvents', () => {
  it('types INVOICE, CREDITNOTE and CONTACT events, case-insensitively, and skips SUBSCRIPTION', () => {
    const batch = parseXeroEvents(Buffer.from(body));
    expect(batch).toMatchObject({
      firstEventSequence: 3,
      lastEventSequence: 5,
      intentToReceive: false,
      ignored: 1,
    });
    expect(batch.events).toEqual([
      {
        category: 'INVOICE',
        type: 'UPDATE',
        resourceId: '0a0b0c0d-0000-4000-8000-000000000001',
        resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/0A0B0C0D-0000-4000-8000-000000000001',
        tenantId: '3f9a6f1e-2c4b-4d8e-9a71-5b0c2d3e4f51',
        eventDate: new Date('2026-11-01T01:15:39.902Z'),
      },
      expect.objectContaining({
        category: 'CREDITNOTE',
        type: 'CREATE',
        data: { type: 'ACCRECCREDIT', status: 'DRAFT' },
      }),
    ]);
  });

  it('recognises the intent-to-receive probe and rejects what is not Xero’s shape', () => {
    const probe = parseXeroEvents('{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"x"}');
    expect(probe).toMatchObject({ events: [], intentToReceive: true });
    expect(() => parseXeroEvents('not json')).toThrow(XeroWebhookPayloadError);
    expect(() => parseXeroEvents('{"events":[{"eventType":"DELETE"}]}')).toThrow(XeroWebhookPayloadError);
  });

  it('accepts what the sandbox delivers, signed with its key', async () => {
    const received: { raw: Buffer; signature: string | null }[] = [];
    const { sandbox } = makeSandbox({
      webhook: { url: 'https://app.abtrac.test/api/webhooks/xero', signingKey: KEY },
    });
    const server = setupServer(
      ...mswSandbox(sandbox),
      http.post('https://app.abtrac.test/api/webhooks/xero', async ({ request }) => {
        received.push({
          raw: Buffer.from(await request.arrayBuffer()),
          signature: request.headers.get('x-xero-signature'),
        });
        return new HttpResponse(null, { status: 200 });
      }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const token = (await connect()).access_token;
      await api(token, sandbox.tenants.au, 'Invoices', {
        method: 'PUT',
        body: { Invoices: [auInvoice({ InvoiceNumber: 'WH-1' })] },
      });
      await sandbox.control.flushWebhooks();
      expect(received.length).toBeGreaterThan(0);
      const categories = new Set<string>();
      for (const r of received) {
        expect(verifyXeroSignature(r.raw, r.signature ?? undefined, KEY)).toBe(true);
        expect(verifyXeroSignature(r.raw, r.signature ?? undefined, 'wrong')).toBe(false);
        for (const e of parseXeroEvents(r.raw).events) {
          categories.add(e.category);
          expect(e.tenantId).toBe(sandbox.tenants.au);
        }
      }
      expect(categories.has('INVOICE')).toBe(true);
    } finally {
      server.close();
    }
  });
});
