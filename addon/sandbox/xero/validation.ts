// Builds an invoice or credit note from a request the way Xero validates it (xero.md §2.2, §2.5, §2.6, §2.9;
// peers.md §5): codes exist and are ACTIVE, the TaxType suits the document and the account's class, the
// contact resolves (or is created from a Name), ACCREC numbers are unique, tax is computed per line and
// rounded half away from zero, a supplied line TaxAmount overrides it, and totals are sums of the rounded
// lines (tax.ts).
import {
  roundHalfAwayFromZero as divRound,
  centsString as formatCents,
  scaledString as formatDecimal,
} from '../common/decimal.ts';
import { newId, type XeroContext } from './context.ts';
import { addDays, dayAt, parseDay } from './dates.ts';
import { decimalString, parseRounded } from './decimal.ts';
import type {
  DocumentKind,
  DocumentStatus,
  LineAmountTypes,
  OrgState,
  StoredAccount,
  StoredContact,
  StoredDocument,
  StoredLine,
  StoredLineTracking,
  StoredTaxRate,
} from './state.ts';
import { documentTotals, type XeroLineAmounts as LineAmounts, lineTax, withTax } from './tax.ts';

const NON_POSTABLE_SYSTEM_ACCOUNTS = new Set(['DEBTORS', 'CREDITORS', 'GST', 'RETAINEDEARNINGS']);
const SALES_TYPES = new Set(['ACCREC', 'ACCRECCREDIT']);

type Raw = Record<string, unknown>;

export interface BuildInput {
  ctx: XeroContext;
  org: OrgState;
  kind: DocumentKind;
  unitdp: 2 | 4;
  clientId: string;
  existing?: StoredDocument | undefined;
}

export interface BuiltDocument {
  doc: StoredDocument;
  newContact?: StoredContact;
  errors: string[];
}

const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function findActiveContactByName(org: OrgState, name: string): StoredContact | undefined {
  const n = name.trim().toLowerCase();
  return org.contacts.find((c) => c.ContactStatus === 'ACTIVE' && c.Name.trim().toLowerCase() === n);
}

function resolveContact(
  input: BuildInput,
  raw: unknown,
  docType: string,
  errors: string[],
): { id: string; created?: StoredContact } {
  const { org, existing } = input;
  if (!isRaw(raw)) {
    if (existing) return { id: existing.ContactID };
    errors.push('A Contact must be specified for this type of transaction');
    return { id: '00000000-0000-0000-0000-000000000000' };
  }
  const id = str(raw.ContactID);
  if (id) {
    const found = org.contacts.find((c) => c.ContactID.toLowerCase() === id.toLowerCase());
    if (!found) errors.push(`The contact with ContactID '${id}' could not be found.`);
    return { id: found?.ContactID ?? id };
  }
  const number = str(raw.ContactNumber)?.trim();
  if (number) {
    const found = org.contacts.find((c) => c.ContactStatus === 'ACTIVE' && c.ContactNumber === number);
    if (found) return { id: found.ContactID };
  }
  const name = str(raw.Name)?.trim();
  if (!name) {
    errors.push('Contact Name cannot be empty');
    return { id: '00000000-0000-0000-0000-000000000000' };
  }
  const byName = findActiveContactByName(org, name);
  if (byName) return { id: byName.ContactID };
  // Xero creates the contact when an invoice names one it does not know (xero.md §8, peers.md §1.2).
  const now = input.ctx.clock.now();
  const created: StoredContact = {
    ContactID: newId(input.ctx),
    ContactStatus: 'ACTIVE',
    Name: name,
    ...(number ? { ContactNumber: number } : {}),
    ...(str(raw.EmailAddress) ? { EmailAddress: str(raw.EmailAddress)! } : {}),
    Addresses: [],
    Phones: [],
    IsCustomer: SALES_TYPES.has(docType),
    IsSupplier: !SALES_TYPES.has(docType),
    createdAt: now,
    updatedAt: now,
  };
  return { id: created.ContactID, created };
}

function findAccount(org: OrgState, raw: Raw): StoredAccount | undefined {
  const code = str(raw.AccountCode);
  if (code !== undefined)
    return (
      org.accounts.find((a) => a.Code === code) ??
      org.accounts.find((a) => a.Code.toLowerCase() === code.toLowerCase())
    );
  const id = str(raw.AccountID);
  return id ? org.accounts.find((a) => a.AccountID.toLowerCase() === id.toLowerCase()) : undefined;
}

