import { describe, expect, it } from 'vitest';
import {
  accountFromMyob,
  centsFromJson,
  customerBody,
  type InvoiceLookups,
  invoiceTag,
  jobBody,
  type MyobAccount,
  normaliseName,
  pickFreightTaxCode,
  remoteDocument,
  serviceInvoiceBody,
  taggedInvoiceId,
  taxRateFromMyob,
  trackingFromMyob,
} from './mappers.ts';
import { ledgerInvoice } from './test-support.ts';

const ACCOUNTS: Record<string, { uid: string; isHeader: boolean; isActive: boolean }> = {
  '4-1000': { uid: 'acc-fees', isHeader: false, isActive: true },
  '4-1400': { uid: 'acc-disb', isHeader: false, isActive: true },
  '4-0000': { uid: 'acc-head', isHeader: true, isActive: true },
  '4-1900': { uid: 'acc-old', isHeader: false, isActive: false },
};
const TAX: Record<string, { uid: string; ratePercent: string; usableOnSales: boolean }> = {
  GST: { uid: 'tax-gst', ratePercent: '10', usableOnSales: true },
  FRE: { uid: 'tax-fre', ratePercent: '0', usableOnSales: true },
  ITS: { uid: 'tax-its', ratePercent: '0', usableOnSales: false },
};
const lookups = (over: Partial<InvoiceLookups> = {}): InvoiceLookups => ({
  customerUid: 'cust-1',
  account: (c) => ACCOUNTS[c],
  taxCode: (c) => TAX[c],
  job: (c) => (c === 'J1001' ? { uid: 'job-1001' } : undefined),
  freightTaxCodeUid: 'tax-nt',
  ...over,
});

// biome-ignore lint/suspicious/noExplicitAny: reading the JSON body the mapper built.
const bodyOf = (r: ReturnType<typeof serviceInvoiceBody>): any => {
  if (!r.ok) throw new Error(r.problems.join(' '));
  return r.body;
};

describe('serviceInvoiceBody (myob.md §3.6, §3.7, §5)', () => {
  it.each([
    // [case, taxMode, kind, unit prices, expected line Totals, IsTaxInclusive]
    ['exclusive: Total is the net amount', 'exclusive', 'invoice', ['1000', '250.50'], [1000, 250.5], false],
    [
      'inclusive: Total is the gross amount',
      'inclusive',
      'invoice',
      ['1100', '100.01'],
      [1100, 100.01],
      true,
    ],
    ['credit exclusive: every line negative', 'exclusive', 'credit', ['200', '0.05'], [-200, -0.05], false],
    ['credit inclusive: every line negative', 'inclusive', 'credit', ['220'], [-220], true],
  ] as const)('%s', (_name, taxMode, kind, prices, totals, inclusive) => {
    const inv = ledgerInvoice({ taxMode, kind, lines: prices.map((unitPrice) => ({ unitPrice })) });
    const body = bodyOf(serviceInvoiceBody(inv, lookups()));
    expect(body.IsTaxInclusive).toBe(inclusive);
    expect(body.Lines.map((l: { Total: number }) => l.Total)).toEqual(totals);
    expect(body.Lines[0]).toMatchObject({
      Type: 'Transaction',
      Account: { UID: 'acc-fees' },
      TaxCode: { UID: 'tax-gst' },
      Description: 'Professional fees',
    });
  });

  it('always sends FreightTaxCode with Freight 0, our Number, the date, customer and the JournalMemo tag', () => {
    const inv = ledgerInvoice({ reference: 'PO-42' });
    const body = bodyOf(serviceInvoiceBody(inv, lookups()));
    expect(body).toMatchObject({
      Number: 'INV-1001',
      Date: '2026-11-02T00:00:00',
      Customer: { UID: 'cust-1' },
      Freight: 0,
      FreightTaxCode: { UID: 'tax-nt' },
      JournalMemo: `Abtrac invoice ${inv.invoiceId}`,
      CustomerPurchaseOrderNumber: 'PO-42',
      Terms: { PaymentIsDue: 'InAGivenNumberOfDays', BalanceDueDate: 28 },
    });
    expect(body.UID).toBeUndefined();
    expect(body.RowVersion).toBeUndefined();
    expect(taggedInvoiceId(body.JournalMemo)).toBe(inv.invoiceId);
  });

  it.each([
    ['13 characters is accepted', 'ABTRAC-123456', true],
    ['14 characters is refused', 'ABTRAC-1234567', false],
    ['empty is refused (MYOB would auto-number it)', '  ', false],
  ])('Number limit: %s', (_name, number, ok) => {
    const r = serviceInvoiceBody(ledgerInvoice({ number }), lookups());
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.problems.join(' ')).toMatch(/number/i);
  });

  it.each([
    ['unknown account', { accountCode: '4-7777' }, /4-7777 is not in the MYOB file/],
    ['header account', { accountCode: '4-0000' }, /header account/],
    ['inactive account', { accountCode: '4-1900' }, /inactive/],
    ['unknown tax code', { taxCode: 'XYZ' }, /XYZ is not in the MYOB file/],
    ['tax code not for sales', { taxCode: 'ITS', taxRatePercent: '0' }, /cannot be used on a sale/],
    [
      'rate differs from the file',
      { taxCode: 'GST', taxRatePercent: '15' },
      /gives tax 100.00, Abtrac has 150.00/,
    ],
  ])('refuses before sending: %s', (_name, line, message) => {
    const r = serviceInvoiceBody(ledgerInvoice({ lines: [{ unitPrice: '1000', ...line }] }), lookups());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(' ')).toMatch(message);
  });

  it('sends a line whose job MYOB does not have without a job, rather than refusing the invoice', () => {
    const r = serviceInvoiceBody(
      ledgerInvoice({ lines: [{ unitPrice: '1000', trackingOption: 'J9999' }] }),
      lookups(),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.body)).not.toContain('"Job"');
  });

  it('refuses an unlinked client and a file without a freight code', () => {
    const r = serviceInvoiceBody(
      ledgerInvoice(),
      lookups({ customerUid: undefined, freightTaxCodeUid: undefined }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toHaveLength(2);
  });

  it('puts the job on each line: the line tracking option, else the invoice job', () => {
    const inv = ledgerInvoice({
      job: { code: 'J1001', name: 'Smith Residence' },
      lines: [{ unitPrice: '10' }, { unitPrice: '20', trackingOption: 'J1001' }],
    });
    const body = bodyOf(serviceInvoiceBody(inv, lookups()));
    expect(body.Lines.map((l: { Job?: { UID: string } }) => l.Job?.UID)).toEqual(['job-1001', 'job-1001']);
    const none = bodyOf(serviceInvoiceBody(ledgerInvoice(), lookups()));
    expect(none.Lines[0].Job).toBeUndefined();
  });
});

