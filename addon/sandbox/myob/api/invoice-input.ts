// Validates a Sale/Invoice/Service body and computes its amounts (myob.md §3.6, §3.7):
// - Number: at most 13 characters; blank gets the next number ("auto increment based on last recorded #",
//   unverified for invoices, so the sandbox does it the way sale orders do).
// - FreightTaxCode is required even when there is no freight ("freight has not been set").
// - Lines: Account and Job must be detail (not header) and active; tax codes with Import Duty or Input Taxed
//   types are refused on sales (32002 InvalidTaxCode).
// - Line Totals are rounded to the cent; tax is summed unrounded and rounded once per invoice
//   (invoice-totals.ts).
// - Negative totals: accepted as credits (Status "Credit") unless the sandbox runs with
//   negativeInvoices: 'reject', because the sources conflict (BEHAVIOURS.md).
import {
  ApiError,
  headerNotAllowed,
  invalidTaxCode,
  type MyobErrorItem,
  required,
  validation,
} from '../errors.ts';
import { computeTotals } from '../invoice-totals.ts';
import { centsFromJson, lineCentsFromJson } from '../money-json.ts';
import type {
  CompanyFileRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  LineType,
  TaxCodeRecord,
} from '../types.ts';
import { type ApiRequest, bool, obj, refUid, str } from './request.ts';

export const NUMBER_MAX = 13;
const TEXT_LIMITS = { JournalMemo: 255, CustomerPurchaseOrderNumber: 255, Comment: 2000, ShipToAddress: 255 };
const UNUSABLE_ON_SALES = new Set(['ImportDuty', 'InputTaxed']);
const LINE_TYPES = new Set<LineType>(['Transaction', 'Header', 'SubTotal']);

/** The fields a POST or PUT sets; the caller adds uid, payments and timestamps. */
export type InvoiceInput = Omit<
  InvoiceRecord,
  'uid' | 'paid' | 'lastPaymentDate' | 'rowVersion' | 'created' | 'lastModified'
>;

/** Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" and "YYYY-MM-DD HH:MM:SS" (myob.md §3.6). */
export function parseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?Z?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

export function nextInvoiceNumber(file: CompanyFileRecord): string {
  const max = file.invoices.reduce((m, i) => (/^\d+$/.test(i.number) ? Math.max(m, Number(i.number)) : m), 0);
  return String(max + 1).padStart(8, '0');
}

function salesTaxCode(file: CompanyFileRecord, uid: string, field: string, errors: MyobErrorItem[]) {
  const code = file.taxCodes.find((t) => t.uid === uid);
  if (!code) errors.push(validation(`${field} was not found`, field));
  else if (!code.isActive) errors.push(validation(`${field} ${code.code} is inactive`, field));
  else if (UNUSABLE_ON_SALES.has(code.type)) errors.push(invalidTaxCode(field));
  else return code;
  return undefined;
}

function parseLine(
  req: ApiRequest,
  raw: unknown,
  i: number,
  errors: MyobErrorItem[],
): { line: Omit<InvoiceLineRecord, 'rowId' | 'tax' | 'rowVersion'>; code?: TaxCodeRecord } {
  const file = req.file;
  const at = `Lines[${i}]`;
  const l = obj(raw) ?? {};
  const type = (str(l, 'Type') ?? 'Transaction') as LineType;
  const description = str(l, 'Description') ?? '';
  const empty = { type, description, accountUid: null, jobUid: null, taxCodeUid: null, total: 0n };
  if (!LINE_TYPES.has(type)) {
    errors.push(validation(`${at}.Type must be Transaction, Header or SubTotal`, `${at}.Type`));
    return { line: empty };
  }
  if (type !== 'Transaction') return { line: empty };

  const accountUid = refUid(l.Account);
  if (!accountUid) errors.push(required(`${at}.Account`));
  else {
    const account = file.accounts.find((a) => a.uid === accountUid);
    if (!account) errors.push(validation(`${at}.Account was not found`, `${at}.Account`));
    else if (account.isHeader) errors.push(headerNotAllowed('Account', `${at}.Account ${account.displayId}`));
    else if (!account.isActive) {
      errors.push(validation(`Account ${account.displayId} is inactive and cannot be used`, `${at}.Account`));
    }
  }
  const jobUid = refUid(l.Job) ?? null;
  if (jobUid) {
    const job = file.jobs.find((j) => j.uid === jobUid);
    if (!job) errors.push(validation(`${at}.Job was not found`, `${at}.Job`));
    else if (job.isHeader) errors.push(headerNotAllowed('Job', `${at}.Job ${job.number}`));
    else if (!job.isActive)
      errors.push(validation(`Job ${job.number} is inactive and cannot be used`, `${at}.Job`));
  }
  const taxUid = refUid(l.TaxCode);
  let code: TaxCodeRecord | undefined;
  if (!taxUid) errors.push(required(`${at}.TaxCode`));
  else code = salesTaxCode(file, taxUid, `${at}.TaxCode`, errors);
  let total = 0n;
  if (l.Total === undefined || l.Total === null) errors.push(required(`${at}.Total`));
  else total = lineCentsFromJson(l.Total, `${at}.Total`);
  return {
    line: { type, description, accountUid: accountUid ?? null, jobUid, taxCodeUid: taxUid ?? null, total },
    ...(code ? { code } : {}),
  };
}

