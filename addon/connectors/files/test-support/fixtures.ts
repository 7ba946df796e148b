// Fixture invoices for the template tests. The same invoices go to every package; only the codes each ledger
// would have after mapping (tax codes, rate names, accounts, home currency) differ per package.
import { computeLine, sumLines } from '../../../domain/money.ts';
import type { LedgerInvoice, LedgerLine } from '../../types.ts';

export interface TaxProfile {
  home: string;
  rate: string;
  standard: { code: string; name: string };
  free: { code: string; name: string };
  accounts: { fee: string; disbursement: string };
}

const AU: TaxProfile = {
  home: 'AUD',
  rate: '10',
  standard: { code: 'GST', name: 'GST on Income' },
  free: { code: 'FRE', name: 'GST Free Income' },
  accounts: { fee: '200', disbursement: '210' },
};

export const PROFILES: Readonly<Record<string, TaxProfile>> = {
  'xero-csv': AU,
  'quickbooks-online-csv': {
    ...AU,
    standard: { code: 'GST', name: 'GST' },
    free: { code: 'FRE', name: 'GST free' },
  },
  'quickbooks-online-us-csv': {
    ...AU,
    home: 'USD',
    rate: '8.25',
    standard: { code: 'TAX', name: 'San Francisco' },
    free: { code: 'NON', name: 'Out of State' },
  },
  'quickbooks-desktop-iif': {
    home: 'USD',
    rate: '8.25',
    standard: { code: 'TAX', name: 'San Francisco' },
    free: { code: 'NON', name: 'Out of State' },
    accounts: { fee: 'Consulting Income', disbursement: 'Reimbursed Expenses' },
  },
  'reckon-accounts-iif': {
    ...AU,
    accounts: { fee: 'Professional Fees', disbursement: 'Disbursements Recovered' },
  },
  'sage-accounting-csv': {
    home: 'GBP',
    rate: '20',
    standard: { code: 'T1', name: 'Standard' },
    free: { code: 'T0', name: 'Zero Rated' },
    accounts: { fee: '4000', disbursement: '4010' },
  },
  'sage-50-csv': {
    home: 'GBP',
    rate: '20',
    standard: { code: 'T1', name: 'Standard 20%' },
    free: { code: 'T0', name: 'Zero rated' },
    accounts: { fee: '4000', disbursement: '4010' },
  },
  'myob-accountright-classic-txt': {
    ...AU,
    standard: { code: 'GST', name: 'GST' },
    free: { code: 'FRE', name: 'GST Free' },
    accounts: { fee: '4-1100', disbursement: '4-1200' },
  },
  'moneyworks-txt': {
    home: 'NZD',
    rate: '15',
    standard: { code: 'G', name: 'GST 15%' },
    free: { code: 'Z', name: 'Zero rated' },
    accounts: { fee: '4000', disbursement: '4010' },
  },
  'oracle-fusion-autoinvoice-csv': {
    ...AU,
    standard: { code: 'AU GST 10%', name: 'GST 10%' },
    free: { code: 'AU GST FREE', name: 'GST Free' },
  },
};

interface LineSpec {
  description: string;
  quantity: string;
  unitPrice: string;
  free?: boolean;
  category?: LedgerLine['category'];
}

export function makeLine(
  p: TaxProfile,
  spec: LineSpec,
  mode: 'exclusive' | 'inclusive' = 'exclusive',
): LedgerLine {
  const tax = spec.free ? p.free : p.standard;
  const rate = spec.free ? '0' : p.rate;
  const category = spec.category ?? 'fee';
  const amounts = computeLine(
    { quantity: spec.quantity, unitPrice: spec.unitPrice, taxRatePercent: rate },
    mode,
  );
  return {
    description: spec.description,
    quantity: spec.quantity,
    unitPrice: spec.unitPrice,
    accountCode: category === 'disbursement' ? p.accounts.disbursement : p.accounts.fee,
    taxCode: tax.code,
    taxName: tax.name,
    taxRatePercent: rate,
    category,
    ...amounts,
  };
}

export function makeInvoice(
  p: TaxProfile,
  base: Omit<
    LedgerInvoice,
    'lines' | 'subtotalCents' | 'taxCents' | 'totalCents' | 'currency' | 'taxMode' | 'version'
  > &
    Partial<Pick<LedgerInvoice, 'currency' | 'taxMode'>>,
  lines: LineSpec[],
): LedgerInvoice {
  const taxMode = base.taxMode ?? 'exclusive';
  const built = lines.map((l) => makeLine(p, l, taxMode));
  return { version: 1, currency: p.home, taxMode, ...base, lines: built, ...sumLines(built) };
}

