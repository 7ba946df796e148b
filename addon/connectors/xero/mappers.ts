// Pure functions between our types and Xero's wire JSON (PascalCase, as the Accounting API and its OpenAPI
// describe it). client.ts hands these shapes to xero-node and returns Xero's raw JSON, so nothing here
// depends on the SDK's models (which turn `Class` into `_class` and string dates into Date objects,
// xero.md §7.5 items 2-3).
//
// Money stays exact: cents in bigint, decimals as strings; a JS number appears only in the request JSON
// (Quantity, UnitAmount, TaxAmount) and when reading Xero's numbers back (through toFixed(2)).
import {
  computeLine,
  formatCents,
  formatDecimal,
  PRICE_SCALE,
  parseDecimal,
  QUANTITY_SCALE,
  toCents,
} from '../../domain/money.ts';
import type {
  LedgerAccountData,
  LedgerContact,
  LedgerInvoice,
  LedgerJob,
  LedgerStatus,
  LedgerTaxRateData,
  LedgerTrackingData,
  RemoteDocument,
} from '../types.ts';

// ------------------------------------------------------------------ wire shapes (the subset we use)

export interface XeroValidationError {
  Message?: string;
}

export interface XeroAccountWire {
  AccountID: string;
  Code?: string;
  Name?: string;
  Type?: string;
  Class?: string;
  Status?: string;
  TaxType?: string;
  SystemAccount?: string;
}

export interface XeroTaxRateWire {
  Name?: string;
  TaxType?: string;
  Status?: string;
  EffectiveRate?: number;
  DisplayTaxRate?: number;
  CanApplyToAssets?: boolean;
  CanApplyToEquity?: boolean;
  CanApplyToExpenses?: boolean;
  CanApplyToLiabilities?: boolean;
  CanApplyToRevenue?: boolean;
}

export interface XeroTrackingOptionWire {
  TrackingOptionID: string;
  Name: string;
  Status?: string;
}

export interface XeroTrackingCategoryWire {
  TrackingCategoryID: string;
  Name: string;
  Status?: string;
  Options?: XeroTrackingOptionWire[];
}

export interface XeroAddressWire {
  AddressType: 'POBOX' | 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
}

export interface XeroContactWire {
  ContactID?: string;
  ContactNumber?: string;
  ContactStatus?: string;
  Name?: string;
  EmailAddress?: string;
  Addresses?: XeroAddressWire[];
  HasValidationErrors?: boolean;
  StatusAttributeString?: string;
  ValidationErrors?: XeroValidationError[];
}

export interface XeroLineTrackingWire {
  Name: string;
  Option: string;
}

export interface XeroLineWire {
  Description: string;
  Quantity: number;
  UnitAmount: number;
  AccountCode?: string;
  TaxType?: string;
  TaxAmount: number;
  Tracking?: XeroLineTrackingWire[];
}

/** An invoice or credit note as sent (PUT /Invoices, PUT /CreditNotes). */
export interface XeroDocumentRequest {
  Type: 'ACCREC' | 'ACCRECCREDIT';
  Contact: { ContactID: string };
  Date: string;
  DueDate: string;
  Status: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
  LineAmountTypes: 'Exclusive' | 'Inclusive';
  CurrencyCode: string;
  InvoiceNumber?: string;
  CreditNoteNumber?: string;
  Reference?: string;
  Url?: string;
  LineItems: XeroLineWire[];
}

/** An invoice or credit note as Xero returns it. */
export interface XeroDocumentWire {
  InvoiceID?: string;
  CreditNoteID?: string;
  InvoiceNumber?: string;
  CreditNoteNumber?: string;
  Type?: string;
  Status?: string;
  Reference?: string;
  Url?: string;
  SubTotal?: number;
  TotalTax?: number;
  Total?: number;
  AmountDue?: number;
  AmountPaid?: number;
  AmountCredited?: number;
  RemainingCredit?: number;
  FullyPaidOnDate?: string;
  UpdatedDateUTC?: string;
  HasErrors?: boolean;
  StatusAttributeString?: string;
  ValidationErrors?: XeroValidationError[];
}

// ------------------------------------------------------------------ dates and numbers from Xero

/** "/Date(1730419200000+0000)/" (xero.md §2) or an ISO string → Date; undefined when absent or unreadable. */
export function parseXeroDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms) return new Date(Number(ms[1]));
  const iso = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(iso) ? undefined : new Date(iso);
}

