// In-process controls for tests and benchmarks (the admin service exposes the same over HTTP).
import type { FaultInjector, FaultRule, FaultRuleView } from '../common/faults.ts';
import { applyPayment } from './accounting/payments.ts';
import type { XeroContext } from './context.ts';
import { revokeGrant } from './identity/tokens.ts';
import type { StoredAccount, StoredContact, StoredPayment } from './state.ts';
import type { IntentToReceiveResult } from './webhooks.ts';

export interface PayInvoiceOptions {
  /** Decimal string; defaults to the amount due (pays in full). */
  amount?: string;
  /** Bank account code; defaults to the organisation's first bank account. */
  accountCode?: string;
  /** "YYYY-MM-DD"; defaults to today in the organisation. */
  date?: string;
  reference?: string;
}

export interface XeroControl {
  /** Revokes the authorisation behind a refresh token, or every authorisation ('all'). Returns how many. */
  revokeToken(refreshToken: string | 'all'): number;
  /** As if the user disconnected the app inside Xero: tokens no longer reach that tenant. */
  disconnectTenant(connectionId: string): boolean;
  addFault(rule: FaultRule): number;
  removeFault(id: number): void;
  clearFaults(): void;
  listFaults(): FaultRuleView[];
  /** Simulates a customer paying; throws with Xero's validation messages when it cannot. */
  payInvoice(tenantId: string, invoiceIdOrNumber: string, options?: PayInvoiceOptions): StoredPayment;
  /** Changes an account as an accountant would in Xero (e.g. { Status: 'ARCHIVED' }); bumps UpdatedDateUTC. */
  updateAccount(
    tenantId: string,
    code: string,
    patch: Partial<Omit<StoredAccount, 'AccountID' | 'updatedAt'>>,
  ): void;
  /** Archives a contact (as done in Xero). */
  archiveContact(tenantId: string, contactId: string): void;
  /** Waits until every webhook delivery queued so far has been sent. */
  flushWebhooks(): Promise<void>;
  intentToReceive(): Promise<IntentToReceiveResult>;
  resetRateLimits(): void;
  /** Back to the seeded organisations, no tokens, no calls. */
  reset(): void;
  /** Writes the state file now (requests write it before they answer; other changes are debounced). */
  saveNow(): void;
}

export function createControl(ctx: XeroContext, faults: FaultInjector, reset: () => void): XeroControl {
  const org = (tenantId: string) => {
    const o = ctx.state.orgs[tenantId];
    if (!o) throw new Error(`Unknown tenant ${tenantId}`);
    return o;
  };
  return {
    revokeToken(refreshToken) {
      const grants = Object.values(ctx.state.identity.grants).filter((g) => !g.revoked);
      const targets =
        refreshToken === 'all'
          ? grants
          : grants.filter((g) => g.id === ctx.state.identity.refreshTokens[refreshToken]?.grantId);
      for (const g of targets) revokeGrant(ctx, g);
      return targets.length;
    },
    disconnectTenant(connectionId) {
      const c = ctx.state.identity.connections.find((x) => x.id === connectionId.toLowerCase() && x.active);
      if (!c) return false;
      c.active = false;
      ctx.changed();
      return true;
    },
    addFault: (rule) => faults.add(rule),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    payInvoice(tenantId, invoiceIdOrNumber, options = {}) {
      const o = org(tenantId);
      const bank =
        options.accountCode ?? o.accounts.find((a) => a.Type === 'BANK' && a.Status === 'ACTIVE')?.Code ?? '';
      const result = applyPayment(ctx, tenantId, o, {
        document: { kind: 'invoice', idOrNumber: invoiceIdOrNumber },
        account: { code: bank },
        ...(options.amount !== undefined ? { amount: options.amount } : {}),
        ...(options.date ? { date: options.date } : {}),
        ...(options.reference ? { reference: options.reference } : {}),
      });
      if ('errors' in result) throw new Error(result.errors.join('; '));
      return result.payment;
    },
    updateAccount(tenantId, code, patch) {
      const a = org(tenantId).accounts.find((x) => x.Code === code);
      if (!a) throw new Error(`Unknown account ${code}`);
      Object.assign(a, patch, { updatedAt: ctx.clock.now() });
      ctx.changed();
    },
    archiveContact(tenantId, contactId) {
      const c = org(tenantId).contacts.find((x: StoredContact) => x.ContactID === contactId.toLowerCase());
      if (!c) throw new Error(`Unknown contact ${contactId}`);
      c.ContactStatus = 'ARCHIVED';
      c.updatedAt = ctx.clock.now();
      ctx.webhooks.enqueue(tenantId, 'CONTACT', 'UPDATE', c.ContactID);
      ctx.changed();
    },
    flushWebhooks: () => ctx.webhooks.flush(),
    intentToReceive: () => ctx.webhooks.intentToReceive(),
    resetRateLimits: () => ctx.limits.reset(),
    reset,
    saveNow: () => {
      ctx.options.stateFile?.save(ctx.state);
      ctx.options.stateFile?.flush();
    },
  };
}
