// Sale/Invoice (GET only, all layouts) and Sale/Invoice/Service (GET, POST, PUT, DELETE) (myob.md §3.6).
// No idempotency: every POST creates an invoice, even with a Number already used (myob.md §5, "whether
// MYOB rejects a duplicate invoice Number is unverified; do not rely on it": the sandbox never rejects it,
// the inspection API reports it).
import { json } from '../../common/http.ts';
import { fileBase } from '../context.ts';
import { ApiError, validation } from '../errors.ts';
import { statusOf } from '../invoice-totals.ts';
import { centsToJson } from '../money-json.ts';
import type { CompanyFileRecord, InvoiceRecord } from '../types.ts';
import { parseInvoice } from './invoice-input.ts';
import { type Refs, refs } from './refs.ts';
import {
  type ApiRequest,
  created,
  findOr404,
  isoSeconds,
  list,
  methodNotAllowed,
  updated,
} from './request.ts';
import { checkPutIdentity, rejectIdentifiersOnPost } from './write-rules.ts';

export function invoiceView(inv: InvoiceRecord, r: Refs, base: string) {
  return {
    UID: inv.uid,
    Number: inv.number,
    Date: inv.date,
    CustomerPurchaseOrderNumber: inv.customerPurchaseOrderNumber,
    Customer: r.customer(inv.customerUid),
    PromisedDate: null,
    BalanceDueAmount: centsToJson(inv.totalAmount - inv.paid),
    Status: statusOf(inv.totalAmount, inv.paid),
    Lines: inv.lines.map((l) => ({
      RowID: l.rowId,
      Type: l.type,
      Description: l.description,
      Account: r.account(l.accountUid),
      Job: r.job(l.jobUid),
      TaxCode: r.taxCode(l.taxCodeUid),
      Total: centsToJson(l.total),
      UnitCount: null,
      UnitPrice: null,
      DiscountPercent: 0,
      RowVersion: l.rowVersion,
    })),
    ShipToAddress: inv.shipToAddress,
    Terms: inv.terms,
    IsTaxInclusive: inv.isTaxInclusive,
    Subtotal: centsToJson(inv.subtotal),
    Freight: centsToJson(inv.freight),
    FreightTaxCode: r.taxCode(inv.freightTaxCodeUid),
    TotalTax: centsToJson(inv.totalTax),
    TotalAmount: centsToJson(inv.totalAmount),
    Category: null,
    Salesperson: null,
    Comment: inv.comment,
    ShippingMethod: null,
    JournalMemo: inv.journalMemo,
    ReferralSource: null,
    InvoiceDeliveryStatus: 'Print',
    LastPaymentDate: inv.lastPaymentDate,
    CanApplySurcharge: false,
    Order: null,
    ForeignCurrency: null,
    CurrencyExchangeRate: 1,
    LastModified: isoSeconds(inv.lastModified),
    URI: `${base}/Sale/Invoice/Service/${inv.uid}`,
    RowVersion: inv.rowVersion,
  };
}

/** Sale/Invoice lists every layout with its InvoiceType and without lines. */
function anyLayoutView(inv: InvoiceRecord, r: Refs, base: string) {
  const { Lines: _lines, ...rest } = invoiceView(inv, r, base);
  return { ...rest, InvoiceType: inv.invoiceType };
}

export function invoiceViews(file: CompanyFileRecord, base: string) {
  const r = refs(file, base);
  return file.invoices.map((i) => invoiceView(i, r, base));
}

export function anyLayoutResource(req: ApiRequest): Response {
  // "the sale/invoice endpoint is GET only. To POST you need to ensure the {{type}} is on the URL."
  if (req.method !== 'GET' || req.rest.length) return methodNotAllowed(req);
  const base = fileBase(req.ctx, req.file.id);
  const r = refs(req.file, base);
  return list(
    req,
    req.file.invoices.map((i) => anyLayoutView(i, r, base)),
  );
}

export async function serviceInvoicesResource(req: ApiRequest): Promise<Response> {
  const { file, ctx } = req;
  const base = fileBase(ctx, file.id);
  const r = refs(file, base);
  const view = (i: InvoiceRecord) => invoiceView(i, r, base);
  const [uid] = req.rest;
  if (req.method === 'GET' && uid) return json(view(findOr404(file.invoices, uid, 'Invoice')));
  if (req.method === 'GET' && !uid) return list(req, file.invoices.map(view));

  if (req.method === 'POST' && !uid) {
    const body = await req.body();
    rejectIdentifiersOnPost(body);
    const now = ctx.clock.now();
    const invoice: InvoiceRecord = {
      uid: ctx.state.uid(),
      ...parseInvoice(req, body),
      paid: 0n,
      lastPaymentDate: null,
      rowVersion: ctx.state.rowVersion(),
      created: now,
      lastModified: now,
    };
    file.invoices.push(invoice);
    ctx.state.changed();
    return created(req, invoice.uid, () => view(invoice));
  }

  if (req.method === 'PUT' && uid) {
    const invoice = findOr404(file.invoices, uid, 'Invoice');
    const body = await req.body();
    checkPutIdentity(body, invoice.uid, invoice.rowVersion);
    const input = parseInvoice(req, body);
    if (invoice.paid > 0n && input.totalAmount < invoice.paid) {
      throw new ApiError(400, [validation('The total cannot be less than the payments already applied')]);
    }
    Object.assign(invoice, input, { rowVersion: ctx.state.rowVersion(), lastModified: ctx.clock.now() });
    ctx.state.changed();
    return updated(req, () => view(invoice));
  }

  if (req.method === 'DELETE' && uid) {
    const invoice = findOr404(file.invoices, uid, 'Invoice');
    if (invoice.paid !== 0n) {
      throw new ApiError(400, [validation('An invoice with payments applied cannot be deleted')]);
    }
    file.invoices = file.invoices.filter((i) => i !== invoice);
    ctx.state.changed();
    return new Response(null, { status: 200 });
  }
  return methodNotAllowed(req);
}