/** Xero's day fields are midnight UTC in "/Date()/" form: the calendar day, YYYY-MM-DD. */
export function parseXeroDay(value: unknown): string | undefined {
  return parseXeroDate(value)?.toISOString().slice(0, 10);
}

/** A JSON amount (2 dp) → cents, exactly (toFixed(2) reads the decimal Xero sent). */
export function amountToCents(value: unknown): bigint {
  if (typeof value === 'number' && Number.isFinite(value)) return toCents(value.toFixed(2));
  if (typeof value === 'string' && value.trim()) return toCents(Number(value).toFixed(2));
  return 0n;
}

/** A decimal string → the JSON number Xero expects (the one place numbers are made). */
export function jsonNumber(decimal: string): number {
  return Number(decimal);
}

// ------------------------------------------------------------------ reference data

export function ledgerStatus(status: string | undefined): LedgerStatus {
  switch ((status ?? 'ACTIVE').toUpperCase()) {
    case 'DELETED':
      return 'deleted';
    case 'ACTIVE':
      return 'active';
    default:
      // ARCHIVED, and PENDING tax rates (not usable yet).
      return 'archived';
  }
}

/** xero.md §2.1: REVENUE-class accounts of these types take sales lines (OTHERINCOME included). */
const REVENUE_TYPES = new Set(['REVENUE', 'SALES', 'OTHERINCOME']);

/** Accounts without a Code (some bank accounts) cannot be named on a line, so they are left out. */
export function mapAccount(a: XeroAccountWire): LedgerAccountData | undefined {
  if (!a.Code) return undefined;
  const type = a.Type ?? '';
  const accountClass = a.Class ?? '';
  return {
    externalId: a.AccountID,
    code: a.Code,
    name: a.Name ?? a.Code,
    type,
    accountClass,
    isRevenue: accountClass === 'REVENUE' && REVENUE_TYPES.has(type),
    status: ledgerStatus(a.Status),
    defaultTaxCode: a.TaxType || undefined,
  };
}

const CLASS_FLAGS = [
  ['ASSET', 'CanApplyToAssets'],
  ['EQUITY', 'CanApplyToEquity'],
  ['EXPENSE', 'CanApplyToExpenses'],
  ['LIABILITY', 'CanApplyToLiabilities'],
  ['REVENUE', 'CanApplyToRevenue'],
] as const;

/** A number Xero sent (EffectiveRate, 4 dp) → a decimal string without float noise. */
export function rateString(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '0';
  return formatDecimal(parseDecimal(value.toFixed(4), 4), 4);
}

/**
 * xero.md §2.2 / peers.md §5.4: a TaxType may be used only with the account classes its CanApplyTo* flags
 * allow (AU: GST on Income with REVENUE and LIABILITY; BAS Excluded with every class). The sandbox enforces
 * the same table (sandbox/xero/validation.ts `classAllows`). All five classes → [] ("any").
 */
export function mapTaxRate(t: XeroTaxRateWire): LedgerTaxRateData | undefined {
  if (!t.TaxType) return undefined;
  const classes = CLASS_FLAGS.filter(([, flag]) => t[flag] === true).map(([cls]) => cls);
  return {
    externalId: t.TaxType,
    code: t.TaxType,
    name: t.Name ?? t.TaxType,
    ratePercent: rateString(t.EffectiveRate ?? t.DisplayTaxRate),
    canApplyToRevenue: t.CanApplyToRevenue === true,
    accountClasses: classes.length === CLASS_FLAGS.length ? [] : classes,
    status: ledgerStatus(t.Status),
  };
}

