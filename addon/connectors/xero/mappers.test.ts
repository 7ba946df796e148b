import { describe, expect, it } from 'vitest';
import {
  amountToCents,
  documentRequest,
  jobOptionName,
  mapAccount,
  mapTaxRate,
  mapTracking,
  nameSearchWord,
  normaliseName,
  optionMatchesJob,
  parseXeroDay,
  rateString,
  remoteDocument,
  whereString,
} from './mappers.ts';
import { ledgerInvoice } from './test-support.ts';

const opts = { status: 'DRAFT' as const };

describe('documentRequest', () => {
  it.each([
    {
      name: 'exclusive invoice, 4 dp unit price, explicit line tax',
      spec: { lines: [{ quantity: '3', unitPrice: '33.3350' }] },
      type: 'ACCREC',
      lat: 'Exclusive',
      lines: [{ Quantity: 3, UnitAmount: 33.335, TaxAmount: 10, AccountCode: '200', TaxType: 'OUTPUT' }],
      totals: ['100.01', '10.00', '110.01'],
    },
    {
      name: 'inclusive invoice: tax taken out of the gross line',
      spec: { taxMode: 'inclusive' as const, lines: [{ quantity: '1', unitPrice: '110.0100' }] },
      type: 'ACCREC',
      lat: 'Inclusive',
      lines: [{ Quantity: 1, UnitAmount: 110.01, TaxAmount: 10 }],
      totals: ['100.01', '10.00', '110.01'],
    },
    {
      name: 'credit note with positive amounts',
      spec: { kind: 'credit' as const, number: 'ABT-C1', lines: [{ quantity: '2', unitPrice: '25' }] },
      type: 'ACCRECCREDIT',
      lat: 'Exclusive',
      lines: [{ Quantity: 2, UnitAmount: 25, TaxAmount: 5 }],
      totals: ['50.00', '5.00', '55.00'],
    },
    {
      name: 'several lines rounded per line (xero.md §2.9: 11.44, not 11.45)',
      spec: {
        lines: [
          { quantity: '1', unitPrice: '25.43', taxRatePercent: '15', taxCode: 'OUTPUT2' },
          { quantity: '1', unitPrice: '25.43', taxRatePercent: '15', taxCode: 'OUTPUT2' },
          { quantity: '1', unitPrice: '25.43', taxRatePercent: '15', taxCode: 'OUTPUT2' },
        ],
      },
      type: 'ACCREC',
      lat: 'Exclusive',
      lines: [{ TaxAmount: 3.81 }, { TaxAmount: 3.81 }, { TaxAmount: 3.81 }],
      totals: ['76.29', '11.43', '87.72'],
    },
  ])('$name', ({ spec, type, lat, lines, totals }) => {
    const invoice = ledgerInvoice({ ...spec, contactId: 'c-1' });
    const m = documentRequest(invoice, opts);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.request.Type).toBe(type);
    expect(m.request.LineAmountTypes).toBe(lat);
    expect(m.request.Contact).toEqual({ ContactID: 'c-1' });
    expect(m.request.Status).toBe('DRAFT');
    expect(m.request.Url).toBe(type === 'ACCREC' ? invoice.url : undefined);
    expect(m.request.Reference).toBe('Job J1001');
    expect(m.request.CurrencyCode).toBe('AUD');
    expect(type === 'ACCREC' ? m.request.InvoiceNumber : m.request.CreditNoteNumber).toBe(invoice.number);
    lines.forEach((l, i) => {
      expect(m.request.LineItems[i]).toMatchObject(l);
    });
    expect(
      [m.expected.subtotalCents, m.expected.taxCents, m.expected.totalCents].map((c) =>
        (Number(c) / 100).toFixed(2),
      ),
    ).toEqual(totals);
    expect(m.roundingCents).toBe(0n);
  });

  it('tracks lines to the job option in the interface category', () => {
    const invoice = ledgerInvoice({
      contactId: 'c-1',
      job: { code: 'J1001', name: 'Harbour House', trackingOption: 'J1001 Harbour House' },
    });
    const m = documentRequest(invoice, { ...opts, jobTrackingCategory: 'Job' });
    expect(m.ok && m.request.LineItems[0]!.Tracking).toEqual([
      { Name: 'Job', Option: 'J1001 Harbour House' },
    ]);
    const untracked = documentRequest(invoice, opts);
    expect(untracked.ok && untracked.request.LineItems[0]!.Tracking).toBeUndefined();
  });

  it('sends an adjusted line as 1 x its amount, keeping quantity and price in the description', () => {
    const invoice = ledgerInvoice({ contactId: 'c-1', lines: [{ quantity: '3', unitPrice: '10' }] });
    invoice.lines[0]!.netCents = 2999n; // Abtrac adjusted the line to 29.99
    invoice.lines[0]!.taxCents = 300n;
    invoice.subtotalCents = 2999n;
    invoice.totalCents = 3299n;
    const m = documentRequest(invoice, opts);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.request.LineItems[0]).toMatchObject({ Quantity: 1, UnitAmount: 29.99, TaxAmount: 3 });
    expect(m.request.LineItems[0]!.Description).toContain('(3 × 10)');
  });

  it.each([
    { diff: 3n, rounding: '861', ok: true, line: -0.03 },
    { diff: -4n, rounding: '860', ok: true, line: 0.04 },
    { diff: 3n, rounding: undefined, ok: false, line: undefined },
    { diff: 50n, rounding: '860', ok: false, line: undefined },
  ])(
    'document-level difference $diff cents with rounding account $rounding',
    ({ diff, rounding, ok, line }) => {
      const invoice = ledgerInvoice({ contactId: 'c-1' });
      invoice.totalCents -= diff;
      const m = documentRequest(invoice, { ...opts, roundingAccountCode: rounding });
      expect(m.ok).toBe(ok);
      if (!m.ok) {
        expect(m.problems[0]).toMatch(/differ from Abtrac's/);
        return;
      }
      const last = m.request.LineItems.at(-1)!;
      expect(last).toMatchObject({ Description: 'Rounding', Quantity: 1, UnitAmount: line, TaxAmount: 0 });
      expect(last.AccountCode).toBe(rounding);
      expect(m.expected.totalCents).toBe(invoice.totalCents);
    },
  );

  it('refuses a line whose tax is not the rate Xero will apply, and an unlinked contact', () => {
    const invoice = ledgerInvoice({ lines: [{ unitPrice: '100' }] });
    invoice.lines[0]!.taxRatePercent = '15';
    const m = documentRequest(invoice, opts);
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.problems).toEqual([
      expect.stringMatching(/not linked to a Xero contact/),
      expect.stringMatching(/^Line 1: .*tax code mapping for OUTPUT/),
    ]);
  });
});

