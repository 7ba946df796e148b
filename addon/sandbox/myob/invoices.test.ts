import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { DEMO_FILE_ID } from './index.ts';
import { type Api, api, connect, lookups, makeEnv, type TestEnv } from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let env: TestEnv;
let a: Api;
let ids: Awaited<ReturnType<typeof lookups>>;

async function start(options: Parameters<typeof makeEnv>[0] = {}) {
  env = makeEnv(options);
  server.use(...mswSandbox(env.sandbox));
  a = api(await connect());
  ids = await lookups(a);
}

function invoice(overrides: Record<string, unknown> = {}, line: Record<string, unknown> = {}) {
  return {
    Number: 'INV-1001',
    Date: '2026-11-02T00:00:00',
    Customer: { UID: ids.customer('CUS000001') },
    IsTaxInclusive: false,
    JournalMemo: 'abtrac:inv-1001',
    FreightTaxCode: { UID: ids.tax('N-T') },
    Freight: 0,
    Lines: [
      {
        Type: 'Transaction',
        Description: 'Design development',
        Account: { UID: ids.account('4-1000') },
        Job: { UID: ids.job('J1001') },
        TaxCode: { UID: ids.tax('GST') },
        Total: 1000.0,
        ...line,
      },
      {
        Type: 'Transaction',
        Description: 'Council fees (GST free)',
        Account: { UID: ids.account('4-1400') },
        TaxCode: { UID: ids.tax('FRE') },
        Total: 250.5,
      },
    ],
    ...overrides,
  };
}

const errorNames = (res: { json: { Errors: { Name: string }[] } }) => res.json.Errors.map((e) => e.Name);