function classAllows(rate: StoredTaxRate, account: StoredAccount): boolean {
  switch (account.Class) {
    case 'ASSET':
      return rate.CanApplyToAssets;
    case 'EQUITY':
      return rate.CanApplyToEquity;
    case 'EXPENSE':
      return rate.CanApplyToExpenses;
    case 'LIABILITY':
      return rate.CanApplyToLiabilities;
    case 'REVENUE':
      return rate.CanApplyToRevenue;
  }
}

function resolveTracking(org: OrgState, raw: unknown, errors: string[]): StoredLineTracking[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push('Tracking must be a list of tracking categories');
    return [];
  }
  // OAS LineItem.Tracking: "Any LineItem can have a maximum of 2 <TrackingCategory> elements."
  if (raw.length > 2) errors.push('A line item can have a maximum of 2 tracking categories.');
  const out: StoredLineTracking[] = [];
  for (const t of raw) {
    if (!isRaw(t)) continue;
    const catId = str(t.TrackingCategoryID)?.toLowerCase();
    const catName = str(t.Name)?.trim().toLowerCase();
    const category = org.tracking.find(
      (c) =>
        (catId && c.TrackingCategoryID === catId) || (!catId && catName && c.Name.toLowerCase() === catName),
    );
    if (category?.Status !== 'ACTIVE') {
      errors.push(
        `The TrackingCategory '${str(t.Name) ?? str(t.TrackingCategoryID) ?? ''}' does not exist or is not active.`,
      );
      continue;
    }
    const optId = str(t.TrackingOptionID)?.toLowerCase();
    const optName = str(t.Option)?.trim().toLowerCase();
    const option = category.Options.find(
      (o) =>
        (optId && o.TrackingOptionID === optId) || (!optId && optName && o.Name.toLowerCase() === optName),
    );
    if (option?.Status !== 'ACTIVE') {
      errors.push(
        `The TrackingOption '${str(t.Option) ?? str(t.TrackingOptionID) ?? ''}' does not exist or is not active for TrackingCategory '${category.Name}'.`,
      );
      continue;
    }
    out.push({
      TrackingCategoryID: category.TrackingCategoryID,
      TrackingOptionID: option.TrackingOptionID,
      Name: category.Name,
      Option: option.Name,
    });
  }
  return out;
}

function numberField(raw: Raw, key: string, errors: string[], label: string): string | undefined {
  if (raw[key] === undefined || raw[key] === null) return undefined;
  const d = decimalString(raw[key]);
  if (d === undefined) errors.push(`${label} must be a number.`);
  return d;
}

