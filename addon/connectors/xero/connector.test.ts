// The connector against the Xero sandbox served through msw at Xero's real hosts (DESIGN.md §8).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toCents } from '../../domain/money.ts';
import { xeroConformance } from '../../sandbox/xero/openapi-conformance.ts';
import { api } from '../../sandbox/xero/test-support.ts';
import { ConnectorError } from '../errors.ts';
import type { ConnectorRuntime, InterfaceOptions, LedgerContact, LedgerInvoice } from '../types.ts';
import { createXeroConnector, type XeroConnector } from './connector.ts';
import {
  accountingValidator,
  type CapturedRequest,
  captureRequests,
  connectedSandbox,
  ledgerInvoice,
  requestSchema,
  runtime,
  steppingClock,
  type XeroTestContext,
} from './test-support.ts';

const server = setupServer();
const capture = captureRequests(server);
/** Every request sent in this file, checked against Xero's OpenAPI at the end. */
const sentRequests: CapturedRequest[] = [];

let ctx: XeroTestContext;
let connector: XeroConnector;
let au: string;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  capture.stop();
  server.close();
});
beforeEach(async () => {
  ctx = await connectedSandbox(server);
  au = ctx.tenantId;
  connector = createXeroConnector({ ourUrlPrefix: 'https://app.abtrac.test/' });
  capture.requests.length = 0;
});
afterEach(async () => {
  await capture.settled();
  sentRequests.push(...capture.requests);
  server.resetHandlers();
});

const rt = (options: InterfaceOptions = {}): ConnectorRuntime => runtime(ctx, options);
const apiCalls = () => ctx.sandbox.inspect.calls()[au] ?? { calls: 0, rateLimited: 0, byRoute: {} };

async function rejection(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a rejection');
}

function client(code: string, name: string, extra: Partial<LedgerContact> = {}): LedgerContact {
  return { clientCode: code, name, address: {}, ...extra };
}

async function seedContact(body: Record<string, unknown>): Promise<string> {
  const r = await api(ctx.token, au, 'Contacts', { method: 'PUT', body: { Contacts: [body] } });
  return (await r.json()).Contacts[0].ContactID;
}

describe('pullReference', () => {
  it('first pull is full with archived codes marked; an unchanged refresh moves nothing', async () => {
    const first = await connector.pullReference(rt(), {});
    expect(first.accounts?.mode).toBe('full');
    const accounts = new Map(first.accounts!.items.map((a) => [a.code, a]));
    expect(accounts.get('200')).toMatchObject({ isRevenue: true, status: 'active', accountClass: 'REVENUE' });
    expect(accounts.get('230')).toMatchObject({ isRevenue: true, status: 'archived' });
    expect(accounts.get('400')).toMatchObject({ isRevenue: false });
    expect(accounts.get('860')).toMatchObject({ accountClass: 'LIABILITY', isRevenue: false });
    const rates = new Map(first.taxRates!.items.map((t) => [t.code, t]));
    expect(rates.get('OUTPUT')).toMatchObject({
      ratePercent: '10',
      canApplyToRevenue: true,
      accountClasses: ['LIABILITY', 'REVENUE'],
    });
    expect(rates.get('INPUT')?.canApplyToRevenue).toBe(false);
    expect(rates.get('BASEXCLUDED')?.accountClasses).toEqual([]);
    expect(rates.get('TAX001')).toMatchObject({ status: 'archived', ratePercent: '12.5' });
    const options = new Map(first.tracking!.items.map((t) => [t.optionName, t]));
    expect(options.get('J1001 Harbour House')).toMatchObject({ categoryName: 'Job', status: 'active' });
    expect(options.get('J0950 Old Warehouse Fitout')?.status).toBe('archived');
    expect(first.pulledAt.getTime()).toBe(ctx.clock.now());
    expect(apiCalls().calls).toBe(3);

    ctx.clock.advance(60_000);
    const since = { accounts: first.pulledAt, taxRates: first.pulledAt, tracking: first.pulledAt };
    const refresh = await connector.pullReference(rt(), since);
    expect(refresh).toMatchObject({ accounts: undefined, taxRates: undefined, tracking: undefined });
    expect(apiCalls().calls).toBe(6);

    ctx.clock.advance(5_000);
    ctx.sandbox.control.updateAccount(au, '260', { Status: 'ARCHIVED' });
    const changed = await connector.pullReference(rt(), { ...since, accounts: refresh.pulledAt });
    expect(changed.accounts).toEqual({
      mode: 'incremental',
      items: [expect.objectContaining({ code: '260', status: 'archived' })],
    });
    expect(changed.taxRates).toBeUndefined();
  });

  it('a new process (no fingerprint yet) returns full tax and tracking lists', async () => {
    const since = new Date(ctx.clock.now());
    const pull = await connector.pullReference(rt(), { accounts: since, taxRates: since, tracking: since });
    expect(pull.accounts).toBeUndefined();
    expect(pull.taxRates?.mode).toBe('full');
    expect(pull.tracking?.mode).toBe('full');
  });
});

