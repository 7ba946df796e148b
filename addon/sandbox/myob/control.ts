// In-process controls (sandbox.control.*): what a person does in MYOB rather than through the API.
import { centsString, parseCents } from '../common/decimal.ts';
import { paymentView, recordPayment } from './api/payments.ts';
import { refs } from './api/refs.ts';
import { fileBase, type MyobContext, type NegativeInvoicePolicy } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import type { CallStats } from './limits.ts';
import type { MyobData } from './types.ts';

export interface MyobControl {
  /** Records a customer payment into the first bank account; amount is a decimal string (default: the balance). */
  payInvoice(
    businessId: string,
    invoiceUid: string,
    options?: { amount?: string; date?: string },
  ): ReturnType<typeof paymentView>;
  /** Kills access and refresh tokens (all, or those of one key and/or file). Returns how many died. */
  revokeTokens(filter?: { apiKey?: string; businessId?: string }): number;
  /** "Disconnect" on MYOB's App Connections page: the consent ends; tokens stop working; refresh fails. */
  removeConsent(businessId: string, apiKey?: string): number;
  setAutoApprove(value: boolean | string): void;
  setNegativeInvoices(policy: NegativeInvoicePolicy): void;
  /** Back to the seed data; clears call statistics and rate-limit windows. */
  reset(): void;
  /** Writes the state file now (demo shutdown). */
  flush(): void;
}

export function makeControl(
  ctx: MyobContext,
  stats: CallStats,
  fresh: () => MyobData,
  resetLimits: () => void,
): MyobControl {
  const consentsFor = (businessId?: string, apiKey?: string) =>
    ctx.state.data.consents.filter(
      (c) => (!businessId || c.businessId === businessId.toLowerCase()) && (!apiKey || c.apiKey === apiKey),
    );
  return {
    payInvoice(businessId, invoiceUid, options = {}) {
      const file = ctx.state.file(businessId);
      const invoice = file.invoices.find((i) => i.uid === invoiceUid.toLowerCase());
      if (!invoice) throw new ApiError(404, [notFound(`Invoice ${invoiceUid}`)]);
      const bank = file.accounts.find((a) => a.type === 'Bank' && !a.isHeader && a.isActive);
      const amount = options.amount ? parseCents(options.amount) : invoice.totalAmount - invoice.paid;
      const payment = recordPayment(ctx, file, {
        customerUid: invoice.customerUid,
        date: options.date ?? `${new Date(ctx.clock.now()).toISOString().slice(0, 10)}T00:00:00`,
        depositTo: 'Account',
        accountUid: bank?.uid ?? null,
        paymentMethod: 'EFT',
        memo: `Payment of ${invoice.number} (${centsString(amount)})`,
        receiptNumber: '',
        applications: [{ invoiceUid: invoice.uid, amountApplied: amount }],
      });
      const base = fileBase(ctx, file.id);
      return paymentView(payment, file, refs(file, base), base);
    },
    revokeTokens(filter = {}) {
      const ids = new Set(consentsFor(filter.businessId, filter.apiKey).map((c) => c.id));
      let n = 0;
      for (const t of [...ctx.state.data.accessTokens, ...ctx.state.data.refreshTokens]) {
        if (!t.dead && ids.has(t.consentId)) {
          t.dead = true;
          n++;
        }
      }
      ctx.state.changed();
      return n;
    },
    removeConsent(businessId, apiKey) {
      const now = ctx.clock.now();
      const removed = consentsFor(businessId, apiKey).filter((c) => c.removedAt === null);
      for (const c of removed) c.removedAt = now;
      // Its tokens die with it, so a later re-consent to the same file does not bring them back.
      const ids = new Set(removed.map((c) => c.id));
      for (const t of [...ctx.state.data.accessTokens, ...ctx.state.data.refreshTokens]) {
        if (ids.has(t.consentId)) t.dead = true;
      }
      ctx.state.changed();
      return removed.length;
    },
    setAutoApprove(value) {
      ctx.autoApprove = value;
    },
    setNegativeInvoices(policy) {
      ctx.negativeInvoices = policy;
    },
    reset() {
      ctx.state.data = fresh();
      stats.reset();
      resetLimits();
      ctx.state.changed();
    },
    flush() {
      ctx.state.flush();
    },
  };
}
