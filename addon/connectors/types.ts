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
