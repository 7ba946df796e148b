// The Connector contract: what the provider-neutral link engine asks of Xero, MYOB and the import files.
// Connectors never touch the database; the engine hands them what they need and stores what they return.
import type { Cents, TaxMode } from '../domain/money.ts';

export const CAPABILITIES = [
  'reference.read',
  'contacts.match',
  'invoices.push',
  'creditNotes.push',
  'payments.read',
  'webhooks',
  'file.export',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ConnectorManifest {
  /** Also the registry key and the folder name. */
  id: string;
  /** What people see, e.g. "Xero" or "Reckon Accounts (IIF)". */
  displayName: string;
  kind: 'api' | 'file';
  auth: 'oauth2' | 'none';
  capabilities: readonly Capability[];
  /** Where the facts behind this connector come from. */
  docs: readonly string[];
  /**
   * How the ledger totals an invoice's tax: 'line' (each line's tax rounded, then summed: Xero, and Abtrac
   * itself) or 'invoice' (the unrounded line taxes summed and rounded once: MYOB). Absent means 'line'.
   */
  taxRounding?: 'line' | 'invoice' | undefined;
}

// ------------------------------------------------------------------ what a connector receives

export interface LedgerAddress {
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postcode?: string | undefined;
  country?: string | undefined;
}

export interface LedgerContact {
  /** The contact's id in the ledger when already linked or matched. */
  externalId?: string | undefined;
  /** Abtrac's client ID (Xero ContactNumber, MYOB Card ID). */
  clientCode: string;
  name: string;
  email?: string | undefined;
  address: LedgerAddress;
}

export interface LedgerJob {
  code: string;
  name: string;
  externalId?: string | undefined;
  /** Xero: the tracking category (name) and option (name) the job maps to. */
  trackingCategory?: string | undefined;
  trackingOption?: string | undefined;
}

export interface LedgerLine {
  description: string;
  /** Exact decimal strings, up to 4 places. Credit notes carry positive quantities (see LedgerInvoice). */
  quantity: string;
  unitPrice: string;
  accountCode: string;
  taxCode: string;
  /** The tax rate's display name in the ledger (some import formats want the name, not the code). */
  taxName: string;
  taxRatePercent: string;
  netCents: Cents;
  taxCents: Cents;
  grossCents: Cents;
  /** Tracking option (Xero) or job code (MYOB) for this line, if any. */
  trackingOption?: string | undefined;
  category: 'fee' | 'disbursement' | 'variation' | 'expense';
}

/**
 * An Abtrac invoice resolved for one accounts file: codes mapped, contact and job attached.
 *
 * A negative Abtrac invoice becomes kind 'credit' and is expressed with positive amounts (quantities flipped),
 * as credit notes are in every ledger. A format that wants negative figures for credits negates them.
 */
export interface LedgerInvoice {
  invoiceId: string;
  version: number;
  kind: 'invoice' | 'credit';
  number: string;
  /** ISO dates, YYYY-MM-DD. */
  date: string;
  dueDate: string;
  currency: string;
  taxMode: TaxMode;
  reference?: string | undefined;
  /** Link back to the invoice in Abtrac. */
  url?: string | undefined;
  contact: LedgerContact;
  job?: LedgerJob | undefined;
  lines: LedgerLine[];
  subtotalCents: Cents;
  taxCents: Cents;
  totalCents: Cents;
}

// ------------------------------------------------------------------ interface options

/** Per-interface settings a person chooses on the Interface Settings screen. */
export interface InterfaceOptions {
  /** Xero: DRAFT | SUBMITTED | AUTHORISED. MYOB has no choice (Open). */
  invoiceStatus?: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | undefined;
  /** match: only link to existing contacts; create: create missing ones from the invoice's client. */
  contactPolicy?: 'match' | 'create' | undefined;
  /** Where a rounding difference line goes when the ledger's totals cannot otherwise equal Abtrac's. */
  roundingAccountCode?: string | undefined;
  /** The tax code of the rounding line: a code that adds no tax, e.g. MYOB N-T or Xero NONE. */
  roundingTaxCode?: string | undefined;
  /** Xero: the tracking category jobs map to (its name). */
  jobTrackingCategory?: string | undefined;
  /** Create the job's tracking option (Xero) or job (MYOB) when missing. */
  createJobs?: boolean | undefined;
  defaultAccountCode?: string | undefined;
  defaultTaxCode?: string | undefined;
}

// ------------------------------------------------------------------ what the engine gives a connector

/** Everything a connector needs to act on one connected accounts file. Built by the engine per interface. */
export interface ConnectorRuntime {
  /** The tenant (Xero OrganisationID) or company file (MYOB businessId) chosen at connect time. */
  tenantId: string;
  /** A valid access token; refreshes (single-flight, across processes) when needed. */
  accessToken(): Promise<string>;
  /** A new access token now, when the platform refused the current one before its expiry (refresh once). */
  refreshAccessToken?: (() => Promise<string>) | undefined;
  options: InterfaceOptions;
  clock: import('./clock.ts').Clock;
  /** Platform base URLs: the real ones, or the sandbox's (demo mode); connectors never hard-code hosts. */
  baseUrls: Readonly<Record<string, string>>;
  /** Provider credentials the API needs beside the token (MYOB: the x-myobapi-key). */
  credentials: Readonly<Record<string, string>>;
}

// ------------------------------------------------------------------ reference data

export type LedgerStatus = 'active' | 'archived' | 'deleted';

export interface LedgerAccountData {
  externalId: string;
  code: string;
  name: string;
  /** The platform's own words, e.g. Xero Type REVENUE / Class REVENUE, MYOB Type Income / Classification Income. */
  type: string;
  accountClass: string;
  /** May take sales invoices' lines: Xero REVENUE-class; MYOB Income (and Other Income), detail accounts only. */
  isRevenue: boolean;
  status: LedgerStatus;
  defaultTaxCode?: string | undefined;
}

export interface LedgerTaxRateData {
  externalId: string;
  code: string;
  name: string;
  ratePercent: string;
  canApplyToRevenue: boolean;
  /** Account classes the rate may be used with; empty means any. */
  accountClasses: string[];
  status: LedgerStatus;
}

export interface LedgerTrackingData {
  categoryId: string;
  categoryName: string;
  optionId: string;
  optionName: string;
  status: LedgerStatus;
}

/**
 * One pull of reference data. A kind left undefined did not change since `since` (If-Modified-Since);
 * `incremental` lists hold only what changed, `full` lists are the whole set (anything absent is deleted).
 */
export interface ReferencePull {
  accounts?: { mode: 'full' | 'incremental'; items: LedgerAccountData[] } | undefined;
  taxRates?: { mode: 'full' | 'incremental'; items: LedgerTaxRateData[] } | undefined;
  tracking?: { mode: 'full' | 'incremental'; items: LedgerTrackingData[] } | undefined;
  /** Platform time of this pull, the next `since`. */
  pulledAt: Date;
}

export interface ReferenceSince {
  accounts?: Date | undefined;
  taxRates?: Date | undefined;
  tracking?: Date | undefined;
}

// ------------------------------------------------------------------ contacts and jobs

export type ContactResolution =
  | {
      clientCode: string;
      status: 'linked' | 'matched' | 'created';
      externalId: string;
      externalName: string;
      matchedBy?: string;
    }
  | { clientCode: string; status: 'will_create' }
  | { clientCode: string; status: 'unmatched'; message: string }
  | { clientCode: string; status: 'archived'; externalId: string; externalName: string; message: string }
  | {
      clientCode: string;
      status: 'near_match';
      /** Same name but a different number: a person confirms before anything is linked. */
      candidates: { externalId: string; name: string; number?: string | undefined }[];
      message: string;
    };

export type JobResolution =
  | { code: string; status: 'linked' | 'matched' | 'created'; externalId: string; name: string }
  | { code: string; status: 'will_create' }
  | { code: string; status: 'unmatched' | 'archived'; message: string };

// ------------------------------------------------------------------ pushing and reading back

export type PushOutcome =
  | { invoiceId: string; ok: true; externalId: string; externalNumber: string; status: string }
  | { invoiceId: string; ok: false; error: import('./errors.ts').ConnectorError };

export interface RemoteDocument {
  invoiceId?: string | undefined;
  externalId: string;
  number: string;
  kind: 'invoice' | 'credit';
  /** The platform's status word: DRAFT, AUTHORISED, PAID, VOIDED, DELETED; MYOB Open, Closed, Credit. */
  status: string;
  totalCents: bigint;
  amountPaidCents: bigint;
  amountDueCents: bigint;
  /** Date of the last payment, YYYY-MM-DD. */
  paidOn?: string | undefined;
  updatedAt?: Date | undefined;
  /** Whether the document carries our tag (MYOB JournalMemo / Xero Reference or Url): ours to adopt. */
  taggedAsOurs: boolean;
}

export interface ApiConnector {
  /** Reads accounts, tax rates and tracking categories / jobs; incremental where the platform allows. */
  pullReference(rt: ConnectorRuntime, since: ReferenceSince): Promise<ReferencePull>;
  /**
   * Finds (or, when `create` and not `dryRun`, creates) each client's contact: stored link, then the
   * client ID, then the normalised name, then email. Never renames an existing contact.
   */
  resolveContacts(
    rt: ConnectorRuntime,
    contacts: LedgerContact[],
    mode: { create: boolean; dryRun: boolean },
  ): Promise<ContactResolution[]>;
  resolveJobs(
    rt: ConnectorRuntime,
    jobs: LedgerJob[],
    mode: { create: boolean; dryRun: boolean },
  ): Promise<JobResolution[]>;
  /** The most documents one push call may carry (Xero 50; MYOB 1). */
  readonly pushChunkSize: number;
  /**
   * How many push calls one job may have in flight (default 1). A platform that takes one document per
   * call (MYOB) keeps its rate limit busy only with a few at once; its governor still caps the rate.
   */
  readonly concurrentPushes?: number;
  /**
   * Sends one chunk. Per-invoice failures come back as outcomes; a failure of the whole call throws a
   * ConnectorError (uncertain_outcome when the platform may have applied it).
   */
  pushDocuments(
    rt: ConnectorRuntime,
    invoices: LedgerInvoice[],
    idempotencyKey: string,
  ): Promise<PushOutcome[]>;
  /** Looks documents up by number, before a create and after an uncertain outcome. */
  findDocuments(
    rt: ConnectorRuntime,
    refs: { number: string; kind: 'invoice' | 'credit' }[],
  ): Promise<RemoteDocument[]>;
  /** Reads back status and payments: by id, or everything changed since a time (polling fallback). */
  fetchDocuments(
    rt: ConnectorRuntime,
    query: { externalIds: string[] } | { modifiedSince: Date },
  ): Promise<RemoteDocument[]>;
}

// ------------------------------------------------------------------ OAuth

export interface TokenGrant {
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch ms. */
  accessExpiresAt: number;
  scopes: string[];
  /** OpenID claims of the signed-in user, when the platform gives an id_token (Xero). */
  identity?:
    | { issuer: string; sub: string; email?: string | undefined; name?: string | undefined }
    | undefined;
}

export interface Tenant {
  tenantId: string;
  name: string;
  /** Xero connection id (for DELETE /connections/{id}). */
  connectionId?: string | undefined;
}

export interface OAuthAdapter {
  authorizationUrl(args: {
    redirectUri: string;
    state: string;
    codeChallenge: string;
    scopes: readonly string[];
  }): Promise<URL>;
  /** Exchanges the code in the callback URL; checks state and PKCE. */
  exchangeCode(args: {
    callbackUrl: URL;
    redirectUri: string;
    codeVerifier: string;
    expectedState: string;
  }): Promise<TokenGrant>;
  /** The tenants this grant reaches: Xero GET /connections; MYOB the businessId on the callback URL. */
  tenants(grant: TokenGrant, callbackUrl: URL): Promise<Tenant[]>;
  refresh(refreshToken: string): Promise<TokenGrant>;
  /** Ends the connection at the platform (Xero DELETE /connections/{id}; MYOB has none: tokens are dropped). */
  disconnect(accessToken: string, tenant: Tenant): Promise<void>;
}
