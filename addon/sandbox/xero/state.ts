// The sandbox's whole state: plain serialisable objects (amounts as decimal strings, times as epoch ms), so
// demo mode can persist it with common/persistence.ts and the inspection API can show it as it is.

export type AccountClass = 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';

export interface StoredAccount {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Class: AccountClass;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  TaxType: string;
  Description?: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountNumber?: string;
  BankAccountType?: string;
  SystemAccount?: string;
  ReportingCode?: string;
  updatedAt: number;
}

export interface StoredTaxRate {
  Name: string;
  TaxType: string;
  ReportTaxType: string;
  /** Percentage as a decimal string, e.g. "10" or "15". */
  rate: string;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED';
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToRevenue: boolean;
  components: { Name: string; rate: string }[];
}

export interface StoredTrackingOption {
  TrackingOptionID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
}

export interface StoredTrackingCategory {
  TrackingCategoryID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  Options: StoredTrackingOption[];
}

export interface StoredAddress {
  AddressType: 'POBOX' | 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
  AttentionTo?: string;
}

export interface StoredContact {
  ContactID: string;
  ContactNumber?: string;
  AccountNumber?: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
  Name: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  TaxNumber?: string;
  Addresses: StoredAddress[];
  Phones: { PhoneType: string; PhoneNumber?: string; PhoneAreaCode?: string; PhoneCountryCode?: string }[];
  IsCustomer: boolean;
  IsSupplier: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoredLineTracking {
  TrackingCategoryID: string;
  TrackingOptionID: string;
  Name: string;
  Option: string;
}

export interface StoredLine {
  LineItemID: string;
  Description?: string;
  /** Decimal strings (quantity and unit amount up to 4 dp; amounts 2 dp). */
  Quantity: string;
  UnitAmount: string;
  ItemCode?: string;
  AccountCode?: string;
  AccountID?: string;
  TaxType?: string;
  TaxAmount: string;
  LineAmount: string;
  DiscountRate?: string;
  Tracking: StoredLineTracking[];
}

export type DocumentKind = 'invoice' | 'creditnote';
export type DocumentStatus = 'DRAFT' | 'SUBMITTED' | 'DELETED' | 'AUTHORISED' | 'PAID' | 'VOIDED';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

/** An invoice or a credit note: Xero's two documents share almost everything (xero.md §2.5, §2.6). */
export interface StoredDocument {
  kind: DocumentKind;
  id: string;
  Type: string;
  ContactID: string;
  Number: string;
  Reference?: string;
  Url?: string;
  /** Calendar days "YYYY-MM-DD". */
  Date: string;
  DueDate?: string;
  LineAmountTypes: LineAmountTypes;
  Status: DocumentStatus;
  CurrencyCode: string;
  CurrencyRate: string;
  SubTotal: string;
  TotalTax: string;
  Total: string;
  AmountPaid: string;
  AmountCredited: string;
  FullyPaidOnDate?: string;
  SentToContact: boolean;
  BrandingThemeID?: string;
  lines: StoredLine[];
  paymentIds: string[];
  /** The app (client id) that created it: createdByMyApp. */
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface StoredPayment {
  PaymentID: string;
  documentKind: DocumentKind;
  documentId: string;
  AccountID: string;
  Date: string;
  Amount: string;
  Reference?: string;
  Status: 'AUTHORISED' | 'DELETED';
  PaymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';
  IsReconciled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface OrganisationProfile {
  OrganisationID: string;
  Name: string;
  LegalName: string;
  ShortCode: string;
  Version: 'AU' | 'NZ';
  CountryCode: 'AU' | 'NZ';
  BaseCurrency: 'AUD' | 'NZD';
  /** Foreign currencies the organisation is subscribed to (multi-currency plans); the base is always accepted. */
  Currencies?: string[];
  Timezone: string;
  /** Fixed offset east of UTC used for "today" (the sandbox ignores daylight saving). */
  offsetMinutes: number;
  TaxNumber: string;
  FinancialYearEndDay: number;
  FinancialYearEndMonth: number;
  SalesTaxBasis: string;
  SalesTaxPeriod: string;
  DefaultSalesTax: string;
  /** Default sales payment terms: days after the invoice date. */
  salesTermDays: number;
  createdAt: number;
}

export interface OrgState {
  profile: OrganisationProfile;
  accounts: StoredAccount[];
  taxRates: StoredTaxRate[];
  tracking: StoredTrackingCategory[];
  contacts: StoredContact[];
  invoices: StoredDocument[];
  creditNotes: StoredDocument[];
  payments: StoredPayment[];
  nextInvoiceNumber: number;
  nextCreditNoteNumber: number;
}

// ------------------------------------------------------------------------------------------- identity

/** A consent screen waiting for the user. */
export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce?: string;
  codeChallenge: string;
  createdAt: number;
}

export interface AuthorizationCode {
  code: string;
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  createdAt: number;
  used: boolean;
}

/** One completed consent (an authorisation): the scopes and the user behind a chain of tokens. */
export interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authEventId: string;
  authTime: number;
  sessionId: string;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  grantId: string;
  issuedAt: number;
  /** Set on first use: the rotation moment, from which the 30-minute grace runs (xero.md §1.5). */
  rotatedAt?: number;
  revoked: boolean;
}

export interface AccessTokenRecord {
  jti: string;
  grantId: string;
  expiresAt: number;
  revoked: boolean;
}

/** A tenant connected to an app for a user (xero-identity.yaml Connection). */
export interface ConnectionRecord {
  id: string;
  tenantId: string;
  clientId: string;
  userId: string;
  authEventId: string;
  createdAt: number;
  updatedAt: number;
  /** False once disconnected (DELETE /connections, revocation, or in Xero's own UI). */
  active: boolean;
}

export interface IdentityState {
  /** RS256 private key as a JWK, so id_tokens verify after a restart. */
  signingKey?: Record<string, unknown>;
  pending: Record<string, PendingAuthorization>;
  codes: Record<string, AuthorizationCode>;
  grants: Record<string, Grant>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  accessTokens: Record<string, AccessTokenRecord>;
  connections: ConnectionRecord[];
}

export interface IdempotencyRecord {
  clientId: string;
  key: string;
  fingerprint: string;
  at: number;
  response: { status: number; headers: [string, string][]; body: string };
}

export interface WebhookDeliveryRecord {
  at: number;
  firstEventSequence: number;
  lastEventSequence: number;
  events: number;
  status: number | 'network-error';
}

export interface CallCounter {
  calls: number;
  rateLimited: number;
  byRoute: Record<string, number>;
}

export interface XeroState {
  version: 1;
  /** Seeded generator state (random.ts). */
  rng: number;
  orgs: Record<string, OrgState>;
  identity: IdentityState;
  idempotency: IdempotencyRecord[];
  webhooks: { sequence: number; deliveries: WebhookDeliveryRecord[] };
  calls: Record<string, CallCounter>;
}