function buildLine(
  input: BuildInput,
  raw: unknown,
  n: number,
  doc: { Type: string; Status: DocumentStatus; LineAmountTypes: LineAmountTypes },
  errors: string[],
): { line: StoredLine; amounts: LineAmounts } {
  const { org, unitdp } = input;
  const line: Raw = isRaw(raw) ? raw : {};
  if (!isRaw(raw)) errors.push(`Line item ${n} is not valid.`);
  const description = str(line.Description);
  if (!description?.trim() && !str(line.ItemCode))
    errors.push('The description field is mandatory for each line item.');

  // Quantity and unit price; LineAmount alone lets Xero derive the unit price (OAS LineItem.LineAmount).
  const qtyText = numberField(line, 'Quantity', errors, 'Quantity');
  const unitText = numberField(line, 'UnitAmount', errors, 'UnitAmount');
  const lineAmountText = numberField(line, 'LineAmount', errors, 'LineAmount');
  const qty = parseRounded(qtyText ?? '1', 4);
  let unit: bigint;
  if (unitText === undefined && lineAmountText !== undefined) {
    const cents = parseRounded(lineAmountText, 2);
    unit = qty === 0n ? 0n : divRound(cents * 10n ** BigInt(4 + unitdp - 2), qty);
  } else {
    // xero.md §2.9: unit prices are kept to 2 dp unless unitdp=4.
    unit = parseRounded(unitText ?? '0', unitdp);
  }
  let discount: bigint | undefined;
  const discountText = numberField(line, 'DiscountRate', errors, 'DiscountRate');
  if (discountText !== undefined) {
    if (input.kind === 'creditnote' || doc.Type !== 'ACCREC')
      errors.push('Discounts are only supported on ACCREC invoices.');
    discount = parseRounded(discountText, 2);
    if (discount < 0n || discount > 10000n) errors.push('DiscountRate must be between 0 and 100.');
  }
  const productScale = 10n ** BigInt(4 + unitdp - 2);
  // LineAmount = Quantity x UnitAmount x (100 - DiscountRate)/100, rounded to the cent.
  const amount =
    discount === undefined
      ? divRound(qty * unit, productScale)
      : divRound(qty * unit * (10000n - discount), productScale * 10000n);

  const account = findAccount(org, line);
  const givenCode = str(line.AccountCode) ?? str(line.AccountID);
  if (givenCode !== undefined && !account) {
    errors.push(`Account code '${givenCode}' is not a valid code for this document.`);
  } else if (account && account.Status !== 'ACTIVE') {
    errors.push(
      `Account code '${account.Code}' has been archived, or has been deleted. Each line item must reference a valid account.`,
    );
  } else if (
    account &&
    (account.Type === 'BANK' || NON_POSTABLE_SYSTEM_ACCOUNTS.has(account.SystemAccount ?? ''))
  ) {
    errors.push(`Account code '${account.Code}' is not a valid code for this document.`);
  } else if (!account && doc.Status !== 'DRAFT') {
    errors.push('Account code must be specified');
  }

  const taxType = str(line.TaxType) ?? account?.TaxType;
  let ratePercent = '0';
  if (taxType !== undefined) {
    const rate = org.taxRates.find((t) => t.TaxType === taxType);
    const salesDoc = SALES_TYPES.has(doc.Type);
    if (rate?.Status !== 'ACTIVE' || (salesDoc && !rate.CanApplyToRevenue)) {
      errors.push(
        `The TaxType code '${taxType}' does not exist or cannot be used for this type of transaction.`,
      );
    } else {
      if (account && account.Status === 'ACTIVE' && !classAllows(rate, account)) {
        errors.push(`The TaxType code '${taxType}' cannot be used with account code '${account.Code}'.`);
      }
      ratePercent = rate.rate;
    }
  }

  // Tax per line, rounded half away from zero; NoTax lines carry none (tax.ts).
  const mode = doc.LineAmountTypes === 'Inclusive' ? 'inclusive' : 'exclusive';
  let amounts = lineTax(amount, ratePercent, doc.LineAmountTypes);
  const taxText = numberField(line, 'TaxAmount', errors, 'TaxAmount');
  if (taxText !== undefined) {
    // A supplied TaxAmount overrides the computed tax (OAS LineItem.TaxAmount). A NoTax document has no tax
    // to override, so anything but zero is refused there (sandbox choice: Xero's answer is undocumented).
    const given = parseRounded(taxText, 2);
    if (doc.LineAmountTypes === 'NoTax' && given !== 0n) {
      errors.push(`The TaxAmount ${formatCents(given)} on line ${n} cannot be set on a NoTax document.`);
    } else {
      amounts = withTax(amount, given, doc.LineAmountTypes);
    }
  }

  const existingLine = input.existing?.lines.find((l) => l.LineItemID === str(line.LineItemID));
  const stored: StoredLine = {
    LineItemID: existingLine?.LineItemID ?? newId(input.ctx),
    ...(description !== undefined ? { Description: description } : {}),
    Quantity: formatDecimal(qty, 4),
    UnitAmount: formatDecimal(unit, unitdp),
    ...(str(line.ItemCode) ? { ItemCode: str(line.ItemCode)! } : {}),
    ...(account ? { AccountCode: account.Code, AccountID: account.AccountID } : {}),
    ...(taxType !== undefined ? { TaxType: taxType } : {}),
    TaxAmount: formatCents(amounts.taxCents),
    LineAmount: formatCents(mode === 'inclusive' ? amounts.grossCents : amounts.netCents),
    ...(discount !== undefined ? { DiscountRate: formatDecimal(discount, 2) } : {}),
    Tracking: resolveTracking(org, line.Tracking, errors),
  };
  return { line: stored, amounts };
}

