// The two organisations every sandbox starts with. Ids come from a generator seeded per organisation, so
// they are the same on every run and on every machine (tests and benchmarks can rely on them).
//
// The AU chart follows Xero's default AU chart of accounts; the tax table follows Xero AU's default rates
// and which account classes each may be used with (peers.md §5.4, xero.md §2.2).
import { seedState, uuid } from './random.ts';
import type {
  AccountClass,
  OrganisationProfile,
  OrgState,
  StoredAccount,
  StoredContact,
  StoredTaxRate,
  StoredTrackingCategory,
} from './state.ts';

export const DEMO_AU_TENANT_ID = '3f9a6f1e-2c4b-4d8e-9a71-5b0c2d3e4f51';
export const DEMO_NZ_TENANT_ID = '7c2e8b40-91d3-4f6a-8b25-0e1f2a3b4c62';
/** Seeded records look as if they were last changed on this day. */
export const SEED_TIME = Date.UTC(2026, 0, 5);

export interface SeedOptions {
  /** Extra active revenue and expense accounts in the AU organisation (for benchmarks of a large chart). */
  extraAccounts?: number;
}

type AccountRow = [
  code: string,
  name: string,
  type: string,
  cls: AccountClass,
  tax: string,
  extra?: Partial<StoredAccount>,
];

