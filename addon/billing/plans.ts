// The plans, as data. The listings in manifests/ and the Stripe prices are checked against this file, so a
// price changes here and nowhere else.
//
// Why these prices (AUD, excluding GST):
// - Abtrac charged $15/month for the old Debtor Upload module (../shared/reference/peers.md §1.9); a live API
//   link that maps, previews and pushes is worth more than a file, a file export about the same.
// - Each connected Xero organisation costs us a connection in Xero's 2026 tiers (Core AUD 35 for 50,
//   Plus AUD 245 for 1,000; xero.md §6.1) and MYOB's Developer Partner programme is AUD 220/month
//   (myob.md §6): the API price carries those, the file price does not.
// - NZD prices follow the usual ~1.1 AUD:NZD step, rounded to whole dollars.
import type { BILLING_CURRENCIES } from '../../db/schema.ts';
import type { Cents } from '../domain/money.ts';

export type BillingCurrency = (typeof BILLING_CURRENCIES)[number];
export const BILLING_CURRENCY_LIST = ['AUD', 'NZD'] as const satisfies readonly BillingCurrency[];

/** What a practice is charged for: a connected API accounts file, or an interface that writes import files. */
export type ChargeLine = 'api_file' | 'file_interface';
export const CHARGE_LINES = ['api_file', 'file_interface'] as const satisfies readonly ChargeLine[];

export interface PlanPrice {
  /** Per connected accounts file (Xero organisation, MYOB company file) per month. */
  apiFileCents: Cents;
  /** Per import-file interface (Reckon, Sage, QuickBooks...) that wrote a file in the month. */
  fileInterfaceCents: Cents;
}

export interface Plan {
  id: string;
  name: string;
  interval: 'month';
  trialDays: number;
  /** Days a practice keeps pushing and exporting after a failed payment while Stripe retries. */
  graceDays: number;
  prices: Record<BillingCurrency, PlanPrice>;
}

export const PLANS = {
  'link-monthly': {
    id: 'link-monthly',
    name: 'Accounts Link',
    interval: 'month',
    trialDays: 30,
    // Stripe's Smart Retries default to 8 tries within 2 weeks before the subscription's final state:
    // https://docs.stripe.com/billing/revenue-recovery/smart-retries
    graceDays: 14,
    prices: {
      AUD: { apiFileCents: 2500n, fileInterfaceCents: 1000n },
      NZD: { apiFileCents: 2800n, fileInterfaceCents: 1100n },
    },
  },
} as const satisfies Record<string, Plan>;

export type PlanId = keyof typeof PLANS;
export const DEFAULT_PLAN_ID: PlanId = 'link-monthly';

export function planOf(id: string): Plan {
  const plan = (PLANS as Record<string, Plan>)[id];
  if (!plan) throw new Error(`Unknown billing plan "${id}"`);
  return plan;
}

export function unitCents(plan: Plan, currency: BillingCurrency, line: ChargeLine): Cents {
  const price = plan.prices[currency];
  return line === 'api_file' ? price.apiFileCents : price.fileInterfaceCents;
}

/**
 * The Stripe price for a plan line in a currency is found by this lookup key, so no price id lives in code
 * or config: https://docs.stripe.com/products-prices/manage-prices#lookup-keys. Checkout refuses to start
 * when the Stripe price's amount or currency differs from the plan here.
 */
export function stripeLookupKey(planId: string, currency: BillingCurrency, line: ChargeLine): string {
  return `aal_${planId.replaceAll('-', '_')}_${line}_${currency.toLowerCase()}`;
}
