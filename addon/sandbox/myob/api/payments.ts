// Sale/CustomerPayment (myob.md §1.5 sme-sales; fields from the SDK's CustomerPayment): a POST applies the
// amounts to open invoices, lowering BalanceDueAmount; a fully paid invoice becomes Closed.
import { json } from '../../common/http.ts';
import { fileBase, type MyobContext } from '../context.ts';
import { ApiError, type MyobErrorItem, required, validation } from '../errors.ts';
import { centsFromJson, centsToJson } from '../money-json.ts';
import type { Cents, CompanyFileRecord, PaymentRecord } from '../types.ts';
import { parseDate } from './invoice-input.ts';
import { customerName, type Refs, refs } from './refs.ts';
import { type ApiRequest, created, findOr404, list, methodNotAllowed, obj, refUid, str } from './request.ts';
import { rejectIdentifiersOnPost } from './write-rules.ts';

export interface PaymentInput {
  customerUid: string;
  date: string;
  depositTo: 'Account' | 'UndepositedFunds';
  accountUid: string | null;
  paymentMethod: string;
  memo: string;
  receiptNumber: string;
  applications: { invoiceUid: string; amountApplied: Cents }[];
  amountReceived?: Cents;
}

function nextReceiptNumber(file: CompanyFileRecord): string {
  return `CR${String(file.payments.length + 1).padStart(6, '0')}`;
}

/** Checks and records a payment; used by the API and by control.payInvoice (a payment keyed in MYOB). */
export function recordPayment(ctx: MyobContext, file: CompanyFileRecord, input: PaymentInput): PaymentRecord {
  const errors: MyobErrorItem[] = [];
  const customer = file.customers.find((c) => c.uid === input.customerUid);
  if (!customer) errors.push(validation('Customer was not found', 'Customer'));
  if (input.depositTo === 'Account') {
    const account = file.accounts.find((a) => a.uid === input.accountUid);
    if (!account) errors.push(required('Account'));
    else if (account.type !== 'Bank' || account.isHeader) {
      errors.push(validation(`Account ${account.displayId} is not a bank account`, 'Account'));
    }
  }
  if (input.applications.length === 0) errors.push(required('Invoices'));
  const pending = new Map<string, Cents>();
  for (const [i, a] of input.applications.entries()) {
    const at = `Invoices[${i}]`;
    const invoice = file.invoices.find((inv) => inv.uid === a.invoiceUid);
    if (!invoice) {
      errors.push(validation(`${at} was not found`, at));
      continue;
    }
    if (invoice.customerUid !== input.customerUid) {
      errors.push(validation(`Invoice ${invoice.number} belongs to another customer`, at));
      continue;
    }
    const balance = invoice.totalAmount - invoice.paid - (pending.get(invoice.uid) ?? 0n);
    if (a.amountApplied <= 0n) {
      errors.push(validation(`${at}.AmountApplied must be positive`, `${at}.AmountApplied`));
    } else if (a.amountApplied > balance) {
      errors.push(validation(`${at}.AmountApplied is more than the balance due on ${invoice.number}`, at));
    } else {
      pending.set(invoice.uid, (pending.get(invoice.uid) ?? 0n) + a.amountApplied);
    }
  }
  const total = input.applications.reduce((s, a) => s + a.amountApplied, 0n);
  if (input.amountReceived !== undefined && input.amountReceived !== total) {
    errors.push(validation('AmountReceived must equal the sum of AmountApplied', 'AmountReceived'));
  }
  if (errors.length) throw new ApiError(400, errors);

  for (const a of input.applications) {
    const invoice = file.invoices.find((inv) => inv.uid === a.invoiceUid)!;
    invoice.paid += a.amountApplied;
    invoice.lastPaymentDate = input.date;
    // A payment changes the invoice, so a PUT with the RowVersion read before it gets 409.
    invoice.rowVersion = ctx.state.rowVersion();
    invoice.lastModified = ctx.clock.now();
  }
  const payment: PaymentRecord = {
    uid: ctx.state.uid(),
    receiptNumber: input.receiptNumber || nextReceiptNumber(file),
    date: input.date,
    customerUid: input.customerUid,
    depositTo: input.depositTo,
    accountUid: input.depositTo === 'Account' ? input.accountUid : null,
    paymentMethod: input.paymentMethod,
    memo: input.memo || `Payment; ${customer ? customerName(customer) : ''}`,
    amountReceived: total,
    invoices: input.applications.map((a) => ({ ...a })),
    rowVersion: ctx.state.rowVersion(),
    created: ctx.clock.now(),
  };
  file.payments.push(payment);
  ctx.state.changed();
  return payment;
}