describe('reference data', () => {
  const account = (over: Partial<MyobAccount>): MyobAccount => ({
    UID: 'u',
    DisplayID: '4-1000',
    Name: 'Fees',
    Classification: 'Income',
    Type: 'Income',
    IsHeader: false,
    IsActive: true,
    TaxCode: { UID: 't', Code: 'GST' },
    ...over,
  });
  it.each([
    ['active detail Income', {}, true, 'active'],
    ['active detail OtherIncome', { Classification: 'OtherIncome' }, true, 'active'],
    ['header Income', { IsHeader: true }, false, 'active'],
    ['inactive Income', { IsActive: false }, false, 'archived'],
    ['Expense', { Classification: 'Expense' }, false, 'active'],
    ['CostOfSales', { Classification: 'CostOfSales' }, false, 'active'],
  ] as const)('account: %s', (_name, over, isRevenue, status) => {
    const a = accountFromMyob(account(over));
    expect(a).toMatchObject({ code: '4-1000', isRevenue, status, defaultTaxCode: 'GST' });
  });

  it.each([
    ['GST_VAT', 10, '10', true],
    ['GST_VAT', 12.5, '12.5', true],
    ['InputTaxed', 0, '0', false],
    ['ImportDuty', 5, '5', false],
    ['NoABN_TFN', 47, '47', false],
  ])('tax code of type %s at %d%%', (Type, Rate, ratePercent, canApplyToRevenue) => {
    const t = taxRateFromMyob({ UID: 'x', Code: 'C', Description: 'D', Type, Rate });
    expect(t).toMatchObject({ ratePercent, canApplyToRevenue, status: 'active' });
  });

  it('jobs are tracking options of category "Job"; headers are left out; inactive is archived', () => {
    const job = { UID: 'j', Number: 'J1001', Name: 'Smith', IsHeader: false, IsActive: true };
    expect(trackingFromMyob(job)).toEqual({
      categoryId: 'Job',
      categoryName: 'Job',
      optionId: 'j',
      optionName: 'J1001',
      status: 'active',
    });
    expect(trackingFromMyob({ ...job, IsActive: false })?.status).toBe('archived');
    expect(trackingFromMyob({ ...job, IsHeader: true })).toBeUndefined();
  });

  it('freight tax code: N-T, else FRE, else a zero-rate sales code', () => {
    const code = (Code: string, Rate: number, Type = 'GST_VAT') => ({
      UID: Code,
      Code,
      Description: Code,
      Type,
      Rate,
    });
    expect(pickFreightTaxCode([code('GST', 10), code('FRE', 0), code('N-T', 0)])?.Code).toBe('N-T');
    expect(pickFreightTaxCode([code('GST', 10), code('FRE', 0)])?.Code).toBe('FRE');
    expect(pickFreightTaxCode([code('ITS', 0, 'InputTaxed'), code('Z', 0)])?.Code).toBe('Z');
    expect(pickFreightTaxCode([code('GST', 10)])).toBeUndefined();
  });
});