describe('reference mappers', () => {
  it.each([
    ['REVENUE', 'REVENUE', 'ACTIVE', true, 'active'],
    ['SALES', 'REVENUE', 'ACTIVE', true, 'active'],
    ['OTHERINCOME', 'REVENUE', 'ARCHIVED', true, 'archived'],
    ['EXPENSE', 'EXPENSE', 'ACTIVE', false, 'active'],
    ['CURRLIAB', 'LIABILITY', 'DELETED', false, 'deleted'],
  ])('account %s / %s / %s', (Type, Class, Status, isRevenue, status) => {
    expect(
      mapAccount({ AccountID: 'a', Code: '200', Name: 'Sales', Type, Class, Status, TaxType: 'OUTPUT' }),
    ).toEqual({
      externalId: 'a',
      code: '200',
      name: 'Sales',
      type: Type,
      accountClass: Class,
      isRevenue,
      status,
      defaultTaxCode: 'OUTPUT',
    });
  });

  it('leaves out accounts without a code', () => {
    expect(mapAccount({ AccountID: 'a', Name: 'Bank', Type: 'BANK', Class: 'ASSET' })).toBeUndefined();
  });

  it.each([
    ['OUTPUT', 10, { R: true, L: true }, true, ['LIABILITY', 'REVENUE']],
    ['BASEXCLUDED', 0, { A: true, E: true, X: true, L: true, R: true }, true, []],
    ['INPUT', 10, { X: true, A: true, L: true }, false, ['ASSET', 'EXPENSE', 'LIABILITY']],
  ] as const)('tax rate %s', (TaxType, rate, flags, canApplyToRevenue, classes) => {
    const t = mapTaxRate({
      TaxType,
      Name: TaxType,
      Status: 'ACTIVE',
      EffectiveRate: rate,
      CanApplyToAssets: 'A' in flags,
      CanApplyToEquity: 'E' in flags,
      CanApplyToExpenses: 'X' in flags,
      CanApplyToLiabilities: 'L' in flags,
      CanApplyToRevenue: 'R' in flags,
    });
    expect(t).toMatchObject({
      code: TaxType,
      ratePercent: String(rate),
      canApplyToRevenue,
      status: 'active',
    });
    expect(t?.accountClasses).toEqual(classes);
  });

  it.each([
    [12.5, '12.5'],
    [15, '15'],
    [0.1 + 0.2, '0.3'],
    [undefined, '0'],
  ])('rate %s reads as %s', (n, s) => expect(rateString(n)).toBe(s));

  it('tracking: an archived category archives its options', () => {
    expect(
      mapTracking([
        {
          TrackingCategoryID: 'c1',
          Name: 'Job',
          Status: 'ACTIVE',
          Options: [
            { TrackingOptionID: 'o1', Name: 'J1', Status: 'ACTIVE' },
            { TrackingOptionID: 'o2', Name: 'J2', Status: 'ARCHIVED' },
          ],
        },
        {
          TrackingCategoryID: 'c2',
          Name: 'Old',
          Status: 'ARCHIVED',
          Options: [{ TrackingOptionID: 'o3', Name: 'X' }],
        },
      ]).map((t) => [t.optionName, t.status]),
    ).toEqual([
      ['J1', 'active'],
      ['J2', 'archived'],
      ['X', 'archived'],
    ]);
  });
});

