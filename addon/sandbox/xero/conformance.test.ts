// Every exchange these tests have with the Xero sandbox - the request (method, path, query, headers such as
// xero-tenant-id, Idempotency-Key and If-Modified-Since, body) and the response (status and body, errors
// included) - is checked against Xero's official OpenAPI in <repo root>/../shared/specs/xero
// (openapi-conformance.ts). Without the specs these tests fail, naming the path: they never skip.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { recordXeroExchanges, requireXeroSpecs, xeroConformance } from './openapi-conformance.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

describe('conformance with Xero OpenAPI', () => {
  it('the specs are beside the repository', () => {
    expect(requireXeroSpecs).not.toThrow();
  });

  let conformance: ReturnType<typeof xeroConformance>;
  let sandbox: XeroSandbox;
  const webhookBodies: string[] = [];
  const server = setupServer();
  const recorder = recordXeroExchanges(server.events);
  let token: string;
  let au: string;

  function check(spec: 'accounting' | 'identity' | 'webhooks', schema: string, data: unknown) {
    expect(
      conformance.schemaProblems(spec, schema, data),
      `${schema}: ${JSON.stringify(data).slice(0, 300)}`,
    ).toEqual([]);
  }

  /** Sends a request body after checking it against the spec's component schema. */
  async function send(path: string, method: string, schema: string, body: unknown, headers = {}) {
    check('accounting', schema, body);
    return api(token, au, path, { method, body, headers });
  }

  beforeAll(async () => {
    conformance = xeroConformance();
    ({ sandbox } = makeSandbox({
      webhook: { url: 'https://app.abtrac.test/hooks/xero', signingKey: 'k' },
      minuteLimit: 1000,
    }));
    server.listen({ onUnhandledRequest: 'error' });
    server.use(
      ...mswSandbox(sandbox),
      http.post('https://app.abtrac.test/hooks/xero', async ({ request }) => {
        webhookBodies.push(await request.text());
        return new HttpResponse(null, { status: 200 });
      }),
    );
    token = (await connect()).access_token;
    au = sandbox.tenants.au;
  });
  afterAll(() => server.close());

  it('the validator is live: it rejects what the spec forbids, in requests and responses', () => {
    expect(
      conformance.schemaProblems('accounting', 'Invoices', {
        Invoices: [{ Status: 'NOT-A-STATUS', Total: '12' }],
      }),
    ).toHaveLength(2);
    const url = (path: string) => new URL(`https://api.xero.com/api.xro/2.0/${path}`);
    const headers = (h: Record<string, string>) => new Headers(h);
    const request = (method: string, path: string, h: Record<string, string>, body = '') => ({
      method,
      url: url(path),
      requestHeaders: headers(h),
      requestBody: body,
    });
    const tenant = { 'xero-tenant-id': au };
    expect(conformance.requestProblems(request('GET', 'Invoices?page=1', tenant))).toEqual([]);
    expect(conformance.requestProblems(request('GET', 'Invoices', {}))).toEqual([
      'GET /api.xro/2.0/Invoices: required header xero-tenant-id is missing',
    ]);
    expect(conformance.requestProblems(request('GET', 'Invoices?pageNumber=2', tenant))[0]).toMatch(
      /pageNumber is not declared/,
    );
    expect(conformance.requestProblems(request('GET', 'Invoices?page=two', tenant))[0]).toMatch(
      /not a number/,
    );
    expect(
      conformance.requestProblems(
        request('GET', 'Invoices', { ...tenant, 'If-Modified-Since': 'yesterday' }),
      )[0],
    ).toMatch(/If-Modified-Since/);
    expect(
      conformance.requestProblems(
        request('PUT', 'Invoices', { ...tenant, 'Idempotency-Key': 'k'.repeat(129) }, '{"Invoices":[]}'),
      ),
    ).toEqual(['PUT /api.xro/2.0/Invoices: Idempotency-Key is longer than 128 characters']);
    expect(
      conformance.requestProblems(request('PUT', 'Invoices', tenant, '{"Invoices":[{"Status":"NOPE"}]}'))[0],
    ).toMatch(/body: \/Invoices\/0\/Status/);
    const response = (status: number, body: string, h: Record<string, string> = {}) => ({
      ...request('GET', 'Invoices', tenant),
      status,
      responseHeaders: headers(h),
      responseBody: body,
    });
    expect(
      conformance.responseProblems(
        response(
          403,
          '{"Title":"Forbidden","Status":403,"Detail":"AuthorizationUnsuccessful","Extensions":{"requiredScope":"x"}}',
        ),
      ),
    ).not.toEqual([]);
    expect(conformance.responseProblems(response(429, 'slow down'))).toHaveLength(2);
    expect(conformance.responseProblems(response(418, ''))).toHaveLength(1);
  });

  it('the token response', async () => {
    check('identity', 'AccessToken', await connect());
  });

  it('Organisation, Accounts, TaxRates, TrackingCategories', async () => {
    check('accounting', 'Organisations', await (await api(token, au, 'Organisation')).json());
    check('accounting', 'Organisations', await (await api(token, sandbox.tenants.nz, 'Organisation')).json());
    check('accounting', 'Accounts', await (await api(token, au, 'Accounts')).json());
    check('accounting', 'TaxRates', await (await api(token, au, 'TaxRates')).json());
    check('accounting', 'TaxRates', await (await api(token, sandbox.tenants.nz, 'TaxRates')).json());
    const tracking = await (await api(token, au, 'TrackingCategories?includeArchived=true')).json();
    check('accounting', 'TrackingCategories', tracking);
    const option = await send(
      `TrackingCategories/${tracking.TrackingCategories[0].TrackingCategoryID}/Options`,
      'PUT',
      'TrackingOption',
      {
        Name: 'J2000 Spec Check',
      },
    );
    check('accounting', 'TrackingOptions', await option.json());
  });

  it('Contacts: list, paged, create, and per-item errors', async () => {
    check('accounting', 'Contacts', await (await api(token, au, 'Contacts')).json());
    check('accounting', 'Contacts', await (await api(token, au, 'Contacts?page=1&pageSize=1')).json());
    const created = await send('Contacts?summarizeErrors=false', 'PUT', 'Contacts', {
      Contacts: [
        {
          Name: 'Spec Client Pty Ltd',
          ContactNumber: 'SPEC01',
          EmailAddress: 'ap@spec.example.com',
          Addresses: [
            {
              AddressType: 'POBOX',
              AddressLine1: '1 Spec St',
              City: 'Sydney',
              PostalCode: '2000',
              Country: 'Australia',
            },
          ],
          Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '9999 0000' }],
        },
        { Name: 'Harbour Developments Pty Ltd' },
      ],
    });
    check('accounting', 'Contacts', await created.json());
  });

  it('Invoices and CreditNotes: create (both summarizeErrors modes), read, paged, by id', async () => {
    const ok = await send('Invoices?summarizeErrors=false&unitdp=4', 'PUT', 'Invoices', {
      Invoices: [
        auInvoice(
          { InvoiceNumber: 'SPEC-1', Reference: 'Job J1001', Url: 'https://app.abtrac.test/i/1' },
          {
            Quantity: 3,
            UnitAmount: 33.335,
            Tracking: [{ Name: 'Job', Option: 'J1001 Harbour House' }],
          },
        ),
        auInvoice({ InvoiceNumber: 'SPEC-2' }, { AccountCode: '999' }),
      ],
    });
    const body = await ok.json();
    check('accounting', 'Invoices', body);
    const bad = await send('Invoices', 'PUT', 'Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'SPEC-1' })],
    });
    expect(bad.status).toBe(400);
    check('accounting', 'Error', await bad.json());
    check('accounting', 'Invoices', await (await api(token, au, 'Invoices')).json());
    check('accounting', 'Invoices', await (await api(token, au, 'Invoices?page=1&unitdp=4')).json());
    check(
      'accounting',
      'Invoices',
      await (await api(token, au, `Invoices/${body.Invoices[0].InvoiceID}`)).json(),
    );

    const cn = await send('CreditNotes?summarizeErrors=false', 'PUT', 'CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { Name: 'Harbour Developments Pty Ltd' },
          Date: '2026-11-02',
          Status: 'AUTHORISED',
          LineAmountTypes: 'Exclusive',
          LineItems: [
            {
              Description: 'Fee adjustment',
              Quantity: 1,
              UnitAmount: 50,
              AccountCode: '200',
              TaxType: 'OUTPUT',
            },
          ],
        },
      ],
    });
    check('accounting', 'CreditNotes', await cn.json());
    check('accounting', 'CreditNotes', await (await api(token, au, 'CreditNotes?page=1')).json());
  });

  it('Payments: create and read', async () => {
    const inv = (await (await api(token, au, 'Invoices?InvoiceNumbers=SPEC-1')).json()).Invoices[0];
    const paid = await send('Payments', 'PUT', 'Payments', {
      Payments: [
        {
          Invoice: { InvoiceID: inv.InvoiceID },
          Account: { Code: '090' },
          Date: '2026-11-20',
          Amount: 10,
          Reference: 'EFT',
        },
      ],
    });
    check('accounting', 'Payments', await paid.json());
    check('accounting', 'Payments', await (await api(token, au, 'Payments')).json());
    check('accounting', 'Invoices', await (await api(token, au, `Invoices/${inv.InvoiceID}`)).json());
  });

  it('Connections and webhook payloads', async () => {
    const connections = await (
      await fetch('https://api.xero.com/connections', { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(connections.length).toBe(2);
    for (const c of connections) check('identity', 'Connection', c);
    await sandbox.control.flushWebhooks();
    expect(webhookBodies.length).toBeGreaterThan(0);
    for (const raw of webhookBodies) {
      const payload = JSON.parse(raw);
      check('webhooks', 'WebhookEvent', payload);
      const credit = {
        ...payload,
        events: payload.events.filter((e: { eventCategory: string }) => e.eventCategory === 'CREDITNOTE'),
      };
      if (credit.events.length) check('webhooks', 'CreditNoteWebhookEvent', credit);
    }
  });

  it('error answers: wrong tenant, missing scope, expired token, unknown resource, rate limit, bad key reuse', async () => {
    const other = '00000000-0000-0000-0000-000000000000';
    expect((await api(token, other, 'Organisation')).status).toBe(403);
    const narrow = (await connect('openid offline_access accounting.settings.read')).access_token;
    expect((await api(narrow, au, 'Contacts')).status).toBe(401);
    expect((await api('garbage', au, 'Organisation')).status).toBe(401);
    expect((await api(token, au, 'Invoices/6f0d6f2e-0000-4000-8000-000000000000')).status).toBe(404);
    const body = { Invoices: [auInvoice({ InvoiceNumber: 'SPEC-KEY' })] };
    const key = { 'Idempotency-Key': 'spec-key-1' };
    expect((await send('Invoices', 'PUT', 'Invoices', body, key)).status).toBe(200);
    expect((await send('Invoices', 'PUT', 'Invoices', body, key)).status).toBe(200);
    const changed = { Invoices: [auInvoice({ InvoiceNumber: 'SPEC-KEY', Reference: 'changed' })] };
    expect((await send('Invoices', 'PUT', 'Invoices', changed, key)).status).toBe(400);
    const since = { 'If-Modified-Since': new Date(Date.UTC(2026, 0, 1)).toISOString() };
    expect((await api(token, au, 'Contacts?page=1', { headers: since })).status).toBe(200);
    sandbox.control.resetRateLimits();
    const limited = makeSandbox({ minuteLimit: 1 }).sandbox;
    server.use(...mswSandbox(limited));
    const t = (await connect()).access_token;
    await api(t, limited.tenants.au, 'Organisation');
    expect((await api(t, limited.tenants.au, 'Organisation')).status).toBe(429);
    server.use(...mswSandbox(sandbox));
  });

  it('every request sent and every response received in these tests conforms', async () => {
    await recorder.settled();
    const { exchanges } = recorder;
    expect(exchanges.length).toBeGreaterThan(30);
    const problems = exchanges.flatMap((ex) => [
      ...conformance.requestProblems(ex),
      ...conformance.responseProblems(ex),
    ]);
    expect(problems).toEqual([]);
    // The error answers were among them.
    expect(new Set(exchanges.map((e) => e.status))).toEqual(new Set([200, 400, 401, 403, 404, 429]));
  });
});