describe('names, tags and amounts', () => {
  it.each([
    ['Smith Pty. Ltd.', 'smith pty ltd'],
    ['  SMITH   PTY LTD ', 'smith pty ltd'],
    ['Smith & Jones', 'smith and jones'],
    ['Smith and Jones', 'smith and jones'],
    ["O'Brien Architects", 'obrien architects'],
    ['Smith-Jones (NSW)', 'smith jones nsw'],
    ['Ｓｍｉｔｈ', 'smith'],
    ['Café Müller', 'café müller'],
  ])('normaliseName(%j) = %j', (name, normal) => {
    expect(normaliseName(name)).toBe(normal);
  });
  it('does not drop legal suffixes', () => {
    expect(normaliseName('Smith')).not.toBe(normaliseName('Smith Pty Ltd'));
  });

  it.each([
    [invoiceTag('7d0c5a52-1111-4c3e-9a1b-000000000001'), '7d0c5a52-1111-4c3e-9a1b-000000000001'],
    ['Paid by EFT. Abtrac invoice abc-123', 'abc-123'],
    ['abtrac:inv-1001', undefined],
    ['', undefined],
    [null, undefined],
  ])('taggedInvoiceId(%j)', (memo, id) => {
    expect(taggedInvoiceId(memo)).toBe(id);
  });

  it.each([
    [1350.5, 135050n],
    [-220, -22000n],
    [0.1 + 0.2, 30n],
    ['12.345', 1235n],
    [null, 0n],
  ])('centsFromJson(%j)', (json, cents) => {
    expect(centsFromJson(json)).toBe(cents);
  });

  it('reads a negative invoice back as a credit with positive amounts; payments from the balance', () => {
    const doc = remoteDocument({
      UID: 'ABC',
      Number: 'CN-1',
      Status: 'Credit',
      TotalAmount: -220,
      BalanceDueAmount: -220,
      JournalMemo: invoiceTag('inv-9'),
      LastModified: '2026-11-02T09:00:00',
    });
    expect(doc).toMatchObject({
      externalId: 'abc',
      kind: 'credit',
      totalCents: 22000n,
      amountDueCents: 22000n,
      amountPaidCents: 0n,
      invoiceId: 'inv-9',
      taggedAsOurs: true,
    });
    expect(doc.updatedAt?.toISOString()).toBe('2026-11-02T09:00:00.000Z');
    const paid = remoteDocument({
      UID: 'x',
      Number: 'INV-1',
      Status: 'Open',
      TotalAmount: 1350.5,
      BalanceDueAmount: 1000,
      LastPaymentDate: '2026-11-20T00:00:00',
    });
    expect(paid).toMatchObject({
      amountPaidCents: 35050n,
      amountDueCents: 100000n,
      paidOn: '2026-11-20',
      taggedAsOurs: false,
    });
  });
});

describe('customer and job bodies (myob.md §3.5 limits)', () => {
  const codes = { taxCodeUid: 'gst', freightTaxCodeUid: 'nt' };
  const contact = (clientCode: string, name: string) => ({
    clientCode,
    name,
    email: 'a@b.test',
    address: { line1: '5 Quay St', line2: 'Level 2', city: 'Sydney', region: 'NSW', postcode: '2000' },
  });
  it('maps a client to a company card with Card ID, address and selling tax codes', () => {
    const r = customerBody(contact('ABT-042', 'Quayside Developments'), codes);
    expect(r).toMatchObject({
      ok: true,
      notes: [],
      body: {
        IsIndividual: false,
        CompanyName: 'Quayside Developments',
        DisplayID: 'ABT-042',
        Addresses: [
          { Street: '5 Quay St\nLevel 2', City: 'Sydney', State: 'NSW', PostCode: '2000', Email: 'a@b.test' },
        ],
        SellingDetails: { TaxCode: { UID: 'gst' }, FreightTaxCode: { UID: 'nt' } },
      },
    });
  });
  it.each([
    ['Card ID of 15 is fine', 'A'.repeat(15), 'N', true],
    ['Card ID of 16 is refused', 'A'.repeat(16), 'N', false],
    ['empty Card ID is refused', '', 'N', false],
  ])('%s', (_name, code, name, ok) => {
    expect(customerBody(contact(code, name), codes).ok).toBe(ok);
  });
  it('cuts a long company name to 50 and says so', () => {
    const r = customerBody(contact('C1', `${'Long Name '.repeat(6)}Pty Ltd`), codes);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect((r.body.CompanyName as string).length).toBeLessThanOrEqual(50);
      expect(r.notes[0]).toMatch(/shortened to MYOB's 50/);
    }
  });
  it.each([
    ['J1001', 'Smith Residence', true, 'Smith Residence'],
    ['J'.repeat(16), 'Too long', false, undefined],
    ['J2', 'A very long job name that is over thirty', true, 'A very long job name that is o'],
  ])('job %s', (code, name, ok, myobName) => {
    const r = jobBody({ code, name });
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.body).toMatchObject({ Number: code, Name: myobName, IsHeader: false });
  });
});

