// Pure mappings between the add-on's ledger types and MYOB's JSON (myob.md §3). No I/O here: the connector
// fetches, these functions translate, and the tables in mappers.test.ts pin every rule down.
import {
  type Cents,
  computeLine,
  divRound,
  formatCents,
  invoiceRoundedTotals,
  parseDecimal,
  type TaxedAmount,
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
import { myobPlatform } from './manifest.ts';

// ------------------------------------------------------------------ MYOB's shapes (the fields we read)

export interface MyobRef {
  UID: string;
  Name?: string | null;
  DisplayID?: string | null;
  Code?: string | null;
  Number?: string | null;
}

/** GeneralLedger/Account (myob.md §3.2). */
export interface MyobAccount {
  UID: string;
  DisplayID: string;
  Name: string;
  Classification: string;
  Type: string;
  IsHeader: boolean;
  IsActive: boolean;
  TaxCode?: MyobRef | null;
}

/** GeneralLedger/TaxCode (myob.md §3.3). MYOB's TaxCode has no IsActive in the SDK; absent means active. */
export interface MyobTaxCode {
  UID: string;
  Code: string;
  Description: string;
  Type: string;
  Rate: number;
  IsActive?: boolean | null;
}

/** GeneralLedger/Job (myob.md §3.4). */
export interface MyobJob {
  UID: string;
  Number: string;
  Name: string;
  IsHeader: boolean;
  IsActive: boolean;
}

/** Contact/Customer (myob.md §3.5). */
export interface MyobCustomer {
  UID: string;
  CompanyName?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  IsIndividual: boolean;
  DisplayID?: string | null;
  IsActive: boolean;
  Addresses?: { Email?: string | null }[] | null;
}

/** Sale/Invoice (any layout) as listed, or Sale/Invoice/Service/{uid} (myob.md §3.6). */
export interface MyobInvoice {
  UID: string;
  Number: string;
  Date?: string | null;
  Customer?: MyobRef | null;
  Status: string;
  TotalAmount: number | string;
  BalanceDueAmount: number | string;
  JournalMemo?: string | null;
  LastPaymentDate?: string | null;
  LastModified?: string | null;
}

// ------------------------------------------------------------------ limits

/**
 * MYOB's field limits. Invoice Number (13) is in the manifest; the rest are from MYOB's customer page
 * (myob.md §3.5) and, for jobs, AccountRight's job fields as the sandbox enforces them (myob.md does not
 * state them: Number 15, Name 30).
 */
export const LIMITS = {
  invoiceNumber: myobPlatform.limits.numberLength,
  cardId: 15,
  companyName: 50,
  street: 255,
  jobNumber: 15,
  jobName: 30,
  text255: 255,
} as const;

/** Classifications that may take sales lines (myob.md §3.2: Income and Other Income, detail accounts). */
const REVENUE_CLASSIFICATIONS = new Set(['Income', 'OtherIncome']);
/**
 * Tax code types a sale may not use: Import Duty and Input Taxed are refused with 32002 InvalidTaxCode
 * (myob.md §3.3); withholding types are purchase-side by nature ([Derived]).
 */
const NOT_FOR_SALES = new Set(['ImportDuty', 'InputTaxed', 'NoABN_TFN', 'WithholdingsTax']);

// ------------------------------------------------------------------ small helpers

/** A JSON amount (MYOB sends 1350.5) to exact cents; extra float digits are rounded half away from zero. */
export function centsFromJson(value: unknown): Cents {
  if (value === null || value === undefined || value === '') return 0n;
  let text = typeof value === 'number' ? String(value) : String(value).trim();
  if (/e/i.test(text)) text = Number(text).toFixed(6);
  const scale = Math.max(2, text.split('.')[1]?.length ?? 0);
  return divRound(parseDecimal(text, scale), 10n ** BigInt(scale - 2));
}

/** Cents to the JSON number MYOB takes, formatted exactly first (money is never arithmetic in floats). */
export function centsToJson(cents: Cents): number {
  return Number(formatCents(cents));
}

/** MYOB's Rate (a double, e.g. 10 or 12.5) to the decimal string the ledger types use. */
export function rateFromJson(rate: unknown): string {
  const n = typeof rate === 'number' ? rate : Number(rate ?? 0);
  if (!Number.isFinite(n)) return '0';
  return String(Number(n.toFixed(4)));
}

function status(isActive: boolean | null | undefined): LedgerStatus {
  return isActive === false ? 'archived' : 'active';
}

// ------------------------------------------------------------------ reference data

export function accountFromMyob(a: MyobAccount): LedgerAccountData {
  return {
    externalId: a.UID,
    code: a.DisplayID,
    name: a.Name,
    type: a.Type,
    accountClass: a.Classification,
    // Only active detail accounts can be posted to (myob.md §3.2, "Line_AccountHeaderNotAllowed").
    isRevenue: REVENUE_CLASSIFICATIONS.has(a.Classification) && a.IsActive && !a.IsHeader,
    status: status(a.IsActive),
    defaultTaxCode: a.TaxCode?.Code ?? undefined,
  };
}

export function taxRateFromMyob(t: MyobTaxCode): LedgerTaxRateData {
  return {
    externalId: t.UID,
    code: t.Code,
    name: t.Description,
    ratePercent: rateFromJson(t.Rate),
    canApplyToRevenue: !NOT_FOR_SALES.has(t.Type),
    accountClasses: [],
    status: status(t.IsActive),
  };
}

export const JOB_CATEGORY = { id: 'Job', name: 'Job' } as const;

/** Detail jobs as tracking options of one "Job" category; header jobs can never take a line (myob.md §3.2). */
export function trackingFromMyob(j: MyobJob): LedgerTrackingData | undefined {
  if (j.IsHeader) return undefined;
  return {
    categoryId: JOB_CATEGORY.id,
    categoryName: JOB_CATEGORY.name,
    optionId: j.UID,
    // Abtrac's job code is MYOB's job Number; lines carry it as trackingOption.
    optionName: j.Number,
    status: status(j.IsActive),
  };
}

// ------------------------------------------------------------------ the tag that makes an invoice ours

const TAG_PREFIX = 'Abtrac invoice ';
const TAG = /(?:^|\s)Abtrac invoice ([A-Za-z0-9][A-Za-z0-9-]*)/;

/**
 * JournalMemo tag: MYOB has no idempotency key, so the invoice carries Abtrac's id in a field that is
 * server-side filterable and printed nowhere the client sees (myob.md §5, pattern 3).
 */
export function invoiceTag(invoiceId: string): string {
  return `${TAG_PREFIX}${invoiceId}`;
}

/** The Abtrac invoice id in a JournalMemo, if it carries our tag. */
export function taggedInvoiceId(journalMemo: string | null | undefined): string | undefined {
  return journalMemo ? TAG.exec(journalMemo)?.[1] : undefined;
}

// ------------------------------------------------------------------ customers

/**
 * Names are compared after: Unicode NFKC and lower case; "&" read as "and"; dots and apostrophes dropped
 * ("Pty. Ltd." = "Pty Ltd", "O'Brien" = "OBrien"); every other run of non-letters/digits is one space.
 * Legal suffixes are NOT dropped: "Smith" and "Smith Pty Ltd" are different customers.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The name MYOB shows: CompanyName, or "First Last" for individuals. */
export function customerName(c: MyobCustomer): string {
  return c.IsIndividual
    ? [c.FirstName, c.LastName].filter((s) => s?.trim()).join(' ')
    : (c.CompanyName ?? '').trim();
}

/** A Card ID that is really set (MYOB shows "*None" for none). */
export function cardId(c: MyobCustomer): string | undefined {
  const id = c.DisplayID?.trim();
  return id && id !== '*None' ? id : undefined;
}

export type Mapped<T> = { ok: true; body: T; notes: string[] } | { ok: false; problems: string[] };

/**
 * A new customer card. Card ID (DisplayID, 15) is refused when too long: a cut Card ID would match
 * another client's. The company name is cut to MYOB's 50 characters and the note says so: the Card ID,
 * not the name, is what links it next time.
 */
export function customerBody(
  contact: LedgerContact,
  codes: { taxCodeUid: string; freightTaxCodeUid: string },
): Mapped<Record<string, unknown>> {
  const problems: string[] = [];
  const notes: string[] = [];
  const code = contact.clientCode.trim();
  if (!code) problems.push('The client has no client ID to use as the MYOB Card ID.');
  else if (code.length > LIMITS.cardId) {
    problems.push(
      `Client ID "${code}" is ${code.length} characters; an MYOB Card ID holds at most ${LIMITS.cardId}. ` +
        'Shorten the client ID in Abtrac, or create the card in MYOB and link it.',
    );
  }
  let name = contact.name.trim();
  if (!name) problems.push('The client has no name.');
  if (name.length > LIMITS.companyName) {
    name = name.slice(0, LIMITS.companyName).trimEnd();
    notes.push(`Name shortened to MYOB's ${LIMITS.companyName} characters: "${name}".`);
  }
  if (problems.length) return { ok: false, problems };
  const a = contact.address;
  let street = [a.line1, a.line2].filter((s) => s?.trim()).join('\n');
  if (street.length > LIMITS.street) {
    street = street.slice(0, LIMITS.street);
    notes.push(`Street shortened to MYOB's ${LIMITS.street} characters.`);
  }
  const address = {
    Location: 1,
    Street: street,
    City: a.city ?? '',
    State: a.region ?? '',
    PostCode: a.postcode ?? '',
    Country: a.country ?? '',
    Email: contact.email ?? '',
  };
  const hasAddress = Object.entries(address).some(([k, v]) => k !== 'Location' && v !== '');
  return {
    ok: true,
    notes,
    body: {
      IsIndividual: false,
      CompanyName: name,
      DisplayID: code,
      IsActive: true,
      ...(hasAddress ? { Addresses: [address] } : {}),
      // Required on create by MYOB Business connectors (myob.md §3.5).
      SellingDetails: {
        TaxCode: { UID: codes.taxCodeUid },
        FreightTaxCode: { UID: codes.freightTaxCodeUid },
      },
    },
  };
}

// ------------------------------------------------------------------ jobs

/** A new detail job; Number is Abtrac's job code (refused when too long), Name cut to 30 with a note. */
export function jobBody(job: LedgerJob): Mapped<Record<string, unknown>> {
  const code = job.code.trim();
  if (!code) return { ok: false, problems: ['The job has no code to use as the MYOB job number.'] };
  if (code.length > LIMITS.jobNumber) {
    return {
      ok: false,
      problems: [
        `Job code "${code}" is ${code.length} characters; an MYOB job number holds at most ${LIMITS.jobNumber}.`,
      ],
    };
  }
  const full = job.name.trim() || code;
  const name = full.length > LIMITS.jobName ? full.slice(0, LIMITS.jobName).trimEnd() : full;
  return {
    ok: true,
    notes: name === full ? [] : [`Job name shortened to MYOB's ${LIMITS.jobName} characters.`],
    body: {
      Number: code,
      Name: name,
      Description: full.slice(0, LIMITS.text255),
      IsHeader: false,
      IsActive: true,
    },
  };
}

// ------------------------------------------------------------------ invoices

/** What the invoice mapper needs to know about the file, resolved by the connector from its cache. */
export interface InvoiceLookups {
  customerUid: string | undefined;
  account(code: string): { uid: string; isHeader: boolean; isActive: boolean } | undefined;
  taxCode(code: string): { uid: string; ratePercent: string; usableOnSales: boolean } | undefined;
  /** A detail, active job's UID by number. */
  job(code: string): { uid: string } | undefined;
  freightTaxCodeUid: string | undefined;
}

function daysBetween(from: string, to: string): number | undefined {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return undefined;
  return Math.round((b - a) / 86_400_000);
}

/**
 * The Sale/Invoice/Service body (myob.md §3.6): one Transaction line per Abtrac line, `Total` being the line
 * amount in the invoice's tax mode (net when exclusive, gross when inclusive); FreightTaxCode always, with
 * Freight 0 ("freight has not been set" otherwise); Number ours (≤ 13) and JournalMemo tagged (§5).
 * A credit note is the same invoice with every line negative (§3.7: "keep all lines negative").
 *
 * It also checks, before sending, that each line's rate in the file is Abtrac's. MYOB then rounds the
 * invoice's tax once, not per line (docs/platforms/myob.md, "How MYOB computes tax"), so its total can
 * differ from Abtrac's by a cent or so; with a rounding account and a no-tax code chosen, a "Rounding" line
 * for the difference makes MYOB's total equal Abtrac's. Without them the invoice goes as MYOB computes it
 * (the preview has warned of the difference).
 */
export function serviceInvoiceBody(
  inv: LedgerInvoice,
  lookups: InvoiceLookups,
  rounding: RoundingChoice = {},
): Mapped<Record<string, unknown>> {
  const problems: string[] = [];
  const number = inv.number.trim();
  if (!number) problems.push('The invoice has no number; MYOB needs our own unique Number to find it again.');
  else if (number.length > LIMITS.invoiceNumber) {
    problems.push(
      `Invoice number "${number}" is ${number.length} characters; MYOB allows ${LIMITS.invoiceNumber}. ` +
        'Shorten the numbering in the invoice setting.',
    );
  }
  if (!lookups.customerUid) {
    problems.push(`Client ${inv.contact.clientCode} is not linked to an MYOB customer card.`);
  }
  if (!lookups.freightTaxCodeUid) problems.push('The MYOB file has no tax code to use as FreightTaxCode.');
  if (inv.lines.length === 0) problems.push('The invoice has no lines.');
  if (inv.reference && inv.reference.length > LIMITS.text255) {
    problems.push(`The reference is longer than MYOB's ${LIMITS.text255} characters.`);
  }
  const sign = inv.kind === 'credit' ? -1n : 1n;
  const inclusive = inv.taxMode === 'inclusive';
  let total = 0n;
  const taxed: TaxedAmount[] = [];
  const lines: Record<string, unknown>[] = inv.lines.map((line, i) => {
    const at = `Line ${i + 1}`;
    const account = lookups.account(line.accountCode);
    if (!account) problems.push(`${at}: account ${line.accountCode} is not in the MYOB file.`);
    else if (account.isHeader) problems.push(`${at}: account ${line.accountCode} is a header account.`);
    else if (!account.isActive) problems.push(`${at}: account ${line.accountCode} is inactive in MYOB.`);
    const tax = lookups.taxCode(line.taxCode);
    const amount = sign * (inclusive ? line.grossCents : line.netCents);
    if (!tax) problems.push(`${at}: tax code ${line.taxCode} is not in the MYOB file.`);
    else if (!tax.usableOnSales) problems.push(`${at}: tax code ${line.taxCode} cannot be used on a sale.`);
    else {
      taxed.push({ amountCents: amount, taxRatePercent: tax.ratePercent });
      const myobTax = computeLine(
        { quantity: '1', unitPrice: formatCents(amount), taxRatePercent: tax.ratePercent },
        inv.taxMode,
      ).taxCents;
      if (myobTax !== sign * line.taxCents) {
        problems.push(
          `${at}: MYOB's ${line.taxCode} rate (${tax.ratePercent}%) gives tax ${formatCents(myobTax)}, ` +
            `Abtrac has ${formatCents(sign * line.taxCents)} at ${line.taxRatePercent}%.`,
        );
      }
    }
    const jobCode = line.trackingOption ?? inv.job?.code;
    const job = jobCode ? lookups.job(jobCode) : undefined;
    // A job MYOB does not have (and may not create) leaves the line without a job: the preview warns of it,
    // and the invoice itself is still right.

    total += sign * line.grossCents;
    return {
      Type: 'Transaction',
      Description: line.description,
      ...(account ? { Account: { UID: account.uid } } : {}),
      ...(tax ? { TaxCode: { UID: tax.uid } } : {}),
      ...(job ? { Job: { UID: job.uid } } : {}),
      Total: centsToJson(amount),
    };
  });
  if (inv.lines.length && total !== sign * inv.totalCents) {
    problems.push(
      `The lines add up to ${formatCents(total)} but the invoice total is ${formatCents(sign * inv.totalCents)}.`,
    );
  }
  const notes: string[] = [];
  if (!problems.length) {
    const line = roundingLine(inv, taxed, lookups, rounding);
    if ('problem' in line) problems.push(line.problem);
    else if (line.body) {
      lines.push(line.body);
      notes.push(line.note);
    }
  }
  if (problems.length) return { ok: false, problems };
  const days = daysBetween(inv.date, inv.dueDate);
  return {
    ok: true,
    notes,
    body: {
      Number: number,
      Date: `${inv.date}T00:00:00`,
      Customer: { UID: lookups.customerUid },
      IsTaxInclusive: inclusive,
      JournalMemo: invoiceTag(inv.invoiceId),
      ...(inv.reference ? { CustomerPurchaseOrderNumber: inv.reference } : {}),
      ...(days === undefined
        ? {}
        : { Terms: { PaymentIsDue: 'InAGivenNumberOfDays', BalanceDueDate: days } }),
      Freight: 0,
      FreightTaxCode: { UID: lookups.freightTaxCodeUid },
      Lines: lines,
    },
  };
}

/** The interface's rounding choice (options roundingAccountCode / roundingTaxCode). */
export interface RoundingChoice {
  accountCode?: string | undefined;
  taxCode?: string | undefined;
}

/**
 * MYOB's total for these lines against Abtrac's, and the line that closes the gap: Total = the difference,
 * on the rounding account with a code that adds no tax (a 0% code such as N-T), so MYOB's tax stays as it
 * computes it and its total becomes Abtrac's. Inclusive invoices total the same in both; only the tax
 * inside differs, which no line can change.
 */
export function roundingLine(
  inv: LedgerInvoice,
  taxed: readonly TaxedAmount[],
  lookups: Pick<InvoiceLookups, 'account' | 'taxCode'>,
  rounding: RoundingChoice,
): { body?: Record<string, unknown>; note: string } | { problem: string } {
  const sign = inv.kind === 'credit' ? -1n : 1n;
  const myob = invoiceRoundedTotals(taxed, inv.taxMode);
  const difference = sign * inv.totalCents - myob.totalCents;
  if (difference === 0n || !rounding.accountCode || !rounding.taxCode) return { note: '' };
  const account = lookups.account(rounding.accountCode);
  const tax = lookups.taxCode(rounding.taxCode);
  if (!account || account.isHeader || !account.isActive) {
    return {
      problem: `The rounding account ${rounding.accountCode} is not an active detail account in the MYOB file: choose another in the interface options.`,
    };
  }
  if (!tax?.usableOnSales || parseDecimal(tax.ratePercent, 4) !== 0n) {
    return {
      problem: `The rounding tax code ${rounding.taxCode} must be a 0% code MYOB allows on sales (e.g. N-T): choose another in the interface options.`,
    };
  }
  return {
    body: {
      Type: 'Transaction',
      Description: 'Rounding',
      Account: { UID: account.uid },
      TaxCode: { UID: tax.uid },
      Total: centsToJson(difference),
    },
    note: `Rounding line of ${formatCents(difference)}: MYOB rounds the tax once per invoice (${formatCents(myob.taxCents)}), Abtrac per line (${formatCents(sign * inv.taxCents)}).`,
  };
}

/** The freight tax code: N-T (not reportable), else FRE, else the first zero-rate sales code (myob.md §3.6). */
export function pickFreightTaxCode(codes: readonly MyobTaxCode[]): MyobTaxCode | undefined {
  const usable = codes.filter((c) => c.IsActive !== false && !NOT_FOR_SALES.has(c.Type));
  return (
    usable.find((c) => c.Code === 'N-T') ??
    usable.find((c) => c.Code === 'FRE') ??
    usable.find((c) => Number(c.Rate) === 0)
  );
}

export function usableOnSales(t: MyobTaxCode): boolean {
  return t.IsActive !== false && !NOT_FOR_SALES.has(t.Type);
}

// ------------------------------------------------------------------ reading invoices back

const abs = (n: bigint) => (n < 0n ? -n : n);

/**
 * A MYOB invoice as the engine sees it. A negative invoice is a credit note (myob.md §3.7) and, like every
 * credit in the ledger types, is reported with positive amounts. Status is MYOB's word: Open, Closed, Credit.
 */
export function remoteDocument(inv: MyobInvoice): RemoteDocument {
  const total = centsFromJson(inv.TotalAmount);
  const due = centsFromJson(inv.BalanceDueAmount);
  const invoiceId = taggedInvoiceId(inv.JournalMemo);
  const updated = inv.LastModified ? new Date(`${inv.LastModified.slice(0, 19)}Z`) : undefined;
  return {
    invoiceId,
    externalId: inv.UID.toLowerCase(),
    number: inv.Number,
    kind: total < 0n ? 'credit' : 'invoice',
    status: inv.Status,
    totalCents: abs(total),
    amountPaidCents: abs(total - due),
    amountDueCents: abs(due),
    paidOn: inv.LastPaymentDate ? inv.LastPaymentDate.slice(0, 10) : undefined,
    updatedAt: updated && Number.isFinite(updated.getTime()) ? updated : undefined,
    taggedAsOurs: invoiceId !== undefined,
  };
}

/** An invoice MYOB answers 404 for: deleted there (or never there). */
export function deletedDocument(externalId: string): RemoteDocument {
  return {
    externalId,
    number: '',
    kind: 'invoice',
    status: 'DELETED',
    totalCents: 0n,
    amountPaidCents: 0n,
    amountDueCents: 0n,
    taggedAsOurs: false,
  };
}
