// The company files the sandbox starts with: "Demo Architects" (the demo user is an Administrator) and
// "Harbour Engineering" (the demo user is a Standard user, so consent is refused: myob.md §1.4/§1.5).
// An Australian chart with MYOB's "4-1000" DisplayIDs (myob.md §3.2), AU tax codes (§3.3), header and
// detail jobs (§3.4).
import { randomUUID } from 'node:crypto';
import type {
  AccountRecord,
  Classification,
  CompanyFileRecord,
  CustomerRecord,
  JobRecord,
  MyobData,
  TaxCodeRecord,
  UserRecord,
} from './types.ts';

export const DEMO_FILE_ID = '3f8c2a1e-5b7d-4c9a-8e21-0d6f4b9a7c10';
export const NON_ADMIN_FILE_ID = '7a41d9e3-2c6b-4f18-9b05-e3c8a2f61d47';
export const DEMO_USER: UserRecord = {
  uid: 'b2f6e0c4-91a3-4d2e-8f57-6c1d0a9e3b88',
  username: 'demo.user@example.com',
  displayName: 'Dana Demo',
};

export interface SeedOptions {
  /** Extra detail accounts in the demo file (e.g. 2,500 for paging benchmarks). */
  extraAccounts?: number;
  /** Extra GST-type tax codes in the demo file, e.g. a New Zealand file's 15% GST: { code, description, ratePercent }. */
  extraTaxCodes?: { code: string; description: string; ratePercent: string }[];
}

type RowVersion = () => string;

// [DisplayID, Name, Type, IsHeader, IsActive, default tax code]
type ChartRow = [string, string, string, boolean, boolean, string | null];

const CLASS_BY_DIGIT: Record<string, Classification> = {
  '1': 'Asset',
  '2': 'Liability',
  '3': 'Equity',
  '4': 'Income',
  '5': 'CostOfSales',
  '6': 'Expense',
  '8': 'OtherIncome',
  '9': 'OtherExpense',
};

const CHART: ChartRow[] = [
  ['1-0000', 'Assets', 'OtherAsset', true, true, null],
  ['1-1000', 'Current Assets', 'OtherCurrentAsset', true, true, null],
  ['1-1100', 'Business Bank Account', 'Bank', false, true, 'N-T'],
  ['1-1110', 'Undeposited Funds', 'Bank', false, true, 'N-T'],
  ['1-1200', 'Trade Debtors', 'AccountReceivable', false, true, 'N-T'],
  ['1-2000', 'Fixed Assets', 'FixedAsset', true, true, null],
  ['1-2100', 'Office Equipment', 'FixedAsset', false, true, 'CAP'],
  ['2-0000', 'Liabilities', 'OtherLiability', true, true, null],
  ['2-1000', 'Current Liabilities', 'OtherCurrentLiability', true, true, null],
  ['2-1200', 'GST Collected', 'OtherCurrentLiability', false, true, 'N-T'],
  ['2-1300', 'GST Paid', 'OtherCurrentLiability', false, true, 'N-T'],
  ['2-1500', 'Trade Creditors', 'AccountsPayable', false, true, 'N-T'],
  ['3-0000', 'Equity', 'Equity', true, true, null],
  ['3-1000', "Owner's Capital", 'Equity', false, true, 'N-T'],
  ['3-8000', 'Retained Earnings', 'Equity', false, true, 'N-T'],
  ['3-9000', 'Current Year Earnings', 'Equity', false, true, 'N-T'],
  ['4-0000', 'Income', 'Income', true, true, null],
  ['4-1000', 'Architectural Fees', 'Income', false, true, 'GST'],
  ['4-1100', 'Interior Design Fees', 'Income', false, true, 'GST'],
  ['4-1200', 'Project Management Fees', 'Income', false, true, 'GST'],
  ['4-1300', 'Planning & Permit Fees', 'Income', false, true, 'GST'],
  ['4-1400', 'Reimbursable Disbursements', 'Income', false, true, 'GST'],
  ['4-1500', 'Variations', 'Income', false, true, 'GST'],
  ['4-1600', 'Export Consulting', 'Income', false, true, 'EXP'],
  ['4-1900', 'Drafting Services (old)', 'Income', false, false, 'GST'],
  ['4-2000', 'Consulting Fees (old)', 'Income', false, false, 'GST'],
  ['5-0000', 'Cost Of Sales', 'CostOfSales', true, true, null],
  ['5-1000', 'Subconsultant Fees', 'CostOfSales', false, true, 'GST'],
  ['5-1100', 'Printing & Plotting', 'CostOfSales', false, true, 'GST'],
  ['6-0000', 'Expenses', 'Expense', true, true, null],
  ['6-1000', 'Advertising', 'Expense', false, true, 'GST'],
  ['6-1100', 'Bank Fees', 'Expense', false, true, 'FRE'],
  ['6-1200', 'Rent', 'Expense', false, true, 'GST'],
  ['6-1300', 'Software Subscriptions', 'Expense', false, true, 'GST'],
  ['6-1400', 'Travel', 'Expense', false, true, 'GST'],
  ['6-1500', 'Wages & Salaries', 'Expense', false, true, 'N-T'],
  // Where integrations post the cent MYOB's once-per-invoice tax rounding leaves (a "Rounding" line).
  ['6-1900', 'Rounding', 'Expense', false, true, 'N-T'],
  ['8-0000', 'Other Income', 'OtherIncome', true, true, null],
  ['8-1000', 'Interest Income', 'OtherIncome', false, true, 'FRE'],
  ['9-0000', 'Other Expenses', 'OtherExpense', true, true, null],
  ['9-1000', 'Interest Expense', 'OtherExpense', false, true, 'FRE'],
];

