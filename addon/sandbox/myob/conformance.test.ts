// Every exchange these tests have with the MYOB sandbox - headers, write bodies, entities, paged lists and the
// Errors envelope of each failure - is checked against the schema written from MYOB's documented fields
// (myob-schema.json, schema-conformance.ts).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { myobConformance, recordMyobExchanges } from './schema-conformance.ts';
import { type Api, api, connect, lookups, makeEnv } from './test-support.ts';

const server = setupServer();
const recorder = recordMyobExchanges(server.events);
const conformance = myobConformance();
let a: Api;
let ids: Awaited<ReturnType<typeof lookups>>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  const env = makeEnv({ perSecondLimit: 10_000 });
  server.use(...mswSandbox(env.sandbox));
  a = api(await connect());
  ids = await lookups(a);
});
afterAll(() => server.close());

const invoice = (overrides: Record<string, unknown> = {}) => ({
  Number: 'SPEC-1',
  Date: '2026-11-02T00:00:00',
  Customer: { UID: ids.customer('CUS000001') },
  IsTaxInclusive: false,
  JournalMemo: 'abtrac:spec-1',
  FreightTaxCode: { UID: ids.tax('N-T') },
  Freight: 0,
  Lines: [
    {
      Type: 'Transaction',
      Description: 'Design development',
      Account: { UID: ids.account('4-1000') },
      Job: { UID: ids.job('J1001') },
      TaxCode: { UID: ids.tax('GST') },
      Total: 1000,
    },
  ],
  ...overrides,
});

describe('conformance with MYOB documented fields', () => {
  it('the validator is live: it rejects what MYOB does not document', () => {
    expect(
      conformance.schemaProblems('ServiceInvoiceWrite', {
        ...invoice(),
        Lines: [{ Type: 'Transaction', TaxAmount: 1 }],
      }),
    ).not.toEqual([]);
    expect(conformance.schemaProblems('ServiceInvoiceWrite', { ...invoice(), TotalTax: 100 })).not.toEqual(
      [],
    );
    expect(conformance.schemaProblems('ErrorResponse', { Title: 'Forbidden' })).not.toEqual([]);
    const request = (headers: Record<string, string>) => ({
      method: 'GET',
      url: new URL(`${a.base}/GeneralLedger/Account`),
      requestHeaders: new Headers(headers),
      requestBody: '',
    });
    expect(conformance.requestProblems(request({ authorization: 'Bearer t' }))).toEqual([
      'GET GeneralLedger/Account: no x-myobapi-key',
      'GET GeneralLedger/Account: x-myobapi-version is not v2',
    ]);
  });

  it('lists, reads, creates, updates and fails as MYOB does', async () => {
    const created = await a.post('Sale/Invoice/Service?returnBody=true', invoice());
    expect(created.status).toBe(201);
    expect((await a.post('Sale/Invoice/Service', invoice({ Number: 'SPEC-2' }))).status).toBe(201);
    expect((await a.get(created.headers.get('location')!)).status).toBe(200);
    expect((await a.get("Sale/Invoice/Service?$filter=Number eq 'SPEC-1'")).status).toBe(200);
    expect((await a.get('Sale/Invoice')).status).toBe(200);
    const update = {
      ...invoice({ JournalMemo: 'changed' }),
      UID: created.json.UID,
      RowVersion: created.json.RowVersion,
    };
    expect((await a.put(`Sale/Invoice/Service/${created.json.UID}`, update)).status).toBe(200);
    expect((await a.put(`Sale/Invoice/Service/${created.json.UID}`, update)).status).toBe(409);
    // Well-formed but refused by MYOB's rules: a header job cannot be posted to.
    const headerJob = invoice({ Lines: [{ ...invoice().Lines[0], Job: { UID: ids.job('ARCH') } }] });
    expect((await a.post('Sale/Invoice/Service', headerJob)).status).toBe(400);
    expect((await a.get('Sale/Invoice/Service/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    const customer = await a.post('Contact/Customer?returnBody=true', {
      IsIndividual: false,
      CompanyName: 'Spec Developments Pty Ltd',
      DisplayID: 'ABT-SPEC',
      SellingDetails: { TaxCode: { UID: ids.tax('GST') }, FreightTaxCode: { UID: ids.tax('N-T') } },
    });
    expect(customer.status).toBe(201);
    expect((await a.get(`Contact/Customer/${customer.json.UID}`)).status).toBe(200);
    expect(
      (await a.post('GeneralLedger/Job', { Number: 'J9001', Name: 'Spec job', IsHeader: false })).status,
    ).toBe(201);
    const credit = await a.post(
      'Sale/Invoice/Service?returnBody=true',
      invoice({ Number: 'SPEC-CR', Lines: [{ ...invoice().Lines[0], Total: -100 }] }),
    );
    expect(credit.json.Status).toBe('Credit');
  });

  it('every request sent and every response received in these tests conforms', async () => {
    await recorder.settled();
    const { exchanges } = recorder;
    expect(exchanges.length).toBeGreaterThan(12);
    const problems = exchanges.flatMap((ex) => [
      ...conformance.requestProblems(ex),
      ...conformance.responseProblems(ex),
    ]);
    expect(problems).toEqual([]);
    expect(new Set(exchanges.map((e) => e.status))).toEqual(new Set([200, 201, 400, 404, 409]));
  });
});
