// The MYOB connector against the MYOB sandbox (addon/sandbox/myob) served by msw at api.myob.com.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE_ID } from '../../sandbox/myob/index.ts';
import { myobConformance, recordMyobExchanges } from '../../sandbox/myob/schema-conformance.ts';
import { api, lookups } from '../../sandbox/myob/test-support.ts';
import { ConnectorError } from '../errors.ts';
import type { LedgerContact, LedgerInvoice, PushOutcome } from '../types.ts';
import { centsFromJson, invoiceTag } from './mappers.ts';
import { type ConnectorEnv, connectorEnv, ledgerInvoice } from './test-support.ts';

const server = setupServer();
/** Every exchange of this file, checked against MYOB's documented fields at the end. */
const recorder = recordMyobExchanges(server.events);
const requests: Request[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    requests.push(request);
  });
});
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

const apiCalls = (env: ConnectorEnv) => env.sandbox.inspect.calls().reduce((n, c) => n + c.calls, 0);

function expectOk(outcome: PushOutcome | undefined): Extract<PushOutcome, { ok: true }> {
  if (!outcome?.ok) throw new Error(`push failed: ${outcome?.error.code} ${outcome?.error.message}`);
  return outcome;
}

describe('pullReference (myob.md §3.2-§3.4, §3.8)', () => {
  it('reads 2,500+ accounts over pages of 1,000 with revenue and archived flags, tax codes and jobs', async () => {
    const env = await connectorEnv(server, { seed: { extraAccounts: 2_500 } });
    const before = apiCalls(env);
    const pull = await env.drive(env.connector.pullReference(env.rt, {}));
    // 40 seeded + 1 generated header + 2,500 generated detail accounts = 3 pages; 1 page of tax codes, 1 of jobs.
    expect(apiCalls(env) - before).toBe(5);
    expect(pull.accounts?.mode).toBe('full');
    const accounts = pull.accounts!.items;
    expect(accounts).toHaveLength(2_542);
    expect(new Set(accounts.map((a) => a.externalId)).size).toBe(2_542);
    const byCode = new Map(accounts.map((a) => [a.code, a]));
    expect(byCode.get('4-1000')).toMatchObject({
      isRevenue: true,
      status: 'active',
      accountClass: 'Income',
      defaultTaxCode: 'GST',
    });
    expect(byCode.get('8-1000')).toMatchObject({ isRevenue: true, accountClass: 'OtherIncome' });
    expect(byCode.get('4-0000')).toMatchObject({ isRevenue: false, status: 'active' }); // header
    expect(byCode.get('4-1900')).toMatchObject({ isRevenue: false, status: 'archived' }); // inactive
    expect(byCode.get('6-1000')).toMatchObject({ isRevenue: false, status: 'active' });
    expect(byCode.get('4-7500')).toMatchObject({ isRevenue: true }); // the last generated account
    expect(accounts.filter((a) => a.isRevenue)).toHaveLength(2_500 + 7 + 1);

    const tax = new Map(pull.taxRates!.items.map((t) => [t.code, t]));
    expect(tax.get('GST')).toMatchObject({ ratePercent: '10', canApplyToRevenue: true });
    expect(tax.get('ITS')?.canApplyToRevenue).toBe(false);
    expect(tax.get('IMP')?.canApplyToRevenue).toBe(false);
    expect(pull.tracking!.items.map((t) => [t.optionName, t.status])).toEqual([
      ['J1001', 'active'],
      ['J1002', 'active'],
      ['J1003', 'archived'],
      ['J2001', 'active'],
    ]);
    expect(pull.tracking!.items[0]).toMatchObject({ categoryId: 'Job', categoryName: 'Job' });
    expect(pull.pulledAt.getTime()).toBe(Date.UTC(2026, 10, 2, 9, 0, 0));
  });

  it("sends MYOB's headers, never a cftoken, and builds URLs from baseUrls.api and the businessId", async () => {
    const env = await connectorEnv(server);
    requests.length = 0;
    await env.drive(env.connector.findDocuments(env.rt, [{ number: "O'Brien-1", kind: 'invoice' }]));
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    const url = new URL(r.url);
    expect(url.origin + url.pathname).toBe(`https://api.myob.com/accountright/${DEMO_FILE_ID}/Sale/Invoice`);
    expect(url.searchParams.get('$filter')).toBe("Number eq 'O''Brien-1'");
    expect(url.searchParams.get('$top')).toBe('1000');
    expect(r.headers.get('authorization')).toBe(`Bearer ${env.conn.accessToken}`);
    expect(r.headers.get('x-myobapi-key')).toBe('abtrac-test-key');
    expect(r.headers.get('x-myobapi-version')).toBe('v2');
    expect(r.headers.get('accept-encoding')).toMatch(/gzip/);
    expect(r.headers.has('x-myobapi-cftoken')).toBe(false);
  });
});