describe('Sale/Invoice/Service (myob.md §3.6)', () => {
  it('POST answers 201 + Location; GET by Location and by $filter Number finds it with computed totals', async () => {
    await start();
    const res = await a.post('Sale/Invoice/Service', invoice());
    expect(res.status).toBe(201);
    expect(res.json).toBeUndefined();
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${a.base}/Sale/Invoice/Service/[0-9a-f-]{36}$`));

    const got = await a.get(location);
    expect(got.json).toMatchObject({
      Number: 'INV-1001',
      Status: 'Open',
      JournalMemo: 'abtrac:inv-1001',
      Subtotal: 1250.5,
      TotalTax: 100,
      TotalAmount: 1350.5,
      BalanceDueAmount: 1350.5,
      IsTaxInclusive: false,
      Customer: { DisplayID: 'CUS000001', Name: 'Smith Family Trust' },
    });
    expect(got.json.Lines[0]).toMatchObject({
      Type: 'Transaction',
      Total: 1000,
      Account: { DisplayID: '4-1000' },
    });
    expect(got.json.Lines[0].Job.Number).toBe('J1001');
    expect(got.json.UID).toBe(location.split('/').pop());

    for (const path of ['Sale/Invoice', 'Sale/Invoice/Service']) {
      const found = await a.get(`${path}?$filter=Number eq 'INV-1001'`);
      expect(found.json.Count).toBe(1);
      expect(found.json.Items[0].UID).toBe(got.json.UID);
    }
    expect((await a.get("Sale/Invoice?$filter=Number eq 'INV-9999'")).json.Items).toEqual([]);
    expect((await a.post('Sale/Invoice', invoice({ Number: 'X' }))).status).toBe(405);
  });

  it('rounds tax once per invoice as MYOB does, not per line', async () => {
    await start();
    const res = await a.post(
      'Sale/Invoice/Service?returnBody=true',
      invoice({
        IsTaxInclusive: true,
        Freight: 11,
        FreightTaxCode: { UID: ids.tax('GST') },
        Lines: [0, 1, 2].map(() => ({
          Type: 'Transaction',
          Account: { UID: ids.account('4-1000') },
          TaxCode: { UID: ids.tax('GST') },
          Total: 100.01, // tax 100.01 / 11 = 9.091818… per line, kept unrounded
        })),
      }),
    );
    expect(res.status).toBe(201);
    // 3 x 9.091818… + 11 / 11 = 28.275454… -> 28.28 rounded once (per line it would be 3 x 9.09 + 1 = 28.27).
    expect(res.json).toMatchObject({ Subtotal: 300.03, Freight: 11, TotalTax: 28.28, TotalAmount: 311.03 });
  });

  it('has no idempotency: POST twice creates two invoices, and inspection reports the duplicate', async () => {
    await start();
    const first = await a.post('Sale/Invoice/Service', invoice());
    const second = await a.post('Sale/Invoice/Service', invoice());
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.headers.get('location')).not.toBe(second.headers.get('location'));
    expect((await a.get("Sale/Invoice?$filter=Number eq 'INV-1001'")).json.Count).toBe(2);
    const dup = env.sandbox.inspect.duplicates();
    expect(dup.invoices).toEqual([
      { businessId: DEMO_FILE_ID, number: 'INV-1001', uids: expect.arrayContaining([expect.any(String)]) },
    ]);
    expect(dup.invoices[0]!.uids).toHaveLength(2);
    expect(env.sandbox.inspect.invoicesByNumber(DEMO_FILE_ID, 'INV-1001')).toHaveLength(2);
  });

  it('PUT needs the current RowVersion: stale -> 409 IncorrectRowVersion', async () => {
    await start();
    const created = await a.post('Sale/Invoice/Service?returnBody=true', invoice());
    const current = created.json;
    const update = {
      ...invoice({ JournalMemo: 'changed' }),
      UID: current.UID,
      RowVersion: current.RowVersion,
    };
    const ok = await a.put(`Sale/Invoice/Service/${current.UID}?returnBody=true`, update);
    expect(ok.status).toBe(200);
    expect(ok.json.JournalMemo).toBe('changed');
    expect(ok.json.RowVersion).not.toBe(current.RowVersion);
    const stale = await a.put(`Sale/Invoice/Service/${current.UID}`, update);
    expect(stale.status).toBe(409);
    expect(errorNames(stale)).toEqual(['IncorrectRowVersion']);
    const missing = await a.put('Sale/Invoice/Service/00000000-0000-0000-0000-000000000000', {
      ...update,
      UID: '00000000-0000-0000-0000-000000000000',
    });
    expect(missing.status).toBe(404);
  });

  it('refuses UID or RowVersion on POST with 409', async () => {
    await start();
    const res = await a.post('Sale/Invoice/Service', {
      ...invoice(),
      UID: '3f8c2a1e-0000-0000-0000-000000000000',
    });
    expect(res.status).toBe(409);
  });

  it('validates: FreightTaxCode required, Number max 13, header/inactive accounts, header jobs, tax codes', async () => {
    await start();
    const { FreightTaxCode: _f, ...noFreight } = invoice();
    const freight = await a.post('Sale/Invoice/Service', noFreight);
    expect(freight.status).toBe(400);
    expect(freight.json.Errors[0]).toMatchObject({
      Name: 'Required',
      ErrorCode: 100,
      Message: 'FreightTaxCode is required',
    });
    expect(freight.json.Information).toBeTruthy();

    const long = await a.post('Sale/Invoice/Service', invoice({ Number: 'ABTRAC-123456' + '7' }));
    expect(long.status).toBe(400);
    expect(long.json.Errors[0]).toMatchObject({ Name: 'ValidationError', AdditionalDetails: 'Number' });
    expect((await a.post('Sale/Invoice/Service', invoice({ Number: 'ABTRAC-123456' }))).status).toBe(201);

    const header = await a.post(
      'Sale/Invoice/Service',
      invoice({}, { Account: { UID: ids.account('4-0000') } }),
    );
    expect(header.status).toBe(400);
    expect(errorNames(header)).toEqual(['Line_AccountHeaderNotAllowed']);
    const inactive = await a.post(
      'Sale/Invoice/Service',
      invoice({}, { Account: { UID: ids.account('4-1900') } }),
    );
    expect(inactive.status).toBe(400);
    expect(inactive.json.Errors[0].Message).toMatch(/4-1900 is inactive/);
    const headerJob = await a.post('Sale/Invoice/Service', invoice({}, { Job: { UID: ids.job('ARCH') } }));
    expect(errorNames(headerJob)).toEqual(['Line_JobHeaderNotAllowed']);
    const inactiveJob = await a.post('Sale/Invoice/Service', invoice({}, { Job: { UID: ids.job('J1003') } }));
    expect(inactiveJob.status).toBe(400);
    const inputTaxed = await a.post(
      'Sale/Invoice/Service',
      invoice({}, { TaxCode: { UID: ids.tax('ITS') } }),
    );
    expect(inputTaxed.json.Errors[0]).toMatchObject({ Name: 'InvalidTaxCode', ErrorCode: 32002 });
    const notAnAmount = await a.post('Sale/Invoice/Service', invoice({}, { Total: 'ten' }));
    expect(notAnAmount.status).toBe(400);
    const several = await a.post('Sale/Invoice/Service', { Lines: [] });
    expect(errorNames(several)).toEqual(['Required', 'Required', 'Required', 'Required']);
    // Nothing but the one valid invoice was stored.
    expect(env.sandbox.inspect.file(DEMO_FILE_ID).invoices).toHaveLength(1);
  });

  it('auto-numbers an invoice sent without a Number', async () => {
    await start();
    const res = await a.post('Sale/Invoice/Service?returnBody=true', invoice({ Number: undefined }));
    expect(res.json.Number).toBe('00000001');
  });

  it('accepts a negative invoice as a credit (Status Credit), or rejects it when configured to', async () => {
    await start();
    const credit = await a.post(
      'Sale/Invoice/Service?returnBody=true',
      invoice({ Number: 'CN-1', Lines: [{ ...invoice().Lines[0], Total: -200 }] }),
    );
    expect(credit.status).toBe(201);
    expect(credit.json).toMatchObject({
      TotalAmount: -220,
      TotalTax: -20,
      BalanceDueAmount: -220,
      Status: 'Credit',
    });
    env.sandbox.control.setNegativeInvoices('reject');
    const refused = await a.post('Sale/Invoice/Service', invoice({ Number: 'CN-2' }, { Total: -2000 }));
    expect(refused.status).toBe(400);
    expect(refused.json.Errors[0].Name).toBe('ValidationError');
  });
});

describe('Sale/CustomerPayment', () => {
  it('applies payments: balance goes down, Closed when paid; overpayment refused', async () => {
    await start();
    const inv = (await a.post('Sale/Invoice/Service?returnBody=true', invoice())).json;
    const pay = (amount: number) => ({
      DepositTo: 'Account',
      Account: { UID: ids.account('1-1100') },
      Customer: { UID: inv.Customer.UID },
      Date: '2026-11-20',
      AmountReceived: amount,
      Invoices: [{ UID: inv.UID, Type: 'Invoice', AmountApplied: amount }],
    });
    const part = await a.post('Sale/CustomerPayment?returnBody=true', pay(350.5));
    expect(part.status).toBe(201);
    expect(part.json.Invoices[0]).toMatchObject({ Number: 'INV-1001', AmountApplied: 350.5 });
    let now = (await a.get(`Sale/Invoice/Service/${inv.UID}`)).json;
    expect(now).toMatchObject({
      BalanceDueAmount: 1000,
      Status: 'Open',
      LastPaymentDate: '2026-11-20T00:00:00',
    });
    expect(now.RowVersion).not.toBe(inv.RowVersion);

    const over = await a.post('Sale/CustomerPayment', pay(1000.01));
    expect(over.status).toBe(400);
    expect((await a.post('Sale/CustomerPayment', pay(1000))).status).toBe(201);
    now = (await a.get(`Sale/Invoice/Service/${inv.UID}`)).json;
    expect(now).toMatchObject({ BalanceDueAmount: 0, Status: 'Closed' });
    expect((await a.get("Sale/Invoice?$filter=Status eq 'Closed'")).json.Count).toBe(1);
    expect((await a.get('Sale/CustomerPayment')).json.Count).toBe(2);
  });

  it('control.payInvoice records a payment as if keyed in MYOB', async () => {
    await start();
    const inv = (await a.post('Sale/Invoice/Service?returnBody=true', invoice())).json;
    const payment = env.sandbox.control.payInvoice(DEMO_FILE_ID, inv.UID, { amount: '100.50' });
    expect(payment.AmountReceived).toBe(100.5);
    expect((await a.get(`Sale/Invoice/Service/${inv.UID}`)).json.BalanceDueAmount).toBe(1250);
    env.sandbox.control.payInvoice(DEMO_FILE_ID, inv.UID);
    expect(env.sandbox.inspect.file(DEMO_FILE_ID).invoices[0]).toMatchObject({
      status: 'Closed',
      balanceDue: '0.00',
    });
  });
});

describe('Contact/Customer and GeneralLedger/Job', () => {
  const customer = (name: string, extra: Record<string, unknown> = {}) => ({
    IsIndividual: false,
    CompanyName: name,
    DisplayID: 'ABT-00042',
    Addresses: [
      { Location: 1, Street: '5 Quay St', City: 'Sydney', State: 'NSW', PostCode: '2000', Email: 'a@b.test' },
    ],
    SellingDetails: { TaxCode: { UID: ids.tax('GST') }, FreightTaxCode: { UID: ids.tax('N-T') } },
    ...extra,
  });

  it('creates customers (201 + Location), allows two with one name, reports the duplicate', async () => {
    await start();
    const res = await a.post('Contact/Customer?returnBody=true', customer('Quayside Developments Pty Ltd'));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${a.base}/Contact/Customer/${res.json.UID}`);
    expect(res.json.SellingDetails.TaxCode.Code).toBe('GST');
    const again = await a.post(
      'Contact/Customer',
      customer('Quayside Developments Pty Ltd', { DisplayID: undefined }),
    );
    expect(again.status).toBe(201);
    expect(env.sandbox.inspect.duplicates().customers[0]).toMatchObject({
      name: 'Quayside Developments Pty Ltd',
    });
    const found = await a.get("Contact/Customer?$filter=CompanyName eq 'Quayside Developments Pty Ltd'");
    expect(found.json.Count).toBe(2);
  });

  it('validates DisplayID length and the selling tax codes; PUT needs the RowVersion', async () => {
    await start();
    const long = await a.post('Contact/Customer', customer('X', { DisplayID: 'ABCDEFGHIJKLMNOP' }));
    expect(long.status).toBe(400);
    const noFreight = await a.post(
      'Contact/Customer',
      customer('Y', { SellingDetails: { TaxCode: { UID: ids.tax('GST') } } }),
    );
    expect(noFreight.json.Errors[0]).toMatchObject({
      Name: 'Required',
      Message: 'SellingDetails.FreightTaxCode is required',
    });
    const c = (await a.post('Contact/Customer?returnBody=true', customer('Z Pty Ltd'))).json;
    const put = await a.put(`Contact/Customer/${c.UID}`, {
      ...customer('Z Holdings'),
      UID: c.UID,
      RowVersion: c.RowVersion,
    });
    expect(put.status).toBe(200);
    const stale = await a.put(`Contact/Customer/${c.UID}`, {
      ...customer('Z Again'),
      UID: c.UID,
      RowVersion: c.RowVersion,
    });
    expect(stale.status).toBe(409);
  });

  it('creates jobs; job numbers are unique', async () => {
    await start();
    const res = await a.post('GeneralLedger/Job?returnBody=true', {
      Number: 'J3001',
      Name: 'Museum Extension',
      IsHeader: false,
      ParentJob: { UID: ids.job('ARCH') },
    });
    expect(res.status).toBe(201);
    expect(res.json.ParentJob.Number).toBe('ARCH');
    const dup = await a.post('GeneralLedger/Job', { Number: 'J3001', Name: 'Again' });
    expect(dup.status).toBe(400);
    expect((await a.get('GeneralLedger/Job?$filter=IsHeader eq false and IsActive eq true')).json.Count).toBe(
      4,
    );
  });
});