describe('MYOB rounds tax once per invoice: the rounding line (docs/platforms/myob.md)', () => {
  const ROUNDING_TAX: typeof TAX = {
    ...TAX,
    'N-T': { uid: 'tax-nt', ratePercent: '0', usableOnSales: true },
  };
  const ROUNDING_ACCOUNTS: typeof ACCOUNTS = {
    ...ACCOUNTS,
    '4-9990': { uid: 'acc-round', isHeader: false, isActive: true },
  };
  const withRounding = lookups({ taxCode: (c) => ROUNDING_TAX[c], account: (c) => ROUNDING_ACCOUNTS[c] });
  const rounding = { accountCode: '4-9990', taxCode: 'N-T' };
  const threeAt33335 = (kind: 'invoice' | 'credit' = 'invoice') =>
    ledgerInvoice({ kind, lines: [1, 2, 3].map(() => ({ unitPrice: '33.335' })) });

  /** MYOB's figures for a body: lines rounded to the cent, the summed unrounded tax rounded once. */
  function myobTotal(body: {
    IsTaxInclusive: boolean;
    Lines: { Total: number; TaxCode: { UID: string } }[];
  }) {
    const rate = (uid: string) => Object.values(ROUNDING_TAX).find((t) => t.uid === uid)!.ratePercent;
    let amounts = 0;
    let taxMilli = 0;
    for (const l of body.Lines) {
      const cents = Math.round(l.Total * 100);
      amounts += cents;
      taxMilli +=
        (cents * Number(rate(l.TaxCode.UID)) * 1000) /
        (body.IsTaxInclusive ? 100 + Number(rate(l.TaxCode.UID)) : 100);
    }
    const tax = Math.sign(taxMilli) * Math.round(Math.abs(taxMilli) / 1000);
    return body.IsTaxInclusive ? amounts : amounts + tax;
  }

  it('three equal lines at 33.335: Abtrac 110.01, MYOB would say 110.02; a -0.01 rounding line makes it 110.01', () => {
    const inv = threeAt33335();
    expect(inv.totalCents).toBe(11001n);
    const plain = bodyOf(serviceInvoiceBody(inv, withRounding));
    expect(plain.Lines).toHaveLength(3);
    expect(myobTotal(plain)).toBe(11002);

    const r = serviceInvoiceBody(inv, withRounding, rounding);
    const body = bodyOf(r);
    expect(body.Lines).toHaveLength(4);
    expect(body.Lines[3]).toEqual({
      Type: 'Transaction',
      Description: 'Rounding',
      Account: { UID: 'acc-round' },
      TaxCode: { UID: 'tax-nt' },
      Total: -0.01,
    });
    expect(myobTotal(body)).toBe(11001);
    expect(r.ok && r.notes[0]).toMatch(
      /MYOB rounds the tax once per invoice \(10\.00\), Abtrac per line \(9\.99\)/,
    );
  });

  it('a credit note gets the opposite sign', () => {
    const body = bodyOf(serviceInvoiceBody(threeAt33335('credit'), withRounding, rounding));
    expect(body.Lines.map((l: { Total: number }) => l.Total)).toEqual([-33.34, -33.34, -33.34, 0.01]);
    expect(myobTotal(body)).toBe(-11001);
  });

  it('inclusive lines at 9.99: totals already agree, no rounding line', () => {
    const inv = ledgerInvoice({ taxMode: 'inclusive', lines: [1, 2, 3].map(() => ({ unitPrice: '9.99' })) });
    const body = bodyOf(serviceInvoiceBody(inv, withRounding, rounding));
    expect(body.Lines).toHaveLength(3);
    expect(myobTotal(body)).toBe(2997);
  });

  it('no line when the totals agree; a rounding code with tax is refused', () => {
    expect(bodyOf(serviceInvoiceBody(ledgerInvoice(), withRounding, rounding)).Lines).toHaveLength(1);
    const taxed = serviceInvoiceBody(threeAt33335(), withRounding, { accountCode: '4-9990', taxCode: 'GST' });
    expect(!taxed.ok && taxed.problems[0]).toMatch(/must be a 0% code/);
    const header = serviceInvoiceBody(threeAt33335(), withRounding, {
      accountCode: '4-0000',
      taxCode: 'N-T',
    });
    expect(!header.ok && header.problems[0]).toMatch(/not an active detail account/);
  });
});