const CREATE_STATUSES: DocumentStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];

function checkStatus(input: BuildInput, next: DocumentStatus, errors: string[]) {
  const label = input.kind === 'invoice' ? 'Invoice' : 'Credit note';
  const existing = input.existing;
  if (!existing) {
    if (!CREATE_STATUSES.includes(next))
      errors.push(`${label} Status must be one of DRAFT, SUBMITTED or AUTHORISED when it is created.`);
    return;
  }
  const paid = existing.paymentIds.length > 0;
  if (existing.Status === 'PAID' || (existing.Status === 'AUTHORISED' && paid && next !== 'AUTHORISED')) {
    errors.push('This document cannot be edited as it has a payment or credit note allocated to it.');
    return;
  }
  if (existing.Status === 'VOIDED' || existing.Status === 'DELETED') {
    errors.push(`${label} not of valid status for modification`);
    return;
  }
  const allowed: Record<string, DocumentStatus[]> = {
    DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
    SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
    AUTHORISED: ['AUTHORISED', 'VOIDED'],
  };
  if (!allowed[existing.Status]?.includes(next)) {
    errors.push(`${label} not of valid status for modification`);
  }
}

const DOC_TYPES: Record<DocumentKind, string[]> = {
  invoice: ['ACCREC', 'ACCPAY'],
  creditnote: ['ACCRECCREDIT', 'ACCPAYCREDIT'],
};

