import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../common/clock.ts';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

let sandbox: XeroSandbox;
let clock: ManualClock;
const server = setupServer();
let token: string;
let au: string;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  ({ sandbox, clock } = makeSandbox());
  server.use(...mswSandbox(sandbox));
  token = (await connect()).access_token;
  au = sandbox.tenants.au;
});
afterEach(() => server.resetHandlers());

const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(token, au, path, { method: 'PUT', body, headers });

describe('reference data', () => {
  it('reads accounts with where, and If-Modified-Since returns only changed ones', async () => {
    const all = await (await api(token, au, 'Accounts')).json();
    expect(all.Status).toBe('OK');
    expect(all.DateTimeUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    const sales = all.Accounts.find((a: { Code: string }) => a.Code === '200');
    expect(sales).toMatchObject({
      Name: 'Sales',
      Class: 'REVENUE',
      Type: 'REVENUE',
      TaxType: 'OUTPUT',
      Status: 'ACTIVE',
    });
    const archived = await (
      await api(token, au, `Accounts?where=${encodeURIComponent('Status=="ARCHIVED" AND Class=="REVENUE"')}`)
    ).json();
    expect(archived.Accounts.map((a: { Code: string }) => a.Code)).toEqual(['230', '235', '240']);

    clock.advance(60_000);
    const since = new Date(clock.now()).toISOString();
    clock.advance(1000);
    sandbox.control.updateAccount(au, '260', { Status: 'ARCHIVED' });
    const changed = await (
      await api(token, au, 'Accounts', { headers: { 'if-modified-since': since } })
    ).json();
    expect(changed.Accounts.map((a: { Code: string; Status: string }) => [a.Code, a.Status])).toEqual([
      ['260', 'ARCHIVED'],
    ]);
  });

  it('reads tax rates and tracking categories, and creates a tracking option', async () => {
    const rates = await (await api(token, au, 'TaxRates')).json();
    const gst = rates.TaxRates.find((t: { TaxType: string }) => t.TaxType === 'OUTPUT');
    expect(gst).toMatchObject({
      Name: 'GST on Income',
      EffectiveRate: 10,
      CanApplyToRevenue: true,
      ReportTaxType: 'OUTPUT',
    });
    expect(rates.TaxRates.find((t: { TaxType: string }) => t.TaxType === 'TAX001').Status).toBe('ARCHIVED');
    const tracking = await (await api(token, au, 'TrackingCategories')).json();
    const job = tracking.TrackingCategories.find((c: { Name: string }) => c.Name === 'Job');
    expect(job.Options).toHaveLength(3);
    const created = await put(`TrackingCategories/${job.TrackingCategoryID}/Options`, {
      Name: 'J1004 Museum Extension',
    });
    expect(created.status).toBe(200);
    const dup = await put(`TrackingCategories/${job.TrackingCategoryID}/Options`, {
      Name: 'J1004 Museum Extension',
    });
    expect(dup.status).toBe(400);
  });
});

describe('contacts', () => {
  it('finds contacts by the where forms the add-on sends, searchTerm and paging', async () => {
    const q = async (where: string) =>
      (await (await api(token, au, `Contacts?where=${encodeURIComponent(where)}`)).json()).Contacts.map(
        (c: { Name: string }) => c.Name,
      );
    expect(await q('ContactNumber=="HARB01"')).toEqual(['Harbour Developments Pty Ltd']);
    expect(await q('Name=="City of Parramatta Council"')).toEqual(['City of Parramatta Council']);
    expect(await q('EmailAddress=="accounts@harbourdev.example.com.au"')).toEqual([
      'Harbour Developments Pty Ltd',
    ]);
    expect(await q('Name.ToLower()=="harbour developments pty ltd"')).toEqual([
      'Harbour Developments Pty Ltd',
    ]);
    const search = await (await api(token, au, 'Contacts?searchTerm=parramatta')).json();
    expect(search.Contacts).toHaveLength(1);
    const paged = await (await api(token, au, 'Contacts?page=1&pageSize=1')).json();
    expect(paged.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, itemCount: 2 });
    const bad = await api(token, au, `Contacts?where=${encodeURIComponent('Name=="x')}`);
    expect(bad.status).toBe(400);
  });

  it('keeps active names unique and refuses to edit archived contacts', async () => {
    const dup = await put('Contacts?summarizeErrors=false', {
      Contacts: [{ Name: 'Harbour Developments Pty Ltd' }],
    });
    const body = await dup.json();
    expect(body.Contacts[0].StatusAttributeString).toBe('ERROR');
    expect(body.Contacts[0].ValidationErrors[0].Message).toBe(
      'The contact name Harbour Developments Pty Ltd is already assigned to another contact. The contact name must be unique across all active contacts.',
    );
    const archived = await api(token, au, 'Contacts', {
      method: 'POST',
      body: { Contacts: [{ Name: 'Old Client Holdings', EmailAddress: 'x@y.com' }] },
    });
    expect(archived.status).toBe(400);
    expect((await archived.json()).Elements[0].ValidationErrors[0].Message).toBe(
      'The specified contact details matched an archived contact. Archived contacts cannot currently be edited via the API.',
    );
  });
});