describe('resolveContacts', () => {
  it('link, client ID, normalised name, email, archived, near match, create; never renames', async () => {
    const harbour = ctx.sandbox.inspect.contacts(au).find((c) => c.ContactNumber === 'HARB01')!;
    const riverside = await seedContact({ Name: 'Riverside Trust Pty Ltd' });
    const acme = await seedContact({ Name: 'Acme Holdings', EmailAddress: 'ap@acme.example.com' });
    const before = apiCalls().calls;
    const input = [
      client('HARB01', 'Harbour Developments (renamed in Abtrac)', { externalId: String(harbour.ContactID) }),
      client('CITY02', 'Parramatta City Council'),
      client('RIV01', 'Riverside Trust Pty. Ltd.'),
      client('ACM01', 'Acme Group', { email: 'AP@acme.example.com' }),
      client('OLD03', 'Old Client Holdings'),
      client('HD99', 'Harbour Developments PTY LTD'),
      client('NEW05', 'Bayside Pty Ltd', {
        email: 'accounts@bayside.example.com',
        address: { line1: '1 Bay St', city: 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' },
      }),
      client('CITY02', 'Parramatta City Council'),
    ];
    const dry = await connector.resolveContacts(rt(), input, { create: true, dryRun: true });
    expect(dry.map((r) => r.status)).toEqual([
      'linked',
      'matched',
      'matched',
      'matched',
      'archived',
      'near_match',
      'will_create',
      'matched',
    ]);
    // link (1) + the whole (small) contact list, one page, matched here (1): not a call per contact.
    expect(apiCalls().calls - before).toBe(2);
    expect(ctx.sandbox.inspect.contacts(au)).toHaveLength(5);

    const out = await connector.resolveContacts(rt(), input, { create: true, dryRun: false });
    expect(out[0]).toMatchObject({ status: 'linked', externalId: harbour.ContactID, matchedBy: 'link' });
    expect(out[1]).toMatchObject({
      status: 'matched',
      matchedBy: 'contactNumber',
      externalName: 'City of Parramatta Council',
    });
    expect(out[2]).toMatchObject({ status: 'matched', matchedBy: 'name', externalId: riverside });
    expect(out[3]).toMatchObject({ status: 'matched', matchedBy: 'email', externalId: acme });
    expect(out[4]).toMatchObject({ status: 'archived', externalName: 'Old Client Holdings' });
    expect(out[4]!.status === 'archived' && out[4]!.message).toMatch(/archived/);
    expect(out[5]).toMatchObject({
      status: 'near_match',
      candidates: [{ externalId: harbour.ContactID, name: 'Harbour Developments Pty Ltd', number: 'HARB01' }],
    });
    expect(out[6]).toMatchObject({ status: 'created', externalName: 'Bayside Pty Ltd' });
    const created = ctx.sandbox.inspect.contacts(au).find((c) => c.ContactNumber === 'NEW05');
    expect(created).toMatchObject({
      Name: 'Bayside Pty Ltd',
      EmailAddress: 'accounts@bayside.example.com',
      Addresses: [expect.objectContaining({ AddressLine1: '1 Bay St', PostalCode: '2000' })],
    });
    // Nothing renamed, nothing updated: the only write is one PUT creating the missing contact.
    const writes = capture.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'PUT /api.xro/2.0/Contacts', // seeded by the test
      'PUT /api.xro/2.0/Contacts', // seeded by the test
      'PUT /api.xro/2.0/Contacts',
    ]);
    expect(writes[2]!.url.searchParams.get('summarizeErrors')).toBe('false');
    expect(ctx.sandbox.inspect.contacts(au).find((c) => c.ContactID === harbour.ContactID)?.Name).toBe(
      'Harbour Developments Pty Ltd',
    );
    expect(ctx.sandbox.inspect.duplicates().contactNames).toEqual([]);

    const again = await connector.resolveContacts(rt(), [client('NEW05', 'Bayside Pty Ltd')], {
      create: false,
      dryRun: false,
    });
    expect(again[0]).toMatchObject({ status: 'matched', matchedBy: 'contactNumber' });
    const none = await connector.resolveContacts(rt(), [client('ZZZ9', 'Nobody Known')], {
      create: false,
      dryRun: false,
    });
    expect(none[0]?.status).toBe('unmatched');
  });

  it('a stored link to a contact archived in Xero comes back archived', async () => {
    const city = ctx.sandbox.inspect.contacts(au).find((c) => c.ContactNumber === 'CITY02')!;
    ctx.sandbox.control.archiveContact(au, String(city.ContactID));
    const [r] = await connector.resolveContacts(
      rt(),
      [client('CITY02', 'City of Parramatta Council', { externalId: String(city.ContactID) })],
      { create: true, dryRun: false },
    );
    expect(r).toMatchObject({ status: 'archived', externalId: city.ContactID });
  });
});

