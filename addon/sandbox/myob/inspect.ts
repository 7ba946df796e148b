// What the inspection API shows (service 'admin' and sandbox.inspect.*). Amounts are exact decimal
// strings here: this is for tests and people, not the wire.
import { centsString } from '../common/decimal.ts';
import { customerName } from './api/refs.ts';
import type { MyobContext } from './context.ts';
import { statusOf } from './invoice-totals.ts';
import type { CallStats, CallStatsView } from './limits.ts';
import { consentIsActive } from './oauth.ts';
import type { CompanyFileRecord, InvoiceStatus } from './types.ts';

export interface InvoiceSummary {
  uid: string;
  number: string;
  date: string;
  customerUid: string;
  customer: string;
  journalMemo: string;
  totalAmount: string;
  totalTax: string;
  balanceDue: string;
  status: InvoiceStatus;
  lines: number;
}

export interface PaymentSummary {
  uid: string;
  receiptNumber: string;
  date: string;
  customer: string;
  amountReceived: string;
  invoices: { uid: string; number: string | null; amountApplied: string }[];
}

export interface FileSummary {
  businessId: string;
  name: string;
  /** Role of the demo (signed-in) user. */
  role: string;
  accounts: number;
  taxCodes: string[];
  jobs: { uid: string; number: string; name: string; isHeader: boolean; isActive: boolean }[];
  customers: { uid: string; displayId: string; name: string; isActive: boolean }[];
  invoices: InvoiceSummary[];
  payments: PaymentSummary[];
}

export interface ConsentView {
  apiKey: string;
  businessId: string;
  businessName: string;
  username: string;
  scopes: string[];
  grantedAt: string;
  /** 12 months after grantedAt (myob.md §1.4). */
  expiresAt: string;
  removedAt: string | null;
  active: boolean;
}

export interface DuplicatesView {
  invoices: { businessId: string; number: string; uids: string[] }[];
  customers: { businessId: string; name: string; uids: string[] }[];
}

export interface StateView {
  now: string;
  files: FileSummary[];
  consents: ConsentView[];
}

export function fileSummary(ctx: MyobContext, f: CompanyFileRecord): FileSummary {
  const nameOf = (uid: string) => {
    const c = f.customers.find((x) => x.uid === uid);
    return c ? customerName(c) : '';
  };
  return {
    businessId: f.id,
    name: f.name,
    role: f.roles[ctx.state.data.signedInUserUid] ?? 'none',
    accounts: f.accounts.length,
    taxCodes: f.taxCodes.map((t) => t.code),
    jobs: f.jobs.map((j) => ({
      uid: j.uid,
      number: j.number,
      name: j.name,
      isHeader: j.isHeader,
      isActive: j.isActive,
    })),
    customers: f.customers.map((c) => ({
      uid: c.uid,
      displayId: c.displayId,
      name: customerName(c),
      isActive: c.isActive,
    })),
    invoices: f.invoices.map((i) => ({
      uid: i.uid,
      number: i.number,
      date: i.date,
      customerUid: i.customerUid,
      customer: nameOf(i.customerUid),
      journalMemo: i.journalMemo,
      totalAmount: centsString(i.totalAmount),
      totalTax: centsString(i.totalTax),
      balanceDue: centsString(i.totalAmount - i.paid),
      status: statusOf(i.totalAmount, i.paid),
      lines: i.lines.length,
    })),
    payments: f.payments.map((p) => ({
      uid: p.uid,
      receiptNumber: p.receiptNumber,
      date: p.date,
      customer: nameOf(p.customerUid),
      amountReceived: centsString(p.amountReceived),
      invoices: p.invoices.map((a) => ({
        uid: a.invoiceUid,
        number: f.invoices.find((i) => i.uid === a.invoiceUid)?.number ?? null,
        amountApplied: centsString(a.amountApplied),
      })),
    })),
  };
}

export function consentViews(ctx: MyobContext): ConsentView[] {
  const now = ctx.clock.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  return ctx.state.data.consents.map((c) => ({
    apiKey: c.apiKey,
    businessId: c.businessId,
    businessName: ctx.state.findFile(c.businessId)?.name ?? '',
    username: ctx.state.data.users.find((u) => u.uid === c.userUid)?.username ?? '',
    scopes: [...c.scopes],
    grantedAt: iso(c.grantedAt),
    expiresAt: iso(c.expiresAt),
    removedAt: c.removedAt === null ? null : iso(c.removedAt),
    active: consentIsActive(c, now),
  }));
}

export function stateView(ctx: MyobContext): StateView {
  return {
    now: new Date(ctx.clock.now()).toISOString(),
    files: ctx.state.data.files.map((f) => fileSummary(ctx, f)),
    consents: consentViews(ctx),
  };
}

function groups<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

/** Two invoices with one Number, two customers with one name (no idempotency, myob.md §5). */
export function duplicates(ctx: MyobContext): DuplicatesView {
  const out: DuplicatesView = { invoices: [], customers: [] };
  for (const f of ctx.state.data.files) {
    for (const [number, invs] of groups(f.invoices, (i) => i.number)) {
      if (invs.length > 1) out.invoices.push({ businessId: f.id, number, uids: invs.map((i) => i.uid) });
    }
    for (const [, custs] of groups(f.customers, (c) => customerName(c).trim().toLowerCase())) {
      if (custs.length > 1) {
        out.customers.push({
          businessId: f.id,
          name: customerName(custs[0]!),
          uids: custs.map((c) => c.uid),
        });
      }
    }
  }
  return out;
}

export function callViews(stats: CallStats): CallStatsView[] {
  return stats.view();
}