/** Validates and builds; nothing is stored here (the caller commits when `errors` is empty). */
export function buildDocument(input: BuildInput, raw: Raw): BuiltDocument {
  const { ctx, org, kind, existing } = input;
  const errors: string[] = [];
  const numberKey = kind === 'invoice' ? 'InvoiceNumber' : 'CreditNoteNumber';

  const type = str(raw.Type) ?? existing?.Type;
  if (!type || !DOC_TYPES[kind].includes(type)) {
    errors.push(`Type must be one of ${DOC_TYPES[kind].join(', ')}.`);
  } else if (existing && type !== existing.Type) {
    errors.push('The Type of an existing document cannot be changed.');
  }
  const docType = type ?? DOC_TYPES[kind][0]!;

  const status = (str(raw.Status) ?? existing?.Status ?? 'DRAFT') as DocumentStatus;
  checkStatus(input, status, errors);

  const lat = (str(raw.LineAmountTypes) ?? existing?.LineAmountTypes ?? 'Exclusive') as LineAmountTypes;
  if (!['Exclusive', 'Inclusive', 'NoTax'].includes(lat))
    errors.push('LineAmountTypes must be Exclusive, Inclusive or NoTax.');

  const contact = resolveContact(input, raw.Contact, docType, errors);

  const today = dayAt(ctx.clock.now(), org.profile.offsetMinutes);
  const date = raw.Date === undefined || raw.Date === null ? (existing?.Date ?? today) : parseDay(raw.Date);
  if (!date) errors.push('The Date is not a valid date.');
  let dueDate: string | undefined = existing?.DueDate;
  if (raw.DueDate !== undefined && raw.DueDate !== null) {
    dueDate = parseDay(raw.DueDate);
    if (!dueDate) errors.push('The DueDate is not a valid date.');
  }
  // Without a DueDate Xero applies the organisation's default sales terms.
  if (!dueDate && docType === 'ACCREC' && date) dueDate = addDays(date, org.profile.salesTermDays);

  const currency = str(raw.CurrencyCode) ?? existing?.CurrencyCode ?? org.profile.BaseCurrency;
  if (currency !== org.profile.BaseCurrency && !org.profile.Currencies?.includes(currency))
    errors.push(`Organisation is not subscribed to currency ${currency}`);

  let lines = existing?.lines ?? [];
  let amounts: LineAmounts[] = lines.map((l) =>
    withTax(parseRounded(l.LineAmount, 2), parseRounded(l.TaxAmount, 2), lat),
  );
  if (raw.LineItems !== undefined) {
    if (!Array.isArray(raw.LineItems)) {
      errors.push('LineItems must be a list.');
    } else {
      const built = raw.LineItems.map((l, i) =>
        buildLine(input, l, i + 1, { Type: docType, Status: status, LineAmountTypes: lat }, errors),
      );
      lines = built.map((b) => b.line);
      amounts = built.map((b) => b.amounts);
    }
  }
  if (!lines.length && status !== 'DRAFT' && status !== 'DELETED')
    errors.push('At least one line item must be specified.');
  const totals = documentTotals(amounts);
  if (totals.totalCents < 0n && (status === 'AUTHORISED' || status === 'SUBMITTED')) {
    errors.push('The document total cannot be negative.');
  }

  // ACCREC invoice numbers are unique (xero.md §2.5, §4): "Invoice # must be unique."
  let number = str(raw[numberKey])?.trim() ?? existing?.Number ?? '';
  const sameKind = kind === 'invoice' ? org.invoices : org.creditNotes;
  if (SALES_TYPES.has(docType)) {
    if (number) {
      const clash = sameKind.find(
        (d) =>
          d.Number.toLowerCase() === number.toLowerCase() &&
          d.id !== existing?.id &&
          SALES_TYPES.has(d.Type) &&
          d.Status !== 'DELETED',
      );
      if (clash)
        errors.push(kind === 'invoice' ? 'Invoice # must be unique.' : 'Credit Note # must be unique.');
    } else {
      number = nextNumber(org, kind);
    }
  }

  const url = str(raw.Url) ?? existing?.Url;
  if (url !== undefined && url !== '' && !/^https?:\/\/\S+$/i.test(url))
    errors.push('The Url must be a valid absolute URL.');
  const reference = str(raw.Reference) ?? existing?.Reference;
  const sent =
    typeof raw.SentToContact === 'boolean' ? raw.SentToContact : (existing?.SentToContact ?? false);
  if (sent && status !== 'AUTHORISED' && status !== 'PAID')
    errors.push('SentToContact can only be set on approved documents.');

  const now = ctx.clock.now();
  const doc: StoredDocument = {
    kind,
    id: existing?.id ?? newId(ctx),
    Type: docType,
    ContactID: contact.id,
    Number: number,
    ...(reference !== undefined ? { Reference: reference } : {}),
    ...(url ? { Url: url } : {}),
    Date: date ?? today,
    ...(dueDate ? { DueDate: dueDate } : {}),
    LineAmountTypes: lat,
    Status: status,
    CurrencyCode: currency,
    CurrencyRate: '1',
    SubTotal: totals.SubTotal,
    TotalTax: totals.TotalTax,
    Total: totals.Total,
    AmountPaid: existing?.AmountPaid ?? '0.00',
    AmountCredited: existing?.AmountCredited ?? '0.00',
    SentToContact: sent,
    ...(str(raw.BrandingThemeID) ? { BrandingThemeID: str(raw.BrandingThemeID)! } : {}),
    lines,
    paymentIds: existing?.paymentIds ?? [],
    createdBy: existing?.createdBy ?? input.clientId,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  return { doc, ...(contact.created ? { newContact: contact.created } : {}), errors };
}

/** The next free automatic number: INV-0001, CN-0001 (Xero's default prefixes). */
function nextNumber(org: OrgState, kind: DocumentKind): string {
  const prefix = kind === 'invoice' ? 'INV-' : 'CN-';
  const docs = kind === 'invoice' ? org.invoices : org.creditNotes;
  let n = kind === 'invoice' ? org.nextInvoiceNumber : org.nextCreditNoteNumber;
  const taken = new Set(docs.map((d) => d.Number.toLowerCase()));
  while (taken.has(`${prefix}${String(n).padStart(4, '0')}`.toLowerCase())) n++;
  return `${prefix}${String(n).padStart(4, '0')}`;
}

/** Called when a document with an automatic number is stored. */
export function advanceNumber(org: OrgState, doc: StoredDocument) {
  const m = /^(INV|CN)-(\d+)$/.exec(doc.Number);
  if (!m) return;
  const n = Number(m[2]) + 1;
  if (doc.kind === 'invoice' && m[1] === 'INV') org.nextInvoiceNumber = Math.max(org.nextInvoiceNumber, n);
  if (doc.kind === 'creditnote' && m[1] === 'CN')
    org.nextCreditNoteNumber = Math.max(org.nextCreditNoteNumber, n);
}