describe('resolveContacts (myob.md §3.5)', () => {
  const contact = (clientCode: string, name: string, extra: Partial<LedgerContact> = {}): LedgerContact => ({
    clientCode,
    name,
    address: { line1: '5 Quay St', city: 'Sydney', region: 'NSW', postcode: '2000', country: 'Australia' },
    ...extra,
  });

  async function seedCards(env: ConnectorEnv) {
    const a = api(env.conn);
    const ids = await lookups(a);
    const selling = { TaxCode: { UID: ids.tax('GST') }, FreightTaxCode: { UID: ids.tax('N-T') } };
    const card = async (body: Record<string, unknown>) =>
      (
        await a.post('Contact/Customer?returnBody=true', {
          IsIndividual: false,
          SellingDetails: selling,
          ...body,
        })
      ).json.UID as string;
    return {
      ids,
      unnumbered: await card({ CompanyName: 'Quayside Developments Pty Ltd' }),
      inactive: await card({ CompanyName: 'Old Client Co', DisplayID: 'OLD-1', IsActive: false }),
      email: await card({
        CompanyName: 'Accounts Shared',
        DisplayID: 'SH-1',
        Addresses: [{ Email: 'ap@group.test' }],
      }),
    };
  }

  it('stored link, Card ID, normalised name, near match, archived, email, unmatched', async () => {
    const env = await connectorEnv(server);
    const seeded = await seedCards(env);
    const smith = seeded.ids.customer('CUS000001');
    const before = apiCalls(env);
    const results = await env.drive(
      env.connector.resolveContacts(
        env.rt,
        [
          contact('CUS000001', 'Renamed In Abtrac', { externalId: smith }),
          contact('CUS000002', 'Harbour City Council'),
          contact('ABT-9', 'Quayside Developments Pty. Ltd.'),
          contact('ABT-10', 'HARBOUR CITY COUNCIL'),
          contact('OLD-1', 'Old Client Co'),
          contact('ABT-11', 'Someone New', { email: 'AP@group.test' }),
          contact('ABT-12', 'Nobody Here'),
          contact('CUS000003', 'Jane Citizen', { externalId: '00000000-0000-4000-8000-000000000000' }),
        ],
        { create: false, dryRun: false },
      ),
    );
    // One list call for the whole batch.
    expect(apiCalls(env) - before).toBe(1);
    expect(results[0]).toMatchObject({
      status: 'linked',
      externalId: smith,
      externalName: 'Smith Family Trust',
    });
    expect(results[1]).toMatchObject({
      status: 'matched',
      matchedBy: 'card_id',
      externalName: 'Harbour City Council',
    });
    expect(results[2]).toMatchObject({ status: 'matched', matchedBy: 'name', externalId: seeded.unnumbered });
    expect(results[3]).toMatchObject({
      status: 'near_match',
      candidates: [{ name: 'Harbour City Council', number: 'CUS000002' }],
    });
    expect(results[4]).toMatchObject({ status: 'archived', externalId: seeded.inactive });
    expect((results[4] as { message: string }).message).toMatch(/inactive/);
    expect(results[5]).toMatchObject({ status: 'near_match', candidates: [{ externalId: seeded.email }] });
    expect(results[6]).toMatchObject({ status: 'unmatched' });
    // A stale link (card deleted in MYOB) falls through to the Card ID.
    expect(results[7]).toMatchObject({
      status: 'matched',
      matchedBy: 'card_id',
      externalName: 'Jane Citizen',
    });
  });

  it('dry run says will_create; create makes one card per client with MYOB limits, and finds it again', async () => {
    const env = await connectorEnv(server);
    const newcomers = [
      contact('ABT-100', 'Quayside Developments', { email: 'a@quay.test' }),
      contact('ABT-101', `${'Very Long Company Name '.repeat(3)}Pty Ltd`),
      contact('ABT-CLIENT-0000001', 'Card ID Too Long'),
      contact('ABT-100', 'Quayside Developments'), // the same client twice in one batch
    ];
    const dry = await env.drive(
      env.connector.resolveContacts(env.rt, newcomers, { create: true, dryRun: true }),
    );
    expect(dry.map((r) => r.status)).toEqual(['will_create', 'will_create', 'unmatched', 'will_create']);
    expect((dry[2] as { message: string }).message).toMatch(/at most 15/);
    expect(env.sandbox.inspect.file(DEMO_FILE_ID).customers).toHaveLength(3);

    const made = await env.drive(
      env.connector.resolveContacts(env.rt, newcomers, { create: true, dryRun: false }),
    );
    expect(made.map((r) => r.status)).toEqual(['created', 'created', 'unmatched', 'created']);
    const [quay, long] = made as { externalId: string; externalName: string; matchedBy?: string }[];
    expect(made[3]).toEqual(made[0]);
    expect(long!.externalName.length).toBeLessThanOrEqual(50);
    expect(long!.matchedBy).toMatch(/shortened to MYOB's 50/);
    const cards = env.sandbox.inspect.file(DEMO_FILE_ID).customers;
    expect(cards.find((c) => c.uid === quay!.externalId)).toMatchObject({
      displayId: 'ABT-100',
      name: 'Quayside Developments',
    });
    expect(env.sandbox.inspect.duplicates().customers).toEqual([]);

    const again = await env.drive(
      env.connector.resolveContacts(env.rt, newcomers.slice(0, 2), { create: true, dryRun: false }),
    );
    expect(again.map((r) => [r.status, 'externalId' in r ? r.externalId : ''])).toEqual([
      ['matched', quay!.externalId],
      ['matched', long!.externalId],
    ]);
    expect(env.sandbox.inspect.file(DEMO_FILE_ID).customers).toHaveLength(5);
  });

  it('a card created while the answer was lost is found by its Card ID, not created twice', async () => {
    const env = await connectorEnv(server);
    env.faults.add({
      method: 'POST',
      path: '/Contact/Customer',
      fault: { kind: 'commit-then-drop' },
      times: 1,
    });
    const [r] = await env.drive(
      env.connector.resolveContacts(env.rt, [contact('ABT-200', 'Ghost Card Pty Ltd')], {
        create: true,
        dryRun: false,
      }),
    );
    expect(r).toMatchObject({ status: 'created', externalName: 'Ghost Card Pty Ltd' });
    expect(
      env.sandbox.inspect.file(DEMO_FILE_ID).customers.filter((c) => c.displayId === 'ABT-200'),
    ).toHaveLength(1);
  });
});

describe('resolveJobs (myob.md §3.4)', () => {
  it('matches by number, never uses header jobs, reports inactive ones, creates only when allowed', async () => {
    const env = await connectorEnv(server);
    const jobs = [
      { code: 'J1001', name: 'Smith Residence' },
      { code: 'j1002', name: 'Harbourside' },
      { code: 'ARCH', name: 'Header' },
      { code: 'J1003', name: 'Library Fit-out' },
      { code: 'J3001', name: 'Museum Extension with a very long name' },
      { code: 'J-CODE-TOO-LONG-1', name: 'Too long' },
    ];
    const off = await env.drive(env.connector.resolveJobs(env.rt, jobs, { create: true, dryRun: false }));
    expect(off.map((r) => r.status)).toEqual([
      'matched',
      'matched',
      'unmatched',
      'archived',
      'unmatched',
      'unmatched',
    ]);
    expect((off[2] as { message: string }).message).toMatch(/header job/);
    expect((off[4] as { message: string }).message).toMatch(/Create jobs/);
    expect((off[5] as { message: string }).message).toMatch(/at most 15/);

    const rt = { ...env.rt, options: { createJobs: true } };
    const dry = await env.drive(
      env.connector.resolveJobs(rt, jobs.slice(4, 5), { create: true, dryRun: true }),
    );
    expect(dry).toEqual([{ code: 'J3001', status: 'will_create' }]);
    const made = await env.drive(
      env.connector.resolveJobs(rt, jobs.slice(4, 5), { create: true, dryRun: false }),
    );
    expect(made[0]).toMatchObject({ status: 'created', name: 'Museum Extension with a very l' });
    const stored = env.sandbox.inspect.file(DEMO_FILE_ID).jobs.find((j) => j.number === 'J3001');
    expect(stored).toMatchObject({ isHeader: false, isActive: true });
    const linked = await env.drive(
      env.connector.resolveJobs(env.rt, [{ code: 'J3001', name: 'x', externalId: stored!.uid }], {
        create: false,
        dryRun: false,
      }),
    );
    expect(linked[0]).toMatchObject({ status: 'linked', externalId: stored!.uid });
  });
});

describe('pushDocuments (myob.md §3.6, §3.7, §5)', () => {
  async function pushEnv(
    options: Parameters<typeof connectorEnv>[1] = {},
    interfaceOptions: Parameters<typeof connectorEnv>[2] = {},
  ) {
    const env = await connectorEnv(server, options, interfaceOptions);
    const ids = await lookups(api(env.conn));
    const contact = {
      clientCode: 'CUS000001',
      name: 'Smith Family Trust',
      address: {},
      externalId: ids.customer('CUS000001'),
    };
    const inv = (n: number, over: Parameters<typeof ledgerInvoice>[0] = {}): LedgerInvoice =>
      ledgerInvoice({
        invoiceId: `7d0c5a52-1111-4c3e-9a1b-${String(n).padStart(12, '0')}`,
        number: `INV-${1000 + n}`,
        contact,
        ...over,
      });
    const push = (invoice: LedgerInvoice) =>
      env.drive(env.connector.pushDocuments(env.rt, [invoice], `key-${invoice.invoiceId}`));
    return { env, ids, inv, push };
  }

  it('pushes each invoice and credit once, to the cent, in 2 calls each once the reference cache is warm', async () => {
    // MYOB rounds tax once per invoice: the rounding line (account and no-tax code chosen in the options)
    // makes its total equal Abtrac's, and its tax is what MYOB computes (docs/platforms/myob.md).
    const { env, inv, push } = await pushEnv({}, { roundingAccountCode: '6-1900', roundingTaxCode: 'N-T' });
    const set: LedgerInvoice[] = [
      inv(1, {
        lines: [{ unitPrice: '1000' }, { unitPrice: '250.50', accountCode: '4-1400', taxCode: 'FRE' }],
      }),
      inv(2, { taxMode: 'inclusive', lines: [0, 1, 2].map(() => ({ unitPrice: '100.01' })) }),
      inv(3, {
        lines: [
          { quantity: '3.5', unitPrice: '123.4567' },
          { quantity: '0.333', unitPrice: '19.99' },
        ],
      }),
      inv(4, { kind: 'credit', number: 'CN-4', lines: [{ unitPrice: '200' }, { unitPrice: '0.05' }] }),
      inv(5, { kind: 'credit', number: 'CN-5', taxMode: 'inclusive', lines: [{ unitPrice: '220' }] }),
      inv(6, {
        job: { code: 'J1001', name: 'Smith Residence' },
        lines: [{ unitPrice: '99.99' }, { unitPrice: '1', trackingOption: 'J2001' }],
      }),
      inv(7, { number: 'ABTRAC-123456', lines: [{ unitPrice: '0.01' }] }),
      // Abtrac 100.02 + 9.99 = 110.01; MYOB's tax on the invoice is 10.00: a -0.01 rounding line.
      inv(8, { lines: [0, 1, 2].map(() => ({ unitPrice: '33.335' })) }),
      // Inclusive 3 x 9.99: the same 29.97 in both; MYOB's tax inside it is 2.72, Abtrac's 2.73.
      inv(9, { taxMode: 'inclusive', lines: [0, 1, 2].map(() => ({ unitPrice: '9.99' })) }),
      inv(10, { kind: 'credit', number: 'CN-10', lines: [0, 1, 2].map(() => ({ unitPrice: '33.335' })) }),
    ];
    await env.drive(env.connector.pullReference(env.rt, {})); // fills the per-file cache
    const before = apiCalls(env);
    const outcomes: PushOutcome[] = [];
    for (const invoice of set) outcomes.push(...(await push(invoice)));
    expect((apiCalls(env) - before) / set.length).toBe(2);

    const stored = env.sandbox.inspect.invoices(DEMO_FILE_ID);
    expect(stored).toHaveLength(set.length);
    for (const [i, invoice] of set.entries()) {
      const ok = expectOk(outcomes[i]);
      const mine = stored.find((s) => s.UID === ok.externalId)!;
      const sign = invoice.kind === 'credit' ? -1n : 1n;
      expect(mine.Number).toBe(invoice.number);
      expect(ok.externalNumber).toBe(invoice.number);
      expect(mine.JournalMemo).toBe(invoiceTag(invoice.invoiceId));
      expect(centsFromJson(mine.TotalAmount), invoice.number).toBe(sign * invoice.totalCents);
      const rounding = mine.Lines.filter((l) => l.Description === 'Rounding');
      const abtracTax = sign * invoice.taxCents;
      // Where the tax differs from Abtrac's per-line sum, an exclusive invoice carries the rounding line.
      const myobTax = centsFromJson(mine.TotalTax);
      expect(rounding.length, invoice.number).toBe(
        invoice.taxMode === 'exclusive' && myobTax !== abtracTax ? 1 : 0,
      );
      expect(mine.IsTaxInclusive).toBe(invoice.taxMode === 'inclusive');
      expect(mine.Lines).toHaveLength(invoice.lines.length + rounding.length);
      expect(mine.FreightTaxCode?.Code).toBe('N-T');
      expect(ok.status).toBe(invoice.kind === 'credit' ? 'Credit' : 'Open');
      expect(mine.Status).toBe(ok.status);
    }
    const eight = stored.find((s) => s.Number === 'INV-1008')!;
    expect([eight.TotalAmount, eight.TotalTax, eight.Lines.at(-1)?.Total]).toEqual([110.01, 10, -0.01]);
    const nine = stored.find((s) => s.Number === 'INV-1009')!;
    expect([nine.TotalAmount, nine.TotalTax]).toEqual([29.97, 2.72]);
    const ten = stored.find((s) => s.Number === 'CN-10')!;
    expect([ten.TotalAmount, ten.Lines.at(-1)?.Total]).toEqual([-110.01, 0.01]);
    const six = stored.find((s) => s.Number === 'INV-1006')!;
    expect(six.Lines.map((l) => l.Job?.Number)).toEqual(['J1001', 'J2001']);
    expect(env.sandbox.inspect.duplicates().invoices).toEqual([]);

    // Pushing one again (a resumed batch) adopts it instead of creating another.
    const again = expectOk((await push(set[0]!))[0]);
    expect(again.externalId).toBe(expectOk(outcomes[0]).externalId);
    expect(env.sandbox.inspect.invoices(DEMO_FILE_ID)).toHaveLength(set.length);
  });

  it('commit then drop -> uncertain_outcome; findDocuments and the next push adopt it: zero duplicates', async () => {
    const { env, inv, push } = await pushEnv();
    const invoice = inv(20);
    env.faults.add({
      method: 'POST',
      path: '/Sale/Invoice/Service',
      fault: { kind: 'commit-then-drop' },
      times: 1,
    });
    const failed = await push(invoice).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConnectorError);
    expect((failed as ConnectorError).code).toBe('uncertain_outcome');
    expect((failed as ConnectorError).retryable).toBe(true);

    const found = await env.drive(
      env.connector.findDocuments(env.rt, [{ number: invoice.number, kind: 'invoice' }]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      invoiceId: invoice.invoiceId,
      taggedAsOurs: true,
      number: 'INV-1020',
      status: 'Open',
      totalCents: invoice.totalCents,
    });

    const adopted = expectOk((await push(invoice))[0]);
    expect(adopted.externalId).toBe(found[0]!.externalId);
    expect(env.sandbox.inspect.invoicesByNumber(DEMO_FILE_ID, 'INV-1020')).toHaveLength(1);
    expect(env.sandbox.inspect.duplicates().invoices).toEqual([]);
  });

  it('a gateway timeout on the POST is uncertain too; a reset before the write leaves nothing to adopt', async () => {
    const { env, inv, push } = await pushEnv();
    env.faults.add({
      method: 'POST',
      path: '/Sale/Invoice/Service',
      fault: { kind: 'status', status: 504 },
      times: 1,
    });
    const e = (await push(inv(21)).catch((x: unknown) => x)) as ConnectorError;
    expect([e.code, e.httpStatus]).toEqual(['uncertain_outcome', 504]);
    env.faults.add({ method: 'POST', path: '/Sale/Invoice/Service', fault: { kind: 'reset' }, times: 1 });
    expect(((await push(inv(22)).catch((x: unknown) => x)) as ConnectorError).code).toBe('uncertain_outcome');
    // Neither was applied, so the next attempts create each once.
    expectOk((await push(inv(21)))[0]);
    expectOk((await push(inv(22)))[0]);
    expect(env.sandbox.inspect.duplicates().invoices).toEqual([]);
  });

  it('the same Number without our tag (or with another invoice tag) is a conflict, and nothing is sent', async () => {
    const { env, ids, inv, push } = await pushEnv();
    const a = api(env.conn);
    const body = (number: string, JournalMemo: string) => ({
      Number: number,
      Date: '2026-11-01',
      Customer: { UID: ids.customer('CUS000002') },
      JournalMemo,
      FreightTaxCode: { UID: ids.tax('N-T') },
      Lines: [
        {
          Type: 'Transaction',
          Account: { UID: ids.account('4-1000') },
          TaxCode: { UID: ids.tax('GST') },
          Total: 5,
        },
      ],
    });
    expect((await a.post('Sale/Invoice/Service', body('INV-1030', 'keyed in by hand'))).status).toBe(201);
    expect((await a.post('Sale/Invoice/Service', body('INV-1031', invoiceTag('someone-else')))).status).toBe(
      201,
    );
    for (const n of [30, 31]) {
      const [outcome] = await push(inv(n));
      expect(outcome?.ok).toBe(false);
      if (outcome?.ok === false) {
        expect(outcome.error.code).toBe('conflict');
        expect(outcome.error.message).toMatch(
          n === 30 ? /not sent by Abtrac/ : /another Abtrac invoice \(someone-else\)/,
        );
      }
    }
    expect(env.sandbox.inspect.invoices(DEMO_FILE_ID)).toHaveLength(2);
  });

  it('refuses a Number over 13 and unknown codes before sending; MYOB 400s come back as validation outcomes', async () => {
    const { env, inv, push } = await pushEnv({ negativeInvoices: 'reject' });
    const [long] = await push(inv(40, { number: 'ABTRAC-1234567' }));
    expect(long).toMatchObject({ ok: false, error: { code: 'validation' } });
    const [unknown] = await push(inv(41, { lines: [{ unitPrice: '1', accountCode: '4-7777' }] }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'validation' } });
    const [credit] = await push(inv(42, { kind: 'credit', number: 'CN-42' }));
    expect(credit).toMatchObject({ ok: false, error: { code: 'validation', httpStatus: 400 } });
    if (credit?.ok === false) expect(credit.error.details[0]).toMatch(/cannot be negative \(TotalAmount\)/);
    expect(env.sandbox.inspect.invoices(DEMO_FILE_ID)).toHaveLength(0);
  });

  it('a cold push loads accounts and tax codes once (jobs only when a line has one): 4 calls', async () => {
    const { env, inv, push } = await pushEnv();
    const before = apiCalls(env);
    expectOk((await push(inv(60)))[0]);
    expect(apiCalls(env) - before).toBe(4);
    const warm = apiCalls(env);
    expectOk((await push(inv(61, { lines: [{ unitPrice: '5', trackingOption: 'J1002' }] })))[0]);
    expect(apiCalls(env) - warm).toBe(3); // the job list, then look-up + POST
  });

  it('a code missing from the cache reloads that list once (refreshed on a miss), then refuses', async () => {
    const { env, inv, push } = await pushEnv();
    await env.drive(env.connector.pullReference(env.rt, {}));
    let before = apiCalls(env);
    expectOk((await push(inv(50)))[0]);
    expect(apiCalls(env) - before).toBe(2); // warm cache: look-up + POST
    before = apiCalls(env);
    const [missing] = await push(inv(51, { lines: [{ unitPrice: '10', accountCode: '4-7777' }] }));
    expect(missing).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(apiCalls(env) - before).toBe(1); // one reload of GeneralLedger/Account, nothing sent
  });
});

