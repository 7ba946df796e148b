// /Payments (xero.md §2; OAS Payment): GET, and PUT/POST to apply a payment to an approved invoice or credit
// note. A payment reduces AmountDue; at zero the document becomes PAID, otherwise it stays AUTHORISED with
// AmountPaid. The inspection API and sandbox.control.payInvoice use the same code to simulate a customer.

import { centsString, parseCents } from '../../common/decimal.ts';
import { json } from '../../common/http.ts';
import { newId, type XeroContext } from '../context.ts';
import { dayAt, parseDay } from '../dates.ts';
import { decimalString, parseRounded } from '../decimal.ts';
import type { OrgState, StoredDocument, StoredPayment } from '../state.ts';
import {
  batchElements,
  batchResponse,
  type ElementResult,
  invalidBody,
  readJson,
  summarizeErrorsParam,
  ZERO_GUID,
} from './batch.ts';
import type { ApiCall } from './call.ts';
import { byUpdatedThenId, listQuery } from './list-query.ts';
import { envelope, notFound, queryParseError } from './responses.ts';
import { paymentJson } from './serialize.ts';
import { WhereSyntaxError } from './where.ts';

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;

export interface PaymentRequest {
  /** InvoiceID / CreditNoteID or number. */
  document: { kind: 'invoice' | 'creditnote'; idOrNumber: string };
  account: { code?: string; id?: string };
  /** Decimal string; defaults to the amount due. */
  amount?: string;
  date?: string;
  reference?: string;
}

export function amountDueCents(d: StoredDocument): bigint {
  return parseCents(d.Total) - parseCents(d.AmountPaid) - parseCents(d.AmountCredited);
}

/** Applies a payment; returns the stored payment or the validation errors. */
export function applyPayment(
  ctx: XeroContext,
  tenantId: string,
  org: OrgState,
  req: PaymentRequest,
): { payment: StoredPayment } | { errors: string[] } {
  const list = req.document.kind === 'invoice' ? org.invoices : org.creditNotes;
  const key = req.document.idOrNumber.toLowerCase();
  const doc = list.find((d) => d.id === key) ?? list.find((d) => d.Number.toLowerCase() === key);
  const errors: string[] = [];
  if (!doc)
    return { errors: [`${req.document.kind === 'invoice' ? 'Invoice' : 'Credit note'} could not be found`] };
  if (doc.Status !== 'AUTHORISED') errors.push('Payments can only be made against Authorised documents');
  const account = req.account.code
    ? org.accounts.find((a) => a.Code === req.account.code)
    : org.accounts.find((a) => a.AccountID === req.account.id?.toLowerCase());
  if (!account) errors.push('Account could not be found');
  else if (account.Status !== 'ACTIVE')
    errors.push(`Account code '${account.Code}' has been archived, or has been deleted.`);
  else if (account.Type !== 'BANK' && !account.EnablePaymentsToAccount) {
    errors.push(`Account code '${account.Code}' is not a bank account and does not have payments enabled.`);
  }
  const due = amountDueCents(doc);
  let amount = due;
  if (req.amount !== undefined) {
    const d = decimalString(req.amount);
    if (d === undefined) errors.push('Amount must be a number.');
    else amount = parseRounded(d, 2);
  }
  if (amount <= 0n) errors.push('Payment amount must be greater than zero.');
  else if (amount > due) errors.push('Payment amount exceeds the amount outstanding on this document');
  const date =
    req.date === undefined ? dayAt(ctx.clock.now(), org.profile.offsetMinutes) : parseDay(req.date);
  if (!date) errors.push('The Date is not a valid date.');
  if (errors.length || !account || !date) return { errors };

  const now = ctx.clock.now();
  const payment: StoredPayment = {
    PaymentID: newId(ctx),
    documentKind: doc.kind,
    documentId: doc.id,
    AccountID: account.AccountID,
    Date: date,
    Amount: centsString(amount),
    ...(req.reference ? { Reference: req.reference } : {}),
    Status: 'AUTHORISED',
    PaymentType:
      doc.Type === 'ACCREC'
        ? 'ACCRECPAYMENT'
        : doc.Type === 'ACCPAY'
          ? 'ACCPAYPAYMENT'
          : doc.Type === 'ACCRECCREDIT'
            ? 'ARCREDITPAYMENT'
            : 'APCREDITPAYMENT',
    IsReconciled: false,
    createdAt: now,
    updatedAt: now,
  };
  org.payments.push(payment);
  doc.paymentIds.push(payment.PaymentID);
  doc.AmountPaid = centsString(parseCents(doc.AmountPaid) + amount);
  if (amountDueCents(doc) === 0n) {
    doc.Status = 'PAID';
    doc.FullyPaidOnDate = date;
  }
  doc.updatedAt = now;
  ctx.webhooks.enqueue(
    tenantId,
    doc.kind === 'invoice' ? 'INVOICE' : 'CREDITNOTE',
    'UPDATE',
    doc.id,
    doc.kind === 'creditnote' ? { Type: doc.Type, Status: doc.Status } : undefined,
  );
  ctx.changed();
  return { payment };
}