export function parseInvoice(req: ApiRequest, body: Record<string, unknown>): InvoiceInput {
  const file = req.file;
  const errors: MyobErrorItem[] = [];

  let number = str(body, 'Number')?.trim() ?? '';
  if (!number) number = nextInvoiceNumber(file);
  else if (number.length > NUMBER_MAX) {
    errors.push(validation(`Number must be ${NUMBER_MAX} characters or fewer`, 'Number'));
  }

  const rawDate = str(body, 'Date');
  const date = parseDate(rawDate);
  if (!rawDate) errors.push(required('Date'));
  else if (!date) errors.push(validation('Date is not a valid date', 'Date'));

  const customerUid = refUid(body.Customer);
  if (!customerUid) errors.push(required('Customer'));
  else if (!file.customers.some((c) => c.uid === customerUid)) {
    errors.push(validation('Customer was not found', 'Customer'));
  }

  const freightTaxUid = refUid(body.FreightTaxCode);
  let freightCode: TaxCodeRecord | undefined;
  if (!freightTaxUid) errors.push(required('FreightTaxCode'));
  else freightCode = salesTaxCode(file, freightTaxUid, 'FreightTaxCode', errors);
  const freight = centsFromJson(body.Freight, 'Freight', 0n);

  const text: Record<keyof typeof TEXT_LIMITS, string> = {
    JournalMemo: '',
    CustomerPurchaseOrderNumber: '',
    Comment: '',
    ShipToAddress: '',
  };
  for (const key of Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]) {
    text[key] = str(body, key) ?? '';
    if (text[key].length > TEXT_LIMITS[key]) {
      errors.push(validation(`${key} must be ${TEXT_LIMITS[key]} characters or fewer`, key));
    }
  }

  const rawLines = body.Lines;
  const parsed: ReturnType<typeof parseLine>[] = [];
  if (!Array.isArray(rawLines) || rawLines.length === 0) errors.push(required('Lines'));
  else {
    for (const [i, raw] of rawLines.entries()) parsed.push(parseLine(req, raw, i, errors));
  }
  if (errors.length) throw new ApiError(400, errors);

  const isTaxInclusive = bool(body, 'IsTaxInclusive') ?? true; // SDK default true (myob.md §3.6)
  const transactions = parsed.filter((p) => p.line.type === 'Transaction');
  const totals = computeTotals({
    isTaxInclusive,
    lines: transactions.map((p) => ({ total: p.line.total, ratePercent: p.code!.ratePercent })),
    freight,
    freightRatePercent: freightCode!.ratePercent,
  });
  if (totals.totalAmount < 0n && req.ctx.negativeInvoices === 'reject') {
    throw new ApiError(400, [validation('The total amount of a sale cannot be negative', 'TotalAmount')]);
  }
  let taxIndex = 0;
  const lines: InvoiceLineRecord[] = parsed.map((p) => ({
    ...p.line,
    rowId: file.nextRowId++,
    tax: p.line.type === 'Transaction' ? totals.lineTaxes[taxIndex++]! : 0n,
    rowVersion: req.ctx.state.rowVersion(),
  }));
  return {
    number,
    invoiceType: 'Service',
    date: date!,
    customerUid: customerUid!,
    customerPurchaseOrderNumber: text.CustomerPurchaseOrderNumber,
    isTaxInclusive,
    journalMemo: text.JournalMemo,
    comment: text.Comment,
    shipToAddress: text.ShipToAddress,
    terms: obj(body.Terms) ?? { PaymentIsDue: 'InAGivenNumberOfDays', BalanceDueDate: 30 },
    freight,
    freightTaxCodeUid: freightTaxUid!,
    freightTax: totals.freightTax,
    subtotal: totals.subtotal,
    totalTax: totals.totalTax,
    totalAmount: totals.totalAmount,
    lines,
  };
}