describe('names, jobs and read-back', () => {
  it.each([
    ['Harbour Developments Pty Ltd', 'Harbour Developments Pty. Ltd.'],
    ['Harbour Developments Pty Ltd', '  harbour   developments PTY LTD '],
    ['Harbour Developments Pty Ltd', 'Harbour Developments Proprietary Limited'],
    ['Smith & Jones', 'Smith and Jones'],
    ['Café Nouveau', 'Cafe Nouveau'],
  ])('"%s" and "%s" are the same name', (a, b) => expect(normaliseName(a)).toBe(normaliseName(b)));

  it.each([
    ['Harbour Developments Pty Ltd', 'Harbour Developments'],
    ['Smith Jones', 'Smith & Jones'],
  ])('"%s" and "%s" are different names', (a, b) => expect(normaliseName(a)).not.toBe(normaliseName(b)));

  it('picks a search word and quotes where strings', () => {
    expect(nameSearchWord('Harbour Developments Pty. Ltd.')).toBe('developments');
    expect(nameSearchWord('The Pty Ltd')).toBeUndefined();
    expect(whereString('A "quoted" \\ name')).toBe('"A \\"quoted\\" \\\\ name"');
  });

  it.each([
    ['J1001', 'J1001', true],
    ['J1001 Harbour House', 'J1001', true],
    ['j1001 - Harbour House', 'J1001', true],
    ['J10010 Other', 'J1001', false],
    ['Harbour J1001', 'J1001', false],
  ])('option "%s" matches job %s: %s', (option, code, match) =>
    expect(optionMatchesJob(option, code)).toBe(match),
  );

  it('names a new job option "code name", at most 100 characters', () => {
    expect(jobOptionName({ code: 'J2001', name: 'Bay Pavilion' })).toBe('J2001 Bay Pavilion');
    expect(jobOptionName({ code: 'J2002', name: 'x'.repeat(200) })).toHaveLength(100);
  });

  it('reads amounts and dates exactly', () => {
    expect(amountToCents(1234.56)).toBe(123456n);
    expect(amountToCents(0.1 + 0.2)).toBe(30n);
    expect(parseXeroDay('/Date(1794096000000+0000)/')).toBe('2026-11-08');
    const doc = remoteDocument(
      {
        InvoiceID: 'i1',
        InvoiceNumber: 'ABT-1',
        Status: 'PAID',
        Total: 110,
        AmountPaid: 110,
        AmountDue: 0,
        FullyPaidOnDate: '/Date(1794096000000+0000)/',
        Url: 'https://app.abtrac.test/invoices/1',
      },
      'invoice',
      'https://app.abtrac.test/',
    );
    expect(doc).toMatchObject({
      externalId: 'i1',
      totalCents: 11000n,
      amountPaidCents: 11000n,
      amountDueCents: 0n,
      paidOn: '2026-11-08',
      taggedAsOurs: true,
    });
    expect(remoteDocument({ CreditNoteID: 'c', Total: 55, RemainingCredit: 5 }, 'credit')).toMatchObject({
      amountPaidCents: 5000n,
      amountDueCents: 500n,
      taggedAsOurs: false,
    });
  });
});