describe('a high-volume organisation (Xero refuses inefficient filters there)', () => {
  it('matches contacts by client ID, name and email without a refused query, one client or many', async () => {
    // Every organisation in this sandbox counts as high-volume: any ORed, LINQ-style or unfiltered list
    // query is answered 400 HighVolumeException, as Xero does above its threshold.
    ctx = await connectedSandbox(server, {}, { highVolumeThreshold: 1 });
    au = ctx.tenantId;
    const before = apiCalls();
    const input = [
      client('HARB01', 'Someone Else Entirely'),
      client('NEW42', 'harbour developments pty. ltd.'),
      client('NEW43', 'Nobody Known', { email: 'ACCOUNTS@harbourdev.example.com.au' }),
      client('NEW44', 'Brand New Client Pty Ltd'),
    ];
    const many = await connector.resolveContacts(rt(), input, { create: false, dryRun: true });
    expect(many.map((r) => [r.clientCode, r.status])).toEqual([
      ['HARB01', 'matched'],
      ['NEW42', 'near_match'],
      ['NEW43', 'near_match'],
      ['NEW44', 'unmatched'],
    ]);
    // One client at a time: the per-client look-ups (equality on ContactNumber, then searchTerm).
    for (const c of input) {
      const [one] = await connector.resolveContacts(rt(), [c], { create: false, dryRun: true });
      expect(one!.status, c.clientCode).toBe(many.find((m) => m.clientCode === c.clientCode)!.status);
    }
    const calls = apiCalls();
    expect(calls.calls - before.calls).toBeGreaterThan(4);
    const refused = capture.requests.filter((r) =>
      /where=.*(OR|Contains|ToLower)/i.test(decodeURIComponent(r.url.search)),
    );
    expect(refused).toEqual([]);
  });
});