export function paymentView(p: PaymentRecord, file: CompanyFileRecord, r: Refs, base: string) {
  return {
    UID: p.uid,
    DepositTo: p.depositTo,
    Account: r.account(p.accountUid),
    Customer: r.customer(p.customerUid),
    ReceiptNumber: p.receiptNumber,
    Date: p.date,
    AmountReceived: centsToJson(p.amountReceived),
    PaymentMethod: p.paymentMethod,
    Memo: p.memo,
    Invoices: p.invoices.map((a, i) => ({
      RowID: i + 1,
      Number: file.invoices.find((inv) => inv.uid === a.invoiceUid)?.number ?? null,
      UID: a.invoiceUid,
      Type: 'Invoice',
      AmountApplied: centsToJson(a.amountApplied),
      URI: `${base}/Sale/Invoice/Service/${a.invoiceUid}`,
    })),
    DeliveryStatus: 'Print',
    ForeignCurrency: null,
    URI: `${base}/Sale/CustomerPayment/${p.uid}`,
    RowVersion: p.rowVersion,
  };
}

function parsePayment(body: Record<string, unknown>): PaymentInput {
  const errors: MyobErrorItem[] = [];
  const customerUid = refUid(body.Customer);
  if (!customerUid) errors.push(required('Customer'));
  const rawDate = str(body, 'Date');
  const date = parseDate(rawDate);
  if (!rawDate) errors.push(required('Date'));
  else if (!date) errors.push(validation('Date is not a valid date', 'Date'));
  const accountUid = refUid(body.Account) ?? null;
  const depositTo = str(body, 'DepositTo') ?? (accountUid ? 'Account' : 'UndepositedFunds');
  if (depositTo !== 'Account' && depositTo !== 'UndepositedFunds') {
    errors.push(validation('DepositTo must be Account or UndepositedFunds', 'DepositTo'));
  }
  const rawInvoices = Array.isArray(body.Invoices) ? body.Invoices : [];
  const applications = rawInvoices.map((raw, i) => {
    const o = obj(raw) ?? {};
    const type = typeof o.Type === 'string' ? o.Type : 'Invoice';
    if (type !== 'Invoice') errors.push(validation('Only Type Invoice is supported', `Invoices[${i}].Type`));
    return {
      invoiceUid: typeof o.UID === 'string' ? o.UID.toLowerCase() : '',
      amountApplied: centsFromJson(o.AmountApplied, `Invoices[${i}].AmountApplied`),
    };
  });
  if (errors.length) throw new ApiError(400, errors);
  const input: PaymentInput = {
    customerUid: customerUid!,
    date: date!,
    depositTo: depositTo as PaymentInput['depositTo'],
    accountUid,
    paymentMethod: str(body, 'PaymentMethod') ?? 'Cash',
    memo: str(body, 'Memo') ?? '',
    receiptNumber: str(body, 'ReceiptNumber') ?? '',
    applications,
  };
  if (body.AmountReceived !== undefined && body.AmountReceived !== null) {
    input.amountReceived = centsFromJson(body.AmountReceived, 'AmountReceived');
  }
  return input;
}

export async function paymentsResource(req: ApiRequest): Promise<Response> {
  const { file, ctx } = req;
  const base = fileBase(ctx, file.id);
  const r = refs(file, base);
  const view = (p: PaymentRecord) => paymentView(p, file, r, base);
  const [uid] = req.rest;
  if (req.method === 'GET' && uid) return json(view(findOr404(file.payments, uid, 'CustomerPayment')));
  if (req.method === 'GET' && !uid) return list(req, file.payments.map(view));
  if (req.method === 'POST' && !uid) {
    const body = await req.body();
    rejectIdentifiersOnPost(body);
    const payment = recordPayment(ctx, file, parsePayment(body));
    return created(req, payment.uid, () => view(payment));
  }
  return methodNotAllowed(req);
}