/** One row per option; an archived category makes all its options unusable. */
export function mapTracking(categories: readonly XeroTrackingCategoryWire[]): LedgerTrackingData[] {
  const out: LedgerTrackingData[] = [];
  for (const c of categories) {
    const categoryStatus = ledgerStatus(c.Status);
    for (const o of c.Options ?? []) {
      const optionStatus = ledgerStatus(o.Status);
      out.push({
        categoryId: c.TrackingCategoryID,
        categoryName: c.Name,
        optionId: o.TrackingOptionID,
        optionName: o.Name,
        status: categoryStatus === 'active' ? optionStatus : categoryStatus,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ contacts

/**
 * The name key two contacts are "the same name" under (peers.md §5.1: normalise before matching).
 * Case, spacing and punctuation are ignored, "&" reads "and", and company suffixes are canonical:
 * "Harbour Developments Pty. Ltd." = "harbour developments pty ltd" = "Harbour Developments Proprietary
 * Limited". Words are kept otherwise ("Harbour Developments" alone is a different name: a person decides).
 */
export function normaliseName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => SUFFIXES[w] ?? w);
  return words.join(' ');
}

const SUFFIXES: Record<string, string> = {
  proprietary: 'pty',
  limited: 'ltd',
  incorporated: 'inc',
  company: 'co',
  corporation: 'corp',
};

const SEARCH_STOP_WORDS = new Set(['the', 'and', 'pty', 'ltd', 'inc', 'co', 'corp', 'of', 'llc', 'plc']);

/**
 * The one word of a name a `where` filter looks for (Name.ToLower().Contains("…")): the longest word that
 * is not a suffix, taken from the raw name's letters so it also matches "Pty. Ltd." spellings. Xero's
 * where cannot normalise punctuation itself, so candidates come back by this word and are compared by
 * normaliseName() here.
 */
export function nameSearchWord(name: string): string | undefined {
  const words = normaliseName(name)
    .split(' ')
    .filter((w) => w.length >= 2 && !SEARCH_STOP_WORDS.has(w));
  const best = words.sort((a, b) => b.length - a.length)[0];
  return best && /^[a-z0-9]+$/.test(best) ? best : undefined;
}

export function normaliseEmail(email: string | undefined): string | undefined {
  const e = email?.trim().toLowerCase();
  return e || undefined;
}

/** A string literal for Xero's `where` (C#-like: double quotes, backslash escapes). */
export function whereString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The contact we create for a client (xero.md §2.4: Name is required; ContactNumber = Abtrac client ID). */
export function contactRequest(c: LedgerContact): XeroContactWire {
  const a = c.address;
  const hasAddress = [a.line1, a.line2, a.city, a.region, a.postcode, a.country].some((v) => v?.trim());
  const email = c.email?.trim();
  return {
    Name: c.name.trim(),
    ContactNumber: c.clientCode,
    ...(email ? { EmailAddress: email } : {}),
    ...(hasAddress
      ? {
          Addresses: [
            {
              AddressType: 'POBOX' as const,
              ...(a.line1?.trim() ? { AddressLine1: a.line1.trim() } : {}),
              ...(a.line2?.trim() ? { AddressLine2: a.line2.trim() } : {}),
              ...(a.city?.trim() ? { City: a.city.trim() } : {}),
              ...(a.region?.trim() ? { Region: a.region.trim() } : {}),
              ...(a.postcode?.trim() ? { PostalCode: a.postcode.trim() } : {}),
              ...(a.country?.trim() ? { Country: a.country.trim() } : {}),
            },
          ],
        }
      : {}),
  };
}

// ------------------------------------------------------------------ jobs

/** The option name we create for a job: "J1001 Harbour House" (Xero allows 100 characters, xero.md §2.3). */
export function jobOptionName(job: LedgerJob): string {
  const name = job.name.trim();
  const full = name ? `${job.code.trim()} ${name}` : job.code.trim();
  return full.slice(0, 100).trim();
}

/**
 * A job matches an option named exactly its code, or "code name" / "code - name" (the convention of the
 * options we create and of practices that typed them by hand). Matching is on the code only, so a job
 * renamed in Abtrac keeps its option.
 */
export function optionMatchesJob(optionName: string, code: string): boolean {
  const o = optionName.trim().toLowerCase();
  const c = code.trim().toLowerCase();
  if (!c) return false;
  if (o === c) return true;
  return o.startsWith(c) && /^[\s\-–:]/.test(o.slice(c.length));
}

// ------------------------------------------------------------------ documents

/**
 * Per line, how far Abtrac's tax may differ from Xero's own per-line computation and still be sent as an
 * explicit TaxAmount (xero.md §2.9: integrators may override a line's tax to settle rounding). Both sides
 * round per line half away from zero, so a genuine rounding difference is at most a cent or two; more
 * means the rate differs (a mapping mistake) and must not be hidden.
 */
export const MAX_LINE_TAX_OVERRIDE_CENTS = 2n;
/** The largest whole-document difference a rounding line may absorb (Cliniko-style, peers.md §5.3). */
export const MAX_ROUNDING_CENTS = 10n;

export interface DocumentMappingOptions {
  status: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED';
  roundingAccountCode?: string | undefined;
  /** The rounding line's tax rate (e.g. NONE); without it Xero uses the account's default. */
  roundingTaxCode?: string | undefined;
  /** The tracking category jobs map to (its name), for lines with a tracking option. */
  jobTrackingCategory?: string | undefined;
}

export type DocumentMapping =
  | {
      ok: true;
      request: XeroDocumentRequest;
      /** The totals Xero will show: equal to Abtrac's by construction. */
      expected: { subtotalCents: bigint; taxCents: bigint; totalCents: bigint };
      roundingCents: bigint;
    }
  | { ok: false; problems: string[] };

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/**
 * LedgerInvoice → Xero ACCREC invoice or ACCRECCREDIT credit note (credits carry positive amounts).
 *
 * How Xero's totals are made to equal Abtrac's (xero.md §2.9, peers.md §5.3):
 * 1. Unit prices go with unitdp=4; each line's amount is Quantity × UnitAmount rounded to the cent, which
 *    equals Abtrac's when Abtrac computed it the same way (money.ts). When it does not (an adjusted line),
 *    the line is sent as Quantity 1 × its amount, with the original quantity and price in the description
 *    (xero.md §2.9's advice for prices beyond 4 dp).
 * 2. Each line carries an explicit TaxAmount equal to Abtrac's, within MAX_LINE_TAX_OVERRIDE_CENTS of
 *    Xero's own computation; beyond that the invoice is refused with the line named (a rate mismatch).
 * 3. If the lines still do not add up to Abtrac's document total (a total Abtrac rounded at document
 *    level), a "Rounding" line with zero tax for the difference goes to `roundingAccountCode` (the ROUNDING
 *    system account, 860 by default in Xero) when the difference is within MAX_ROUNDING_CENTS; without a
 *    rounding account, or beyond the limit, the invoice is refused rather than sent with a different total.
 */
export function documentRequest(invoice: LedgerInvoice, opts: DocumentMappingOptions): DocumentMapping {
  const problems: string[] = [];
  const credit = invoice.kind === 'credit';
  const contactId = invoice.contact.externalId;
  if (!contactId) problems.push(`The client ${invoice.contact.clientCode} is not linked to a Xero contact.`);
  if (!invoice.lines.length) problems.push('The invoice has no lines.');
  const inclusive = invoice.taxMode === 'inclusive';
  const category = invoice.job?.trackingCategory ?? opts.jobTrackingCategory;

  let subtotal = 0n;
  let tax = 0n;
  const lines: XeroLineWire[] = invoice.lines.map((line, i) => {
    const n = i + 1;
    let quantity: string;
    let unit: string;
    let description = line.description.trim() || line.accountCode;
    try {
      const q = parseDecimal(line.quantity, QUANTITY_SCALE);
      const p = parseDecimal(line.unitPrice, PRICE_SCALE);
      quantity = formatDecimal(q, QUANTITY_SCALE);
      unit = formatDecimal(p, PRICE_SCALE);
      const ours = inclusive ? line.grossCents : line.netCents;
      const xeroAmount = computeLine(
        { quantity, unitPrice: unit, taxRatePercent: '0' },
        'exclusive',
      ).netCents;
      if (xeroAmount !== ours) {
        description = `${description} (${quantity} × ${unit})`;
        quantity = '1';
        unit = formatCents(ours);
      }
    } catch (e) {
      problems.push(`Line ${n}: ${(e as Error).message}`);
      quantity = '1';
      unit = '0';
    }
    const amount = inclusive ? line.grossCents : line.netCents;
    const xeroTax = computeLine(
      { quantity: '1', unitPrice: formatCents(amount), taxRatePercent: line.taxRatePercent },
      invoice.taxMode,
    ).taxCents;
    if (abs(xeroTax - line.taxCents) > MAX_LINE_TAX_OVERRIDE_CENTS) {
      problems.push(
        `Line ${n}: Abtrac's tax ${formatCents(line.taxCents)} differs from the ${line.taxRatePercent}% Xero will apply (${formatCents(xeroTax)}); check the tax code mapping for ${line.taxCode}.`,
      );
    }
    const net = inclusive ? line.grossCents - line.taxCents : line.netCents;
    subtotal += net;
    tax += line.taxCents;
    const option = line.trackingOption ?? invoice.job?.trackingOption;
    return {
      Description: description.slice(0, 4000),
      Quantity: jsonNumber(quantity),
      UnitAmount: jsonNumber(unit),
      AccountCode: line.accountCode,
      TaxType: line.taxCode,
      TaxAmount: jsonNumber(formatCents(line.taxCents)),
      ...(option && category ? { Tracking: [{ Name: category, Option: option }] } : {}),
    };
  });

  const roundingCents = invoice.totalCents - (subtotal + tax);
  if (roundingCents !== 0n) {
    if (!opts.roundingAccountCode) {
      problems.push(
        `Xero's total would differ from Abtrac's by ${formatCents(roundingCents)}: choose a rounding account in the interface settings.`,
      );
    } else if (abs(roundingCents) > MAX_ROUNDING_CENTS) {
      problems.push(
        `Xero's total would differ from Abtrac's by ${formatCents(roundingCents)}, more than rounding can explain; the invoice's lines do not add up to its total.`,
      );
    } else {
      lines.push({
        Description: 'Rounding',
        Quantity: 1,
        UnitAmount: jsonNumber(formatCents(roundingCents)),
        AccountCode: opts.roundingAccountCode,
        ...(opts.roundingTaxCode ? { TaxType: opts.roundingTaxCode } : {}),
        TaxAmount: 0,
      });
      subtotal += roundingCents;
    }
  }
  if (problems.length) return { ok: false, problems };

  const request: XeroDocumentRequest = {
    Type: credit ? 'ACCRECCREDIT' : 'ACCREC',
    Contact: { ContactID: contactId! },
    Date: invoice.date,
    DueDate: invoice.dueDate,
    Status: opts.status,
    LineAmountTypes: inclusive ? 'Inclusive' : 'Exclusive',
    CurrencyCode: invoice.currency,
    ...(credit ? { CreditNoteNumber: invoice.number } : { InvoiceNumber: invoice.number }),
    ...(invoice.reference ? { Reference: invoice.reference.slice(0, 255) } : {}),
    // CreditNote has no Url in Xero's OpenAPI: only invoices link back.
    ...(invoice.url && !credit ? { Url: invoice.url } : {}),
    LineItems: lines,
  };
  return {
    ok: true,
    request,
    expected: { subtotalCents: subtotal, taxCents: tax, totalCents: subtotal + tax },
    roundingCents,
  };
}

export function documentNumber(d: XeroDocumentWire): string {
  return d.InvoiceNumber ?? d.CreditNoteNumber ?? '';
}

export function documentId(d: XeroDocumentWire): string {
  return d.InvoiceID ?? d.CreditNoteID ?? '';
}

/**
 * Whether Abtrac sent the document: only an API client can set Url, and Abtrac sets it on every invoice it
 * pushes (xero.md §2.5), so a Url (starting with `ourUrlPrefix` when one is known) marks ours. Xero's
 * CreditNote has no Url (OpenAPI 16.1.0; the SDK drops it), so a credit note is never tagged: the engine
 * adopts one found by number by comparing contact and total.
 */
export function isTaggedAsOurs(d: XeroDocumentWire, ourUrlPrefix?: string): boolean {
  if (!d.Url) return false;
  return ourUrlPrefix ? d.Url.startsWith(ourUrlPrefix) : true;
}

/** Xero's invoice or credit note → what the engine reads back (status, payments, voids). */
export function remoteDocument(
  d: XeroDocumentWire,
  kind: 'invoice' | 'credit',
  ourUrlPrefix?: string,
): RemoteDocument {
  const total = amountToCents(d.Total);
  let paid: bigint;
  let due: bigint;
  if (kind === 'credit') {
    // Credit notes carry RemainingCredit, not AmountDue/AmountPaid: what is allocated or refunded is "paid".
    due = d.RemainingCredit === undefined ? total : amountToCents(d.RemainingCredit);
    paid = total - due;
  } else {
    paid = amountToCents(d.AmountPaid);
    due = d.AmountDue === undefined ? total - paid : amountToCents(d.AmountDue);
  }
  return {
    externalId: documentId(d),
    number: documentNumber(d),
    kind,
    status: d.Status ?? '',
    totalCents: total,
    amountPaidCents: paid,
    amountDueCents: due,
    paidOn: parseXeroDay(d.FullyPaidOnDate),
    updatedAt: parseXeroDate(d.UpdatedDateUTC),
    taggedAsOurs: isTaggedAsOurs(d, ourUrlPrefix),
  };
}