// [Code, Description, Type, Rate]
const TAX_CODES: [string, string, string, string][] = [
  ['GST', 'Goods & Services Tax', 'GST_VAT', '10'],
  ['FRE', 'GST Free', 'GST_VAT', '0'],
  ['N-T', 'Not Reportable', 'GST_VAT', '0'],
  ['EXP', 'GST Free Exports', 'GST_VAT', '0'],
  ['CAP', 'Capital Acquisitions', 'GST_VAT', '10'],
  ['ITS', 'Input Taxed Sales', 'InputTaxed', '0'],
  ['INP', 'Input Taxed Purchases', 'InputTaxed', '0'],
  ['IMP', 'Import Duty', 'ImportDuty', '5'],
  ['ABN', 'No ABN Withholding', 'NoABN_TFN', '47'],
];

function chartAccounts(rows: ChartRow[], taxUid: (code: string) => string, rv: RowVersion): AccountRecord[] {
  const byId = new Map<string, AccountRecord>();
  const accounts: AccountRecord[] = [];
  for (const [displayId, name, type, isHeader, isActive, tax] of rows) {
    const digit = displayId[0]!;
    const number = displayId.slice(2);
    // The parent is the nearest header: x-1100 under x-1000 when that is a header, else under x-0000.
    const candidates = [
      `${digit}-${number.slice(0, 2)}00`,
      `${digit}-${number.slice(0, 1)}000`,
      `${digit}-0000`,
    ];
    const parent = candidates.map((id) => byId.get(id)).find((a) => a?.isHeader && a.displayId !== displayId);
    const account: AccountRecord = {
      uid: randomUUID(),
      displayId,
      name,
      description: '',
      classification: CLASS_BY_DIGIT[digit]!,
      type,
      isHeader,
      isActive,
      parentUid: parent?.uid ?? null,
      level: parent ? parent.level + 1 : 1,
      taxCodeUid: tax ? taxUid(tax) : null,
      rowVersion: rv(),
    };
    byId.set(displayId, account);
    accounts.push(account);
  }
  return accounts;
}

/** `count` extra detail accounts under generated headers: 4-5000 first, then 6-5000, 5-5000, 8-5000, 9-5000. */
function extraRows(count: number): ChartRow[] {
  const rows: ChartRow[] = [];
  let left = count;
  for (const digit of ['4', '6', '5', '8', '9']) {
    if (left <= 0) break;
    const kind = CLASS_BY_DIGIT[digit]!;
    rows.push([`${digit}-5000`, `Generated ${kind}`, kind, true, true, null]);
    for (let n = 5001; n <= 9999 && left > 0; n++, left--) {
      rows.push([`${digit}-${n}`, `${kind} ${n}`, kind, false, true, digit === '4' ? 'GST' : 'N-T']);
    }
  }
  return rows;
}