describe('resolveJobs', () => {
  it('matches by code, reports archived, creates when asked', async () => {
    const jobs = [
      { code: 'J1001', name: 'Harbour House' },
      { code: 'J0950', name: 'Old Warehouse' },
      { code: 'J2001', name: 'Bay Pavilion' },
    ];
    const options = { jobTrackingCategory: 'Job', createJobs: true };
    // Creating tracking options is a settings write: the connection asks for accounting.settings.
    ctx = await connectedSandbox(server, options);
    const dry = await connector.resolveJobs(rt(options), jobs, { create: true, dryRun: true });
    expect(dry.map((j) => j.status)).toEqual(['matched', 'archived', 'will_create']);
    const out = await connector.resolveJobs(rt(options), jobs, { create: true, dryRun: false });
    expect(out[2]).toMatchObject({ code: 'J2001', status: 'created', name: 'J2001 Bay Pavilion' });
    const again = await connector.resolveJobs(rt(options), [jobs[2]!], { create: false, dryRun: false });
    expect(again[0]).toMatchObject({
      status: 'matched',
      externalId: out[2]!.status === 'created' && out[2]!.externalId,
    });
    const noCategory = await connector.resolveJobs(rt(), [jobs[0]!], { create: false, dryRun: false });
    expect(noCategory[0]?.status).toBe('unmatched');
  });
});

function cents(v: unknown): bigint {
  return toCents(Number(v).toFixed(2));
}