const AU_ACCOUNTS: AccountRow[] = [
  [
    '090',
    'Business Bank Account',
    'BANK',
    'ASSET',
    'BASEXCLUDED',
    { BankAccountNumber: '062000123456', BankAccountType: 'BANK', EnablePaymentsToAccount: true },
  ],
  [
    '091',
    'Business Savings Account',
    'BANK',
    'ASSET',
    'BASEXCLUDED',
    { BankAccountNumber: '062000654321', BankAccountType: 'BANK', EnablePaymentsToAccount: true },
  ],
  [
    '200',
    'Sales',
    'REVENUE',
    'REVENUE',
    'OUTPUT',
    { Description: 'Income from any normal business activity' },
  ],
  ['210', 'Fee Income - Design', 'REVENUE', 'REVENUE', 'OUTPUT'],
  ['215', 'Fee Income - Project Management', 'REVENUE', 'REVENUE', 'OUTPUT'],
  ['220', 'Disbursements Recovered', 'REVENUE', 'REVENUE', 'OUTPUT'],
  ['230', 'Fee Income - Consulting (old)', 'REVENUE', 'REVENUE', 'OUTPUT', { Status: 'ARCHIVED' }],
  ['235', 'Sales - Export (old)', 'REVENUE', 'REVENUE', 'EXEMPTOUTPUT', { Status: 'ARCHIVED' }],
  ['240', 'Variations (2019)', 'REVENUE', 'REVENUE', 'OUTPUT', { Status: 'ARCHIVED' }],
  [
    '260',
    'Other Revenue',
    'REVENUE',
    'REVENUE',
    'OUTPUT',
    {
      Description: 'Any other income that does not relate to normal business activities and is not recurring',
    },
  ],
  ['270', 'Interest Income', 'REVENUE', 'REVENUE', 'INPUTTAXED', { Description: 'Interest income' }],
  ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'EXPENSE', 'INPUT'],
  ['320', 'Subcontractors', 'DIRECTCOSTS', 'EXPENSE', 'INPUT'],
  ['400', 'Advertising', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['404', 'Bank Fees', 'EXPENSE', 'EXPENSE', 'EXEMPTEXPENSES'],
  ['412', 'Consulting & Accounting', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['416', 'Depreciation', 'DEPRECIATN', 'EXPENSE', 'BASEXCLUDED'],
  ['420', 'Entertainment', 'EXPENSE', 'EXPENSE', 'BASEXCLUDED'],
  ['429', 'General Expenses', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['433', 'Insurance', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['461', 'Printing & Stationery', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['469', 'Rent', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['477', 'Wages and Salaries', 'EXPENSE', 'EXPENSE', 'BASEXCLUDED'],
  ['478', 'Superannuation', 'EXPENSE', 'EXPENSE', 'BASEXCLUDED'],
  ['489', 'Telephone & Internet', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['493', 'Travel - National', 'EXPENSE', 'EXPENSE', 'INPUT'],
  ['610', 'Accounts Receivable', 'CURRENT', 'ASSET', 'BASEXCLUDED', { SystemAccount: 'DEBTORS' }],
  ['620', 'Prepayments', 'CURRENT', 'ASSET', 'BASEXCLUDED'],
  ['710', 'Office Equipment', 'FIXED', 'ASSET', 'CAPEXINPUT'],
  ['720', 'Computer Equipment', 'FIXED', 'ASSET', 'CAPEXINPUT'],
  ['800', 'Accounts Payable', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', { SystemAccount: 'CREDITORS' }],
  ['820', 'GST', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', { SystemAccount: 'GST' }],
  ['825', 'PAYG Withholdings Payable', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED'],
  ['835', 'Client Deposits Received', 'CURRLIAB', 'LIABILITY', 'OUTPUT', { EnablePaymentsToAccount: true }],
  ['860', 'Rounding', 'CURRLIAB', 'LIABILITY', 'BASEXCLUDED', { SystemAccount: 'ROUNDING' }],
  ['880', 'Owner A Drawings', 'EQUITY', 'EQUITY', 'BASEXCLUDED'],
  ['960', 'Retained Earnings', 'EQUITY', 'EQUITY', 'BASEXCLUDED', { SystemAccount: 'RETAINEDEARNINGS' }],
  ['970', 'Owner A Funds Introduced', 'EQUITY', 'EQUITY', 'BASEXCLUDED'],
];

const NZ_ACCOUNTS: AccountRow[] = [
  [
    '090',
    'Business Bank Account',
    'BANK',
    'ASSET',
    'NONE',
    { BankAccountNumber: '0201230123456000', BankAccountType: 'BANK', EnablePaymentsToAccount: true },
  ],
  [
    '200',
    'Sales',
    'REVENUE',
    'REVENUE',
    'OUTPUT2',
    { Description: 'Income from any normal business activity' },
  ],
  ['210', 'Engineering Fees', 'REVENUE', 'REVENUE', 'OUTPUT2'],
  ['250', 'Fees (old)', 'REVENUE', 'REVENUE', 'OUTPUT2', { Status: 'ARCHIVED' }],
  ['260', 'Other Revenue', 'REVENUE', 'REVENUE', 'OUTPUT2'],
  ['270', 'Interest Income', 'REVENUE', 'REVENUE', 'NONE'],
  ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'EXPENSE', 'INPUT2'],
  ['400', 'Advertising', 'EXPENSE', 'EXPENSE', 'INPUT2'],
  ['404', 'Bank Fees', 'EXPENSE', 'EXPENSE', 'NONE'],
  ['429', 'General Expenses', 'EXPENSE', 'EXPENSE', 'INPUT2'],
  ['610', 'Accounts Receivable', 'CURRENT', 'ASSET', 'NONE', { SystemAccount: 'DEBTORS' }],
  ['800', 'Accounts Payable', 'CURRLIAB', 'LIABILITY', 'NONE', { SystemAccount: 'CREDITORS' }],
  ['820', 'GST', 'CURRLIAB', 'LIABILITY', 'NONE', { SystemAccount: 'GST' }],
  ['860', 'Rounding', 'CURRLIAB', 'LIABILITY', 'NONE', { SystemAccount: 'ROUNDING' }],
  ['960', 'Retained Earnings', 'EQUITY', 'EQUITY', 'NONE', { SystemAccount: 'RETAINEDEARNINGS' }],
];

type Applies = 'A' | 'E' | 'X' | 'L' | 'R';
type TaxRow = [
  taxType: string,
  name: string,
  report: string,
  rate: string,
  applies: Applies[],
  status?: StoredTaxRate['Status'],
];

// Which classes each AU rate may be used with (Asset, Equity, eXpense, Liability, Revenue): sales rates on
// revenue (and liabilities such as deposits), purchase rates on expenses and assets, BAS Excluded anywhere.
const AU_TAX: TaxRow[] = [
  ['OUTPUT', 'GST on Income', 'OUTPUT', '10', ['R', 'L']],
  ['EXEMPTOUTPUT', 'GST Free Income', 'EXEMPTOUTPUT', '0', ['R', 'L']],
  ['INPUTTAXED', 'Input Taxed', 'INPUTTAXED', '0', ['R', 'X', 'A', 'L']],
  ['INPUT', 'GST on Expenses', 'INPUT', '10', ['X', 'A', 'L']],
  ['EXEMPTEXPENSES', 'GST Free Expenses', 'EXEMPTEXPENSES', '0', ['X', 'A', 'L']],
  ['CAPEXINPUT', 'GST on Capital', 'CAPEXINPUT', '10', ['A']],
  ['EXEMPTCAPITAL', 'GST Free Capital', 'EXEMPTCAPITAL', '0', ['A']],
  ['GSTONIMPORTS', 'GST on Imports', 'GSTONIMPORTS', '0', ['X', 'A', 'L']],
  ['BASEXCLUDED', 'BAS Excluded', 'BASEXCLUDED', '0', ['A', 'E', 'X', 'L', 'R']],
  ['TAX001', 'GST on Income (old 12.5%)', 'OUTPUT', '12.5', ['R', 'L'], 'ARCHIVED'],
];

const NZ_TAX: TaxRow[] = [
  ['OUTPUT2', '15% GST on Income', 'OUTPUT', '15', ['R', 'L']],
  ['INPUT2', '15% GST on Expenses', 'INPUT', '15', ['X', 'A', 'L']],
  ['ZERORATED', 'Zero Rated', 'OUTPUT', '0', ['R', 'L']],
  ['GSTONIMPORTS', 'GST on Imports', 'GSTONIMPORTS', '0', ['X', 'A', 'L']],
  ['NONE', 'No GST', 'NONE', '0', ['A', 'E', 'X', 'L', 'R']],
];

function taxRates(rows: TaxRow[]): StoredTaxRate[] {
  return rows.map(([TaxType, Name, ReportTaxType, rate, applies, Status = 'ACTIVE']) => ({
    Name,
    TaxType,
    ReportTaxType,
    rate,
    Status,
    CanApplyToAssets: applies.includes('A'),
    CanApplyToEquity: applies.includes('E'),
    CanApplyToExpenses: applies.includes('X'),
    CanApplyToLiabilities: applies.includes('L'),
    CanApplyToRevenue: applies.includes('R'),
    components: [{ Name: 'GST', rate }],
  }));
}

function accounts(rng: { rng: number }, rows: AccountRow[]): StoredAccount[] {
  return rows.map(([Code, Name, Type, Class, TaxType, extra]) => ({
    AccountID: uuid(rng),
    Code,
    Name,
    Type,
    Class,
    Status: 'ACTIVE',
    TaxType,
    EnablePaymentsToAccount: false,
    ShowInExpenseClaims: Class === 'EXPENSE',
    updatedAt: SEED_TIME,
    ...extra,
  }));
}

function extraAccounts(rng: { rng: number }, count: number): StoredAccount[] {
  const out: StoredAccount[] = [];
  for (let i = 0; i < count; i++) {
    const revenue = i % 2 === 0;
    out.push({
      AccountID: uuid(rng),
      Code: `${revenue ? 'R' : 'X'}${String(1000 + i)}`,
      Name: `${revenue ? 'Fee Income' : 'Project Expense'} ${1000 + i}`,
      Type: revenue ? 'REVENUE' : 'EXPENSE',
      Class: revenue ? 'REVENUE' : 'EXPENSE',
      Status: i % 25 === 24 ? 'ARCHIVED' : 'ACTIVE',
      TaxType: revenue ? 'OUTPUT' : 'INPUT',
      EnablePaymentsToAccount: false,
      ShowInExpenseClaims: !revenue,
      updatedAt: SEED_TIME,
    });
  }
  return out;
}

function tracking(
  rng: { rng: number },
  categories: [string, [string, StoredTrackingCategory['Status']][]][],
) {
  return categories.map(([Name, options]) => ({
    TrackingCategoryID: uuid(rng),
    Name,
    Status: 'ACTIVE' as const,
    Options: options.map(([optionName, Status]) => ({
      TrackingOptionID: uuid(rng),
      Name: optionName,
      Status,
    })),
  }));
}

function contact(rng: { rng: number }, c: Partial<StoredContact> & { Name: string }): StoredContact {
  return {
    ContactID: uuid(rng),
    ContactStatus: 'ACTIVE',
    Addresses: [],
    Phones: [],
    IsCustomer: true,
    IsSupplier: false,
    createdAt: SEED_TIME,
    updatedAt: SEED_TIME,
    ...c,
  };
}

function profile(p: Omit<OrganisationProfile, 'createdAt'>): OrganisationProfile {
  return { ...p, createdAt: Date.UTC(2019, 2, 1) };
}

export function seedOrganisations(options: SeedOptions = {}): Record<string, OrgState> {
  const au = seedState('xero-au');
  const nz = seedState('xero-nz');
  const auOrg: OrgState = {
    profile: profile({
      OrganisationID: DEMO_AU_TENANT_ID,
      Name: 'Demo Architects Pty Ltd',
      LegalName: 'Demo Architects Pty Ltd',
      ShortCode: '!dA7rK',
      Version: 'AU',
      CountryCode: 'AU',
      BaseCurrency: 'AUD',
      // A practice with overseas clients: the demo invoices include some in NZD.
      Currencies: ['NZD', 'USD'],
      Timezone: 'AUSEASTERNSTANDARDTIME',
      offsetMinutes: 600,
      TaxNumber: '12345678901',
      FinancialYearEndDay: 30,
      FinancialYearEndMonth: 6,
      SalesTaxBasis: 'ACCRUALS',
      SalesTaxPeriod: 'QUARTERLY1',
      DefaultSalesTax: 'Tax Exclusive',
      salesTermDays: 14,
    }),
    accounts: [...accounts(au, AU_ACCOUNTS), ...extraAccounts(au, options.extraAccounts ?? 0)],
    taxRates: taxRates(AU_TAX),
    tracking: tracking(au, [
      [
        'Job',
        [
          ['J1001 Harbour House', 'ACTIVE'],
          ['J1002 Civic Library', 'ACTIVE'],
          ['J1003 Riverside Apartments', 'ACTIVE'],
          ['J0950 Old Warehouse Fitout', 'ARCHIVED'],
        ],
      ],
      [
        'Region',
        [
          ['Sydney', 'ACTIVE'],
          ['Melbourne', 'ACTIVE'],
          ['Brisbane', 'ACTIVE'],
        ],
      ],
    ]),
    contacts: [
      contact(au, {
        Name: 'Harbour Developments Pty Ltd',
        ContactNumber: 'HARB01',
        EmailAddress: 'accounts@harbourdev.example.com.au',
        Addresses: [
          {
            AddressType: 'POBOX',
            AddressLine1: 'PO Box 120',
            City: 'Sydney',
            Region: 'NSW',
            PostalCode: '2001',
            Country: 'Australia',
          },
        ],
      }),
      contact(au, {
        Name: 'City of Parramatta Council',
        ContactNumber: 'CITY02',
        EmailAddress: 'ap@parramatta.example.gov.au',
      }),
      contact(au, { Name: 'Old Client Holdings', ContactNumber: 'OLD03', ContactStatus: 'ARCHIVED' }),
    ],
    invoices: [],
    creditNotes: [],
    payments: [],
    nextInvoiceNumber: 1,
    nextCreditNoteNumber: 1,
  };
  const nzOrg: OrgState = {
    profile: profile({
      OrganisationID: DEMO_NZ_TENANT_ID,
      Name: 'Demo Engineers NZ Ltd',
      LegalName: 'Demo Engineers NZ Limited',
      ShortCode: '!nZ4pQ',
      Version: 'NZ',
      CountryCode: 'NZ',
      BaseCurrency: 'NZD',
      Timezone: 'NEWZEALANDSTANDARDTIME',
      offsetMinutes: 780,
      TaxNumber: '123-456-789',
      FinancialYearEndDay: 31,
      FinancialYearEndMonth: 3,
      SalesTaxBasis: 'INVOICE',
      SalesTaxPeriod: 'TWOMONTHS',
      DefaultSalesTax: 'Tax Exclusive',
      salesTermDays: 20,
    }),
    accounts: accounts(nz, NZ_ACCOUNTS),
    taxRates: taxRates(NZ_TAX),
    tracking: tracking(nz, [
      [
        'Project',
        [
          ['P-501 Bridge Assessment', 'ACTIVE'],
          ['P-502 Seismic Retrofit', 'ACTIVE'],
        ],
      ],
    ]),
    contacts: [
      contact(nz, {
        Name: 'Wellington Port Company',
        ContactNumber: 'WPC01',
        EmailAddress: 'payables@wgtnport.example.co.nz',
      }),
    ],
    invoices: [],
    creditNotes: [],
    payments: [],
    nextInvoiceNumber: 1,
    nextCreditNoteNumber: 1,
  };
  return { [DEMO_AU_TENANT_ID]: auOrg, [DEMO_NZ_TENANT_ID]: nzOrg };
}