/** The golden fixture: multi-line GST/GST-free invoice, a credit, and (where it applies) a foreign invoice. */
export function fixtureInvoices(p: TaxProfile, withForeign: boolean): LedgerInvoice[] {
  const invoices = [
    makeInvoice(
      p,
      {
        invoiceId: 'inv-1001',
        kind: 'invoice',
        number: 'INV-1001',
        date: '2026-03-05',
        dueDate: '2026-04-04',
        reference: 'PO 7781, stage 1',
        url: 'https://abtrac.example/invoices/1001',
        contact: {
          clientCode: 'SMITH01',
          name: 'Smith, Jones & "Partners"',
          email: 'accounts@smithjones.example',
          address: {
            line1: '12 George St',
            line2: 'Level 3',
            city: 'Sydney',
            region: 'NSW',
            postcode: '2000',
            country: 'Australia',
          },
        },
        job: {
          code: 'J1001',
          name: 'Harbour Bridge Repaint',
          trackingCategory: 'Job',
          trackingOption: 'J1001',
        },
      },
      [
        { description: 'Design fees, stage 1', quantity: '10', unitPrice: '150.00' },
        {
          description: '=SUM(A1:A9) printing',
          quantity: '1',
          unitPrice: '85.50',
          free: true,
          category: 'disbursement',
        },
        { description: 'Site visit "urgent"\nsecond line – Café', quantity: '2.5', unitPrice: '120.00' },
      ],
    ),
    makeInvoice(
      p,
      {
        invoiceId: 'cn-0007',
        kind: 'credit',
        number: 'CN-0007',
        date: '2026-03-12',
        dueDate: '2026-03-12',
        reference: '+61 refund',
        contact: {
          clientCode: 'UNIC01',
          name: 'Ünïcode Café Pty Ltd',
          address: { city: 'Melbourne', region: 'VIC', postcode: '3000' },
        },
      },
      [{ description: '-5% goodwill adjustment', quantity: '1', unitPrice: '200.00' }],
    ),
    // Names a package matches exactly and a spreadsheet would take for formulas: written as they are.
    makeInvoice(
      p,
      {
        invoiceId: 'inv-1003',
        kind: 'invoice',
        number: 'INV-1003',
        date: '2026-03-14',
        dueDate: '2026-04-13',
        contact: { clientCode: 'DASH01', name: '-Dash Design Studio', address: { city: 'Perth' } },
      },
      [{ description: '+ extra consultation', quantity: '1', unitPrice: '99.99' }],
    ),
    makeInvoice(
      p,
      {
        invoiceId: 'inv-1004',
        kind: 'invoice',
        number: 'INV-1004',
        date: '2026-03-15',
        dueDate: '2026-04-14',
        reference: '=2+2',
        contact: { clientCode: 'EQUAL01', name: '=Equals Partners', address: {} },
      },
      [
        { description: 'Printing', quantity: '3', unitPrice: '12.10', free: true, category: 'disbursement' },
        { description: 'Review', quantity: '0.5', unitPrice: '180.00' },
      ],
    ),
  ];
  if (withForeign) {
    invoices.push(
      makeInvoice(
        p,
        {
          invoiceId: 'inv-1002',
          kind: 'invoice',
          number: 'INV-1002',
          date: '2026-03-20',
          dueDate: '2026-04-19',
          currency: 'USD',
          contact: { clientCode: 'HOME01', name: '@Home Studios', address: { country: 'United States' } },
        },
        [{ description: 'Consulting – offshore', quantity: '3', unitPrice: '1000.00', free: true }],
      ),
    );
  }
  return invoices;
}

const QBO_ITEMS = {
  itemFee: 'Design Fees',
  itemDisbursement: 'Disbursements',
  itemVariation: 'Variations',
  itemExpense: 'Expenses',
};

/** Export settings a real user would fill in (Oracle has no sensible defaults for these). */
export const SETTINGS: Readonly<Record<string, Record<string, string>>> = {
  'quickbooks-online-csv': QBO_ITEMS,
  'quickbooks-online-us-csv': QBO_ITEMS,
  'oracle-fusion-autoinvoice-csv': {
    businessUnit: 'AU Business Unit',
    batchSource: 'Abtrac',
    lineContext: 'ABTRAC',
  },
};
