// Billing records -> the shapes of addon/contract/billing.ts (bigint cents become exact strings).
import type {
  BillingPlan as PlanView,
  BillingStatement as StatementView,
  BillingStatus as StatusView,
  BillingUsage as UsageView,
} from '../contract/billing.ts';
import { formatCents } from '../domain/money.ts';
import type { BillingAccount } from './account.ts';
import type { Entitlement } from './entitlement.ts';
import { BILLING_CURRENCY_LIST, type Plan, planOf } from './plans.ts';
import type { Statement } from './statement.ts';
import { TRIAL_MODE_MESSAGE } from './stripe-client.ts';
import type { MonthUsage } from './usage.ts';

export function planView(plan: Plan): PlanView {
  return {
    id: plan.id,
    name: plan.name,
    interval: plan.interval,
    trialDays: plan.trialDays,
    graceDays: plan.graceDays,
    prices: BILLING_CURRENCY_LIST.map((currency) => {
      const p = plan.prices[currency];
      return {
        currency,
        apiFile: formatCents(p.apiFileCents),
        apiFileCents: p.apiFileCents.toString(),
        fileInterface: formatCents(p.fileInterfaceCents),
        fileInterfaceCents: p.fileInterfaceCents.toString(),
      };
    }),
  };
}

export function statusView(
  account: BillingAccount,
  entitlement: Entitlement,
  paymentsEnabled: boolean,
): StatusView {
  return {
    plan: planView(planOf(account.planId)),
    currency: account.currency,
    status: entitlement.status,
    entitled: entitlement.entitled,
    reason: entitlement.reason,
    message: entitlement.message,
    trialEndsAt: entitlement.trialEndsAt.toISOString(),
    trialDaysLeft: entitlement.trialDaysLeft,
    graceEndsAt: entitlement.graceEndsAt?.toISOString() ?? null,
    currentPeriodEnd: account.currentPeriodEnd?.toISOString() ?? null,
    subscribed: Boolean(account.stripeCustomerId),
    paymentsEnabled,
    trialMode: !paymentsEnabled,
    paymentsMessage: paymentsEnabled ? null : TRIAL_MODE_MESSAGE,
  };
}

export function usageView(usage: MonthUsage): UsageView {
  return {
    month: usage.month,
    files: usage.files,
    apiFiles: usage.files.filter((f) => f.kind === 'api').length,
    fileInterfaces: usage.files.filter((f) => f.kind === 'file').length,
    invoicesPushed: usage.invoicesPushed,
    invoicesExported: usage.invoicesExported,
  };
}

export function statementView(s: Statement): StatementView {
  return {
    month: s.month,
    planId: s.planId,
    planName: s.planName,
    currency: s.currency,
    lines: s.lines.map((l) => ({
      line: l.line,
      description: l.description,
      quantity: l.quantity,
      unitPrice: formatCents(l.unitCents),
      unitCents: l.unitCents.toString(),
      amount: formatCents(l.amountCents),
      amountCents: l.amountCents.toString(),
      files: l.files,
    })),
    total: formatCents(s.totalCents),
    totalCents: s.totalCents.toString(),
    invoicesPushed: s.invoicesPushed,
    invoicesExported: s.invoicesExported,
    note: s.note,
  };
}