describe('pushDocuments', () => {
  async function harbourId() {
    return String(ctx.sandbox.inspect.contacts(au).find((c) => c.ContactNumber === 'HARB01')!.ContactID);
  }

  function batch(contactId: string): LedgerInvoice[] {
    const job = { code: 'J1001', name: 'Harbour House', trackingOption: 'J1001 Harbour House' };
    return [
      ledgerInvoice({ number: 'ABT-2001', contactId, job, lines: [{ quantity: '3', unitPrice: '33.3350' }] }),
      ledgerInvoice({
        number: 'ABT-2002',
        contactId,
        taxMode: 'inclusive',
        lines: [
          { quantity: '1.5', unitPrice: '123.4567' },
          { quantity: '2', unitPrice: '0.0550', accountCode: '220' },
        ],
      }),
      ledgerInvoice({
        number: 'ABT-2003',
        contactId,
        lines: [
          { unitPrice: '25.43' },
          { unitPrice: '25.43' },
          { unitPrice: '25.43', description: 'Exempt', taxCode: 'EXEMPTOUTPUT', taxRatePercent: '0' },
        ],
      }),
      ledgerInvoice({ number: 'ABT-2004', contactId, lines: [{ unitPrice: '500', accountCode: '230' }] }),
      ledgerInvoice({
        number: 'ABT-C2005',
        kind: 'credit',
        contactId,
        lines: [{ quantity: '2', unitPrice: '12.345' }],
      }),
    ];
  }

  it('lands a mixed batch with Xero totals equal to ours; per-item failures come back as outcomes', async () => {
    const contactId = await harbourId();
    const invoices = batch(contactId);
    const options = { jobTrackingCategory: 'Job', invoiceStatus: 'AUTHORISED' as const };
    const out = await connector.pushDocuments(rt(options), invoices, 'abtrac:if-1:batch-1');
    expect(out.map((o) => o.ok)).toEqual([true, true, true, false, true]);
    const failed = out[3]!;
    expect(!failed.ok && failed.error.code).toBe('validation');
    expect(!failed.ok && failed.error.details.join(' ')).toMatch(/230/);
    expect(out[0]).toMatchObject({ externalNumber: 'ABT-2001', status: 'AUTHORISED' });

    const stored = [...ctx.sandbox.inspect.invoices(au), ...ctx.sandbox.inspect.creditNotes(au)];
    for (const inv of invoices.filter((i) => i.number !== 'ABT-2004')) {
      const doc = stored.find((d) => (d.InvoiceNumber ?? d.CreditNoteNumber) === inv.number)!;
      expect([cents(doc.SubTotal), cents(doc.TotalTax), cents(doc.Total)], inv.number).toEqual([
        inv.subtotalCents,
        inv.taxCents,
        inv.totalCents,
      ]);
      expect(doc.Type).toBe(inv.kind === 'credit' ? 'ACCRECCREDIT' : 'ACCREC');
      // Xero's CreditNote has no Url (OpenAPI): only invoices carry the link back.
      expect(doc.Url).toBe(inv.kind === 'credit' ? undefined : inv.url);
      expect(doc.Reference).toBe('Job J1001');
    }
    const first = stored.find((d) => d.InvoiceNumber === 'ABT-2001')!;
    const line = (first.LineItems as Record<string, unknown>[])[0]!;
    expect(line).toMatchObject({ UnitAmount: 33.335, Quantity: 3 });
    expect(line.Tracking).toEqual([expect.objectContaining({ Name: 'Job', Option: 'J1001 Harbour House' })]);

    // Two calls (invoices, credit notes), each with its own key: the engine's key with the body sent.
    const writes = capture.requests.filter((r) => r.method === 'PUT');
    expect(writes.map((w) => [w.url.pathname, w.url.search])).toEqual([
      ['/api.xro/2.0/Invoices', '?summarizeErrors=false&unitdp=4'],
      ['/api.xro/2.0/CreditNotes', '?summarizeErrors=false&unitdp=4'],
    ]);
    const keys = writes.map((w) => w.headers.get('idempotency-key')!);
    expect(new Set(keys).size).toBe(2);
    for (const k of keys) expect(k).toMatch(/^abx-[0-9a-f]{64}$/);

    // A replay with the same key (within Xero's 6 minutes) creates nothing new and returns the same ids.
    ctx.clock.advance(60_000);
    const replay = await connector.pushDocuments(rt(options), invoices, 'abtrac:if-1:batch-1');
    expect(replay).toEqual(out);
    expect(ctx.sandbox.inspect.invoices(au)).toHaveLength(3);
    expect(ctx.sandbox.inspect.creditNotes(au)).toHaveLength(1);
  });

  it('a changed request gets a new Idempotency-Key: a mapping fixed and resent within six minutes lands', async () => {
    const contactId = await harbourId();
    const engineKey = 'abtrac:if-1:inv-ABT-3001@1';
    const wrong = ledgerInvoice({
      number: 'ABT-3001',
      contactId,
      lines: [{ unitPrice: '500', accountCode: '999' }],
    });
    const [refused] = await connector.pushDocuments(rt({ invoiceStatus: 'AUTHORISED' }), [wrong], engineKey);
    expect(refused!.ok).toBe(false);
    // The mapping is fixed; the invoice (same id, same version) goes again a minute later.
    ctx.clock.advance(60_000);
    const fixed = { ...wrong, lines: wrong.lines.map((l) => ({ ...l, accountCode: '200' })) };
    const [landed] = await connector.pushDocuments(rt({ invoiceStatus: 'AUTHORISED' }), [fixed], engineKey);
    expect(landed).toMatchObject({ ok: true, externalNumber: 'ABT-3001' });
    const keys = capture.requests
      .filter((r) => r.method === 'PUT' && r.url.pathname.endsWith('/Invoices'))
      .map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    // The same request again keeps its key, so a retry is answered from Xero's record, not created twice.
    const [again] = await connector.pushDocuments(rt({ invoiceStatus: 'AUTHORISED' }), [fixed], engineKey);
    expect(again).toEqual(landed);
    expect(ctx.sandbox.inspect.invoices(au).filter((i) => i.InvoiceNumber === 'ABT-3001')).toHaveLength(1);
  });

  it('defaults to DRAFT and adds a rounding line when Abtrac rounded at document level', async () => {
    const contactId = await harbourId();
    const inv = ledgerInvoice({ number: 'ABT-3001', contactId, lines: [{ unitPrice: '99.97' }] });
    inv.totalCents = 11000n; // 109.97 rounded up to 110.00 by Abtrac
    const noAccount = await connector.pushDocuments(rt(), [inv], 'k-r0');
    expect(!noAccount[0]!.ok && noAccount[0]!.error.message).toMatch(/rounding account/);
    expect(apiCalls().calls).toBe(0);
    const [ok] = await connector.pushDocuments(rt({ roundingAccountCode: '860' }), [inv], 'k-r1');
    expect(ok).toMatchObject({ ok: true, status: 'DRAFT' });
    const doc = ctx.sandbox.inspect.invoices(au)[0]!;
    expect(cents(doc.Total)).toBe(11000n);
    expect(cents(doc.TotalTax)).toBe(inv.taxCents);
    expect((doc.LineItems as Record<string, unknown>[]).at(-1)).toMatchObject({
      Description: 'Rounding',
      AccountCode: '860',
      LineAmount: 0.03,
    });
  });

  it('commit-then-drop gives uncertain_outcome; findDocuments then finds it (adopt, zero duplicates)', async () => {
    const contactId = await harbourId();
    const invoices = [
      ledgerInvoice({ number: 'ABT-4001', contactId }),
      ledgerInvoice({ number: 'ABT-C4002', kind: 'credit', contactId }),
    ];
    ctx.sandbox.control.addFault({
      method: 'PUT',
      path: 'api/api.xro/2.0/Invoices',
      fault: { kind: 'commit-then-drop' },
      times: 1,
    });
    const err = await rejection(connector.pushDocuments(rt(), invoices, 'k-drop'));
    expect(err.code).toBe('uncertain_outcome');
    expect(err.retryable).toBe(true);
    expect(JSON.stringify(err)).not.toContain(ctx.token);
    // No blind retry inside the connector: one PUT, and the credit note was not sent after the failure.
    expect(capture.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);

    const found = await connector.findDocuments(rt(), [
      { number: 'ABT-4001', kind: 'invoice' },
      { number: 'ABT-C4002', kind: 'credit' },
      { number: 'ABT-9999', kind: 'invoice' },
    ]);
    expect(found).toEqual([
      expect.objectContaining({
        number: 'ABT-4001',
        kind: 'invoice',
        taggedAsOurs: true,
        totalCents: 110000n,
      }),
    ]);
    expect(ctx.sandbox.inspect.duplicates().invoiceNumbers).toEqual([]);
  });

  it('a 5xx on a write is uncertain; on a read it is provider_unavailable', async () => {
    const contactId = await harbourId();
    ctx.sandbox.control.addFault({
      path: 'api/api.xro/2.0/Invoices',
      fault: { kind: 'status', status: 503 },
      times: 2,
    });
    const write = await rejection(connector.pushDocuments(rt(), [ledgerInvoice({ contactId })], 'k-503'));
    expect(write.code).toBe('uncertain_outcome');
    const read = await rejection(connector.findDocuments(rt(), [{ number: 'X', kind: 'invoice' }]));
    expect(read.code).toBe('provider_unavailable');
  });

  it('200 invoices for 20 new clients: no 429 and the fewest calls', async () => {
    const clients = Array.from({ length: 20 }, (_, i) =>
      client(`BULK${String(i).padStart(2, '0')}`, `Bulk Client ${i} Pty Ltd`, {
        email: `ap${i}@bulk.example.com`,
      }),
    );
    const before = apiCalls().calls;
    const contacts = await connector.resolveContacts(rt(), clients, { create: true, dryRun: false });
    expect(contacts.every((c) => c.status === 'created')).toBe(true);
    const ids = new Map(contacts.map((c) => [c.clientCode, c.status === 'created' ? c.externalId : '']));
    const invoices = Array.from({ length: 200 }, (_, i) => {
      const c = clients[i % 20]!;
      return ledgerInvoice({
        number: `BULK-${1000 + i}`,
        contact: { ...c, externalId: ids.get(c.clientCode) },
        lines: [
          { quantity: String(1 + (i % 7)), unitPrice: `${100 + i}.${String(i % 100).padStart(2, '0')}` },
        ],
      });
    });
    const outcomes = [];
    for (let i = 0; i < invoices.length; i += connector.pushChunkSize) {
      outcomes.push(...(await connector.pushDocuments(rt(), invoices.slice(i, i + 50), `bulk-${i}`)));
    }
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const calls = apiCalls();
    expect(calls.rateLimited).toBe(0);
    // ⌈200/50⌉ pushes + 2 contact calls (the contact list in one page, one PUT creating 20).
    expect(calls.calls - before).toBe(4 + 2);
    expect(calls.byRoute['/Invoices']).toBe(4);
    expect(ctx.sandbox.inspect.invoices(au)).toHaveLength(200);
  });
});