function taxCodes(rv: RowVersion, extra: SeedOptions['extraTaxCodes'] = []): TaxCodeRecord[] {
  const rows: [string, string, string, string][] = [
    ...TAX_CODES,
    ...extra.map((t): [string, string, string, string] => [t.code, t.description, 'GST_VAT', t.ratePercent]),
  ];
  return rows.map(([code, description, type, ratePercent]) => ({
    uid: randomUUID(),
    code,
    description,
    type,
    ratePercent,
    isActive: true,
    rowVersion: rv(),
  }));
}

function jobs(rv: RowVersion, now: number): JobRecord[] {
  const job = (
    number: string,
    name: string,
    isHeader: boolean,
    isActive: boolean,
    parent: JobRecord | null,
  ) => ({
    uid: randomUUID(),
    number,
    name,
    description: '',
    isHeader,
    isActive,
    parentUid: parent?.uid ?? null,
    linkedCustomerUid: null,
    rowVersion: rv(),
    lastModified: now,
  });
  const arch = job('ARCH', 'Architectural Projects', true, true, null);
  const interiors = job('INT', 'Interiors', true, true, null);
  return [
    arch,
    job('J1001', 'Smith Residence', false, true, arch),
    job('J1002', 'Harbourside Offices', false, true, arch),
    job('J1003', 'Library Fit-out', false, false, arch),
    interiors,
    job('J2001', 'Laneway Cafe Interior', false, true, interiors),
  ];
}

function customers(rv: RowVersion, now: number, gst: string, nt: string): CustomerRecord[] {
  const base = { isActive: true, notes: '', taxCodeUid: gst, freightTaxCodeUid: nt, lastModified: now };
  const address = (street: string, city: string, email: string) => ({
    location: 1,
    street,
    city,
    state: 'NSW',
    postCode: '2000',
    country: 'Australia',
    phone1: '',
    email,
    contactName: '',
  });
  return [
    {
      ...base,
      uid: randomUUID(),
      displayId: 'CUS000001',
      isIndividual: false,
      companyName: 'Smith Family Trust',
      firstName: '',
      lastName: '',
      addresses: [address('12 Wattle St', 'Sydney', 'accounts@smithtrust.example')],
      rowVersion: rv(),
    },
    {
      ...base,
      uid: randomUUID(),
      displayId: 'CUS000002',
      isIndividual: false,
      companyName: 'Harbour City Council',
      firstName: '',
      lastName: '',
      addresses: [address('1 Town Hall Sq', 'Sydney', 'payables@harbourcity.example')],
      rowVersion: rv(),
    },
    {
      ...base,
      uid: randomUUID(),
      displayId: 'CUS000003',
      isIndividual: true,
      companyName: '',
      firstName: 'Jane',
      lastName: 'Citizen',
      addresses: [],
      rowVersion: rv(),
    },
  ];
}

function companyFile(
  id: string,
  name: string,
  role: 'Administrator' | 'Standard',
  rv: RowVersion,
  now: number,
  extraAccounts: number,
  extraTaxCodes: SeedOptions['extraTaxCodes'] = [],
): CompanyFileRecord {
  const codes = taxCodes(rv, extraTaxCodes);
  const taxUid = (code: string) => codes.find((c) => c.code === code)!.uid;
  return {
    id,
    name,
    serialNumber: `6${id.replace(/\D/g, '').slice(0, 11)}`,
    country: 'AU',
    productVersion: '2025.5',
    roles: { [DEMO_USER.uid]: role },
    accounts: chartAccounts([...CHART, ...extraRows(extraAccounts)], taxUid, rv),
    taxCodes: codes,
    jobs: jobs(rv, now),
    customers: customers(rv, now, taxUid('GST'), taxUid('N-T')),
    invoices: [],
    payments: [],
    nextRowId: 1,
  };
}

export function seedData(now: number, options: SeedOptions = {}): MyobData {
  let seq = 0;
  const rv: RowVersion = () => String(-8_628_074_829_794_967_552n + BigInt(++seq) * 104_729n);
  const extra = Math.max(0, Math.floor(options.extraAccounts ?? 0));
  const files = [
    companyFile(DEMO_FILE_ID, 'Demo Architects', 'Administrator', rv, now, extra, options.extraTaxCodes),
    companyFile(NON_ADMIN_FILE_ID, 'Harbour Engineering', 'Standard', rv, now, 0),
  ];
  return {
    users: [DEMO_USER],
    signedInUserUid: DEMO_USER.uid,
    files,
    consents: [],
    codes: [],
    accessTokens: [],
    refreshTokens: [],
    seq,
  };
}