function fromRaw(raw: Raw): PaymentRequest {
  const invoice = obj(raw.Invoice);
  const credit = obj(raw.CreditNote);
  const account = obj(raw.Account) ?? {};
  const document = invoice
    ? { kind: 'invoice' as const, idOrNumber: str(invoice.InvoiceID) ?? str(invoice.InvoiceNumber) ?? '' }
    : {
        kind: 'creditnote' as const,
        idOrNumber: str(credit?.CreditNoteID) ?? str(credit?.CreditNoteNumber) ?? '',
      };
  const amount = decimalString(raw.Amount);
  return {
    document,
    account: {
      ...(str(account.Code) ? { code: str(account.Code)! } : {}),
      ...(str(account.AccountID) ? { id: str(account.AccountID)! } : {}),
    },
    ...(amount !== undefined ? { amount } : raw.Amount !== undefined ? { amount: 'invalid' } : {}),
    ...(raw.Date !== undefined ? { date: String(raw.Date) } : {}),
    ...(str(raw.Reference) ? { reference: str(raw.Reference)! } : {}),
  };
}

function writeOne(call: ApiCall, raw: Raw): ElementResult {
  const result = applyPayment(call.ctx, call.tenantId, call.org, fromRaw(raw));
  if ('errors' in result) {
    return {
      ok: false,
      json: {
        PaymentID: ZERO_GUID,
        ...(typeof raw.Amount === 'number' ? { Amount: raw.Amount } : {}),
        HasValidationErrors: true,
        StatusAttributeString: 'ERROR',
        ValidationErrors: result.errors.map((Message) => ({ Message })),
      },
    };
  }
  return { ok: true, json: { ...paymentJson(call.org, result.payment), StatusAttributeString: 'OK' } };
}

export async function paymentsRoute(call: ApiCall): Promise<Response> {
  const [, id] = call.segments;
  const view = (p: StoredPayment) => paymentJson(call.org, p);
  if (call.method === 'GET') {
    if (id) {
      const p = call.org.payments.find((x) => x.PaymentID === id.toLowerCase());
      return p ? envelope(call.ctx, call.providerName, { Payments: [view(p)] }) : notFound();
    }
    try {
      const result = listQuery(call.org.payments, call.url, call.request, {
        updatedAt: (p) => p.updatedAt,
        view,
        paged: true,
        defaultOrder: byUpdatedThenId(
          (p) => p.updatedAt,
          (p) => p.PaymentID,
        ),
      });
      return envelope(call.ctx, call.providerName, {
        ...(result.pagination ? { pagination: result.pagination } : {}),
        Payments: result.items.map(view),
      });
    } catch (e) {
      if (e instanceof WhereSyntaxError) return queryParseError(e.message);
      throw e;
    }
  }
  if ((call.method === 'PUT' || call.method === 'POST') && !id) {
    const elements = batchElements(await readJson(call.request, call.bodyText), 'Payments');
    if (!elements) return invalidBody('Payments');
    return batchResponse(
      call.ctx,
      call.providerName,
      'Payments',
      elements.map((e) => writeOne(call, e)),
      summarizeErrorsParam(call.url),
    );
  }
  return json({ Message: 'The requested method is not supported' }, { status: 405 });
}