describe('fetchDocuments', () => {
  it('reads payments, voids and credit notes back by id and by modified-since', async () => {
    const contactId = String(
      ctx.sandbox.inspect.contacts(au).find((c) => c.ContactNumber === 'HARB01')!.ContactID,
    );
    const start = new Date(ctx.clock.now());
    const pushed = await connector.pushDocuments(
      rt({ invoiceStatus: 'AUTHORISED' }),
      [
        ledgerInvoice({ number: 'ABT-5001', contactId }),
        ledgerInvoice({ number: 'ABT-5002', contactId }),
        ledgerInvoice({ number: 'ABT-C5003', kind: 'credit', contactId }),
      ],
      'k-fetch',
    );
    const ids = pushed.map((p) => (p.ok ? p.externalId : ''));
    ctx.clock.advance(60_000);
    ctx.sandbox.control.payInvoice(au, 'ABT-5001', { date: '2026-11-04' });
    ctx.sandbox.control.payInvoice(au, 'ABT-5002', { amount: '100.00', date: '2026-11-04' });

    const byId = await connector.fetchDocuments(rt(), { externalIds: ids });
    const m = new Map(byId.map((d) => [d.number, d]));
    expect(m.get('ABT-5001')).toMatchObject({
      status: 'PAID',
      amountPaidCents: 110000n,
      amountDueCents: 0n,
      paidOn: '2026-11-04',
    });
    expect(m.get('ABT-5002')).toMatchObject({
      status: 'AUTHORISED',
      amountPaidCents: 10000n,
      amountDueCents: 100000n,
    });
    expect(m.get('ABT-C5003')).toMatchObject({
      kind: 'credit',
      totalCents: 110000n,
      amountDueCents: 110000n,
    });

    const changed = await connector.fetchDocuments(rt(), { modifiedSince: start });
    expect(changed.map((d) => d.number).sort()).toEqual(['ABT-5001', 'ABT-5002', 'ABT-C5003']);
  });
});