describe('invoices', () => {
  it('creates an invoice, creating the contact named only by Name', async () => {
    const res = await put('Invoices', {
      Invoices: [
        auInvoice({
          Contact: { Name: 'Brand New Client Pty Ltd', ContactNumber: 'NEW01' },
          Reference: 'J1001',
          Url: 'https://app.abtrac.test/invoices/1',
        }),
      ],
    });
    expect(res.status).toBe(200);
    const inv = (await res.json()).Invoices[0];
    expect(inv).toMatchObject({
      InvoiceNumber: 'INV-0001',
      Status: 'AUTHORISED',
      SubTotal: 1000,
      TotalTax: 100,
      Total: 1100,
      AmountDue: 1100,
      Reference: 'J1001',
      Url: 'https://app.abtrac.test/invoices/1',
    });
    const contacts = sandbox.inspect.contacts(au);
    expect(contacts.filter((c) => c.Name === 'Brand New Client Pty Ltd')).toHaveLength(1);
  });

  it('summarizeErrors=false: 200, per-item errors, good ones created', async () => {
    const res = await put('Invoices?summarizeErrors=false', {
      Invoices: [
        auInvoice({ InvoiceNumber: 'A-1' }),
        auInvoice({ InvoiceNumber: 'A-2' }, { AccountCode: '999' }),
        auInvoice({ InvoiceNumber: 'A-3' }),
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.Invoices.map((i: { StatusAttributeString: string }) => i.StatusAttributeString)).toEqual([
      'OK',
      'ERROR',
      'OK',
    ]);
    expect(body.Invoices[1].HasErrors).toBe(true);
    expect(body.Invoices[1].ValidationErrors[0].Message).toBe(
      "Account code '999' is not a valid code for this document.",
    );
    expect(sandbox.inspect.invoices(au).map((i) => i.InvoiceNumber)).toEqual(['A-1', 'A-3']);
  });

  it('summarizeErrors=true (or absent): 400 ValidationException, and the good ones are still created', async () => {
    const res = await put('Invoices', {
      Invoices: [
        auInvoice({ InvoiceNumber: 'B-1' }),
        auInvoice({ InvoiceNumber: 'B-2' }, { AccountCode: '230' }),
      ],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(body.Elements).toHaveLength(1);
    expect(body.Elements[0].ValidationErrors[0].Message).toMatch(/^Account code '230' has been archived/);
    expect(sandbox.inspect.invoices(au).map((i) => i.InvoiceNumber)).toEqual(['B-1']);
  });

  it('validates tax type against the account class, duplicate numbers and archived tax rates', async () => {
    const res = await put('Invoices?summarizeErrors=false', {
      Invoices: [
        auInvoice({ InvoiceNumber: 'C-1' }, { AccountCode: '400', TaxType: 'OUTPUT' }),
        auInvoice({ InvoiceNumber: 'C-2' }, { TaxType: 'INPUT' }),
        auInvoice({ InvoiceNumber: 'C-3' }, { TaxType: 'TAX001' }),
        auInvoice({ InvoiceNumber: 'C-4' }, { TaxType: 'BASEXCLUDED' }),
        auInvoice({ InvoiceNumber: 'C-4' }),
      ],
    });
    const msgs = (await res.json()).Invoices.map((i: { ValidationErrors?: { Message: string }[] }) =>
      i.ValidationErrors?.map((e) => e.Message),
    );
    expect(msgs[0]).toEqual(["The TaxType code 'OUTPUT' cannot be used with account code '400'."]);
    expect(msgs[1]).toEqual([
      "The TaxType code 'INPUT' does not exist or cannot be used for this type of transaction.",
    ]);
    expect(msgs[2]).toEqual([
      "The TaxType code 'TAX001' does not exist or cannot be used for this type of transaction.",
    ]);
    expect(msgs[3]).toBeUndefined();
    expect(msgs[4]).toEqual(['Invoice # must be unique.']);
  });

  it('rounds tax per line: 3 x 33.335 at 10% (unitdp=4), and three single lines', async () => {
    const one = await put('Invoices?unitdp=4', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-1' }, { Quantity: 3, UnitAmount: 33.335 })],
    });
    const a = (await one.json()).Invoices[0];
    expect(a.LineItems[0]).toMatchObject({ UnitAmount: 33.335, LineAmount: 100.01, TaxAmount: 10 });
    expect([a.SubTotal, a.TotalTax, a.Total]).toEqual([100.01, 10, 110.01]);

    const line = { Description: 'x', Quantity: 1, UnitAmount: 33.335, AccountCode: '200', TaxType: 'OUTPUT' };
    const three = await put('Invoices?unitdp=4', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-2', LineItems: [line, line, line] })],
    });
    const b = (await three.json()).Invoices[0];
    // Per line: 33.34 + 3.33 tax each; on the subtotal it would be 10.00.
    expect([b.SubTotal, b.TotalTax, b.Total]).toEqual([100.02, 9.99, 110.01]);

    // Without unitdp=4 the unit price is rounded to 2 dp first.
    const twoDp = await put('Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-3' }, { Quantity: 3, UnitAmount: 33.335 })],
    });
    expect((await twoDp.json()).Invoices[0]).toMatchObject({ SubTotal: 100.02, TotalTax: 10, Total: 110.02 });

    const inclusive = await put('Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-4', LineAmountTypes: 'Inclusive' }, { UnitAmount: 110 })],
    });
    expect((await inclusive.json()).Invoices[0]).toMatchObject({ SubTotal: 100, TotalTax: 10, Total: 110 });

    const explicitOk = await put('Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-5' }, { TaxAmount: 100.01 })],
    });
    expect((await explicitOk.json()).Invoices[0].TotalTax).toBe(100.01);
    // A supplied TaxAmount overrides the computed tax, whatever it is (OAS LineItem.TaxAmount).
    const overridden = await put('Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-6' }, { TaxAmount: 90 })],
    });
    expect((await overridden.json()).Invoices[0].TotalTax).toBe(90);
    const noTax = await put('Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'R-7', LineAmountTypes: 'NoTax' }, { TaxAmount: 1 })],
    });
    expect(noTax.status).toBe(400);
  });

  it('reads by IDs, InvoiceNumbers, Statuses and pages with line items', async () => {
    await put('Invoices', {
      Invoices: [auInvoice({ InvoiceNumber: 'G-1' }), auInvoice({ InvoiceNumber: 'G-2', Status: 'DRAFT' })],
    });
    const byNumber = await (await api(token, au, 'Invoices?InvoiceNumbers=G-2')).json();
    expect(byNumber.Invoices.map((i: { Status: string }) => i.Status)).toEqual(['DRAFT']);
    const byStatus = await (await api(token, au, 'Invoices?Statuses=AUTHORISED')).json();
    expect(byStatus.Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(['G-1']);
    expect(byStatus.Invoices[0].LineItems).toBeUndefined();
    const paged = await (await api(token, au, 'Invoices?page=1')).json();
    expect(paged.Invoices[0].LineItems).toHaveLength(1);
    const single = await (await api(token, au, `Invoices/${byNumber.Invoices[0].InvoiceID}`)).json();
    expect(single.Invoices[0].InvoiceNumber).toBe('G-2');
  });

  it('POST updates an existing invoice found by number; credit notes work the same way', async () => {
    await put('Invoices', { Invoices: [auInvoice({ InvoiceNumber: 'U-1', Status: 'DRAFT' })] });
    const upd = await api(token, au, 'Invoices', {
      method: 'POST',
      body: { Invoices: [{ InvoiceNumber: 'U-1', Type: 'ACCREC', Status: 'AUTHORISED' }] },
    });
    expect((await upd.json()).Invoices[0].Status).toBe('AUTHORISED');
    expect(sandbox.inspect.invoices(au)).toHaveLength(1);
    const cn = await put('CreditNotes', {
      CreditNotes: [{ ...auInvoice(), Type: 'ACCRECCREDIT', DueDate: undefined }],
    });
    expect(cn.status).toBe(200);
    expect((await cn.json()).CreditNotes[0]).toMatchObject({
      CreditNoteNumber: 'CN-0001',
      Total: 1100,
      RemainingCredit: 1100,
    });
  });
});