describe('fetchDocuments (payments by polling; myob.md §3.6, §3.8)', () => {
  it('reads status, amount paid and due by UID; a deleted invoice is DELETED; changed since a time', async () => {
    const env = await connectorEnv(server);
    const ids = await lookups(api(env.conn));
    const contact = {
      clientCode: 'CUS000001',
      name: 'Smith',
      address: {},
      externalId: ids.customer('CUS000001'),
    };
    const pushed: string[] = [];
    for (const [n, over] of [
      [1, {}],
      [2, {}],
      [3, { kind: 'credit' as const, number: 'CN-3' }],
    ] as const) {
      const invoice = ledgerInvoice({ invoiceId: `inv-${n}`, number: `INV-${n}`, contact, ...over });
      pushed.push(
        expectOk((await env.drive(env.connector.pushDocuments(env.rt, [invoice], 'k')))[0]).externalId,
      );
    }
    env.clock.advance(60_000);
    const since = new Date(env.clock.now());
    env.clock.advance(60_000);
    env.sandbox.control.payInvoice(DEMO_FILE_ID, pushed[0]!, {
      amount: '100.50',
      date: '2026-11-20T00:00:00',
    });
    expect((await api(env.conn).delete(`Sale/Invoice/Service/${pushed[1]}`)).status).toBe(200);

    const docs = await env.drive(env.connector.fetchDocuments(env.rt, { externalIds: pushed }));
    expect(docs.map((d) => d.externalId)).toEqual(pushed);
    expect(docs[0]).toMatchObject({
      status: 'Open',
      kind: 'invoice',
      totalCents: 110_000n,
      amountPaidCents: 10_050n,
      amountDueCents: 99_950n,
      paidOn: '2026-11-20',
      invoiceId: 'inv-1',
      taggedAsOurs: true,
    });
    expect(docs[1]).toMatchObject({ status: 'DELETED' });
    expect(docs[2]).toMatchObject({
      status: 'Credit',
      kind: 'credit',
      totalCents: 110_000n,
      amountDueCents: 110_000n,
    });

    const changed = await env.drive(env.connector.fetchDocuments(env.rt, { modifiedSince: since }));
    expect(changed.map((d) => d.externalId)).toEqual([pushed[0]]);
  });
});

describe('MYOB documented fields', () => {
  it('every request the connector sent and every answer it read in these tests conforms', async () => {
    await recorder.settled();
    const conformance = myobConformance();
    const ours = recorder.exchanges.filter((e) => e.requestHeaders.get('accept-encoding') === 'gzip');
    expect(ours.length).toBeGreaterThan(20);
    expect(ours.some((e) => e.method === 'POST')).toBe(true);
    const problems = ours.flatMap((ex) => [
      ...conformance.requestProblems(ex),
      ...conformance.responseProblems(ex),
    ]);
    expect(problems).toEqual([]);
  });
});