describe('errors and limits', () => {
  it('401 → auth_expired, disconnected tenant → reconnect_needed, 429 → rate_limited with a paused governor', async () => {
    const badToken = runtime({ ...ctx, token: 'not-a-token' });
    expect((await rejection(connector.pullReference(badToken, {}))).code).toBe('auth_expired');

    ctx.sandbox.control.addFault({
      path: 'api/api.xro/2.0/Invoices',
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': '30', 'X-Rate-Limit-Problem': 'minute' },
        body: { Title: 'Too Many Requests', Status: 429 },
      },
      times: 1,
    });
    const limited = await rejection(connector.findDocuments(rt(), [{ number: 'X', kind: 'invoice' }]));
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
    // The next call waits out Retry-After on the platform clock instead of collecting another 429.
    let done = false;
    const next = connector.findDocuments(rt(), [{ number: 'X', kind: 'invoice' }]).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    ctx.clock.advance(30_000);
    await next;
    expect(done).toBe(true);

    const connection = ctx.sandbox.inspect.connections().find((c) => c.tenantId === au)!;
    ctx.sandbox.control.disconnectTenant(connection.id);
    expect((await rejection(connector.pullReference(rt(), {}))).code).toBe('reconnect_needed');
  });

  it('401 TokenExpired: refreshes once and the call goes through', async () => {
    ctx.sandbox.control.addFault({
      path: 'api/api.xro/2.0/Invoices',
      fault: {
        kind: 'status',
        status: 401,
        body: {
          Type: null,
          Title: 'Unauthorized',
          Status: 401,
          Detail: 'TokenExpired: token expired at 01/01/2026 10:00:00',
          Instance: 'c0ffee00-0000-4000-8000-000000000001',
          Extensions: {},
        },
      },
      times: 1,
    });
    let refreshed = 0;
    const withRefresh: ConnectorRuntime = {
      ...rt(),
      refreshAccessToken: async () => {
        refreshed++;
        return ctx.token;
      },
    };
    expect(await connector.findDocuments(withRefresh, [{ number: 'NONE-1', kind: 'invoice' }])).toEqual([]);
    expect(refreshed).toBe(1);
  });

  it('401 AuthorizationUnsuccessful: a missing scope names it, and is never refreshed in a loop', async () => {
    ctx.sandbox.control.addFault({
      path: 'api/api.xro/2.0/Invoices',
      fault: {
        kind: 'status',
        status: 401,
        body: {
          Type: null,
          Title: 'Unauthorized',
          Status: 401,
          Detail: 'AuthorizationUnsuccessful',
          Instance: 'c0ffee00-0000-4000-8000-000000000002',
          Extensions: {},
        },
      },
    });
    let refreshed = 0;
    const withRefresh: ConnectorRuntime = {
      ...rt(),
      refreshAccessToken: async () => {
        refreshed++;
        return ctx.token;
      },
    };
    const err = await rejection(connector.findDocuments(withRefresh, [{ number: 'X', kind: 'invoice' }]));
    expect(err.code).toBe('scope_missing');
    expect(err.message).toBe(
      'Permission missing: reconnect and allow accounting.invoices (sending invoices and credit notes).',
    );
    expect(refreshed).toBe(0);
  });

  it('the governor keeps 70 calls inside 60 a minute: no 429 from the sandbox', async () => {
    const stepping = runtime({ ...ctx, clock: steppingClock(ctx.clock) });
    const paced = createXeroConnector({ requestTimeoutMs: 0 });
    await Promise.all(
      Array.from({ length: 70 }, (_, i) =>
        paced.findDocuments(stepping, [{ number: `N-${i}`, kind: 'invoice' }]),
      ),
    );
    expect(apiCalls()).toMatchObject({ calls: 70, rateLimited: 0 });
    expect(paced.governorFor(stepping).calls).toBe(70);
  });
});

describe('OpenAPI', () => {
  it('every request the connector sent in these tests validates against Xero’s OpenAPI', () => {
    // Fails (never skips) when ../shared/specs is not beside the repository.
    const conformance = xeroConformance();
    const check = accountingValidator();
    const ours = sentRequests.filter((w) => w.headers.get('user-agent')?.startsWith('xero-node'));
    expect(ours.length).toBeGreaterThan(10);
    const problems = ours.flatMap((r) =>
      conformance.requestProblems({
        method: r.method,
        url: r.url,
        requestHeaders: r.headers,
        requestBody: r.body,
      }),
    );
    expect(problems).toEqual([]);
    const schemas = new Set<string>();
    for (const w of ours.filter((r) => r.method !== 'GET')) {
      const schema = requestSchema(w.method, w.url.pathname)!;
      schemas.add(schema);
      expect(check(schema, JSON.parse(w.body)), `${w.method} ${w.url.pathname}`).toEqual([]);
    }
    expect([...schemas].sort()).toEqual(['Contacts', 'CreditNotes', 'Invoices', 'TrackingOption']);
  });
});
