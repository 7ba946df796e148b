// The sandbox's in-memory model of MYOB: company files (myob.md §1.6, §3) and the OAuth records (§1).
// Money is integer cents in bigints (common/decimal.ts); JSON numbers appear only in api/*.ts views.

export type Cents = bigint;

export type Classification =
  | 'Asset'
  | 'Liability'
  | 'Equity'
  | 'Income'
  | 'CostOfSales'
  | 'Expense'
  | 'OtherIncome'
  | 'OtherExpense';

export interface AccountRecord {
  uid: string;
  /** "4-1000": classification digit, dash, four digits (myob.md §3.2). */
  displayId: string;
  name: string;
  description: string;
  classification: Classification;
  type: string;
  isHeader: boolean;
  isActive: boolean;
  parentUid: string | null;
  level: number;
  taxCodeUid: string | null;
  rowVersion: string;
}

export interface TaxCodeRecord {
  uid: string;
  code: string;
  description: string;
  /** MYOB's TaxCode.Type (myob.md §3.3): GST_VAT, InputTaxed, ImportDuty, ... */
  type: string;
  /** Percentage as a decimal string ("10"), for money.ts. */
  ratePercent: string;
  isActive: boolean;
  rowVersion: string;
}

export interface JobRecord {
  uid: string;
  number: string;
  name: string;
  description: string;
  isHeader: boolean;
  isActive: boolean;
  parentUid: string | null;
  linkedCustomerUid: string | null;
  rowVersion: string;
  lastModified: number;
}

export interface AddressRecord {
  location: number;
  street: string;
  city: string;
  state: string;
  postCode: string;
  country: string;
  phone1: string;
  email: string;
  contactName: string;
}

export interface CustomerRecord {
  uid: string;
  displayId: string;
  isIndividual: boolean;
  companyName: string;
  firstName: string;
  lastName: string;
  isActive: boolean;
  notes: string;
  addresses: AddressRecord[];
  taxCodeUid: string;
  freightTaxCodeUid: string;
  rowVersion: string;
  lastModified: number;
}

export type LineType = 'Transaction' | 'Header' | 'SubTotal';

export interface InvoiceLineRecord {
  rowId: number;
  type: LineType;
  description: string;
  accountUid: string | null;
  jobUid: string | null;
  taxCodeUid: string | null;
  /** As entered: tax-inclusive when the invoice is. */
  total: Cents;
  tax: Cents;
  rowVersion: string;
}

/** Read-only status as MYOB reports it (myob.md §3.6; Credit = negative and not settled, §3.7). */
export type InvoiceStatus = 'Open' | 'Closed' | 'Credit';

export interface InvoiceRecord {
  uid: string;
  number: string;
  invoiceType: 'Service';
  /** "YYYY-MM-DDTHH:MM:SS", as MYOB returns dates. */
  date: string;
  customerUid: string;
  customerPurchaseOrderNumber: string;
  isTaxInclusive: boolean;
  journalMemo: string;
  comment: string;
  shipToAddress: string;
  terms: Record<string, unknown>;
  freight: Cents;
  freightTaxCodeUid: string;
  freightTax: Cents;
  subtotal: Cents;
  totalTax: Cents;
  totalAmount: Cents;
  /** Sum applied by customer payments. */
  paid: Cents;
  lastPaymentDate: string | null;
  lines: InvoiceLineRecord[];
  rowVersion: string;
  created: number;
  lastModified: number;
}

export interface PaymentRecord {
  uid: string;
  receiptNumber: string;
  date: string;
  customerUid: string;
  depositTo: 'Account' | 'UndepositedFunds';
  accountUid: string | null;
  paymentMethod: string;
  memo: string;
  amountReceived: Cents;
  invoices: { invoiceUid: string; amountApplied: Cents }[];
  rowVersion: string;
  created: number;
}

export type FileRole = 'Administrator' | 'Standard';

export interface CompanyFileRecord {
  id: string;
  name: string;
  serialNumber: string;
  country: 'AU';
  productVersion: string;
  /** Role of each my.MYOB user in this file: only Administrators may approve app connections (myob.md §1.4). */
  roles: Record<string, FileRole>;
  accounts: AccountRecord[];
  taxCodes: TaxCodeRecord[];
  jobs: JobRecord[];
  customers: CustomerRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  nextRowId: number;
}

export interface UserRecord {
  uid: string;
  username: string;
  displayName: string;
}

export interface ConsentRecord {
  id: string;
  apiKey: string;
  userUid: string;
  businessId: string;
  scopes: string[];
  grantedAt: number;
  /** 12 months after grantedAt (myob.md §1.4). */
  expiresAt: number;
  /** Set when the app is disconnected on MYOB's App Connections page. */
  removedAt: number | null;
}

export interface CodeRecord {
  code: string;
  apiKey: string;
  redirectUri: string;
  consentId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface TokenRecord {
  token: string;
  apiKey: string;
  consentId: string;
  scopes: string[];
  expiresAt: number;
  /** Refresh tokens: consumed by one refresh (rotation). Access tokens: revoked by a control. */
  dead: boolean;
}

export interface MyobData {
  users: UserRecord[];
  /** The my.MYOB user the consent page shows as signed in. */
  signedInUserUid: string;
  files: CompanyFileRecord[];
  consents: ConsentRecord[];
  codes: CodeRecord[];
  accessTokens: TokenRecord[];
  refreshTokens: TokenRecord[];
  seq: number;
}