describe('payments', () => {
  it('a partial payment keeps AUTHORISED with AmountPaid; the rest marks it PAID', async () => {
    const inv = (await (await put('Invoices', { Invoices: [auInvoice()] })).json()).Invoices[0];
    const p1 = await put('Payments', {
      Payments: [
        { Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Date: '2026-11-10', Amount: 100 },
      ],
    });
    expect(p1.status).toBe(200);
    let now = (await (await api(token, au, `Invoices/${inv.InvoiceID}`)).json()).Invoices[0];
    expect(now).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 100, AmountDue: 1000 });
    sandbox.control.payInvoice(au, inv.InvoiceNumber);
    now = (await (await api(token, au, `Invoices/${inv.InvoiceID}`)).json()).Invoices[0];
    expect(now).toMatchObject({ Status: 'PAID', AmountPaid: 1100, AmountDue: 0 });
    const over = await put('Payments?summarizeErrors=false', {
      Payments: [{ Invoice: { InvoiceID: inv.InvoiceID }, Account: { Code: '090' }, Amount: 1 }],
    });
    expect((await over.json()).Payments[0].StatusAttributeString).toBe('ERROR');
    const list = await (await api(token, au, 'Payments')).json();
    expect(list.Payments).toHaveLength(2);
  });
});

describe('Idempotency-Key', () => {
  it('a replay returns the first response and creates nothing; a different body answers 400', async () => {
    const body = { Invoices: [auInvoice()] };
    const first = await (await put('Invoices', body, { 'Idempotency-Key': 'key-1' })).json();
    const again = await (await put('Invoices', body, { 'Idempotency-Key': 'key-1' })).json();
    expect(again.Invoices[0].InvoiceID).toBe(first.Invoices[0].InvoiceID);
    expect(sandbox.inspect.invoices(au)).toHaveLength(1);
    const other = await put(
      'Invoices',
      { Invoices: [auInvoice({ Reference: 'changed' })] },
      { 'Idempotency-Key': 'key-1' },
    );
    expect(other.status).toBe(400);
    expect((await other.json()).Detail).toBe('Idempotency Key: key-1 is used with a different request.');
    // After 6 minutes of platform time the key is forgotten (xero.md §4).
    clock.advance(6 * 60_000 + 1);
    const later = await (await put('Invoices', body, { 'Idempotency-Key': 'key-1' })).json();
    expect(later.Invoices[0].InvoiceID).not.toBe(first.Invoices[0].InvoiceID);
    expect(sandbox.inspect.invoices(au)).toHaveLength(2);
  });
});
