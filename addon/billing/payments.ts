// Collecting payment through Stripe: Checkout to subscribe, the customer portal to manage the card and
// invoices, and the subscription's quantities kept equal to the accounts files counted this month.
import type Stripe from 'stripe';
import type { Db } from '../../db/client.ts';
import { AppError, conflict } from '../http/errors.ts';
import { ensureBillingAccount } from './account.ts';
import { utcDay, utcMonth } from './dates.ts';
import {
  type BillingCurrency,
  CHARGE_LINES,
  type ChargeLine,
  type Plan,
  planOf,
  stripeLookupKey,
  unitCents,
} from './plans.ts';
import { type KindOf, snapshotPractice, usageOf } from './usage.ts';

/** Stripe Checkout only accepts a trial end at least 48 hours away: https://docs.stripe.com/api/checkout/sessions/create */
const CHECKOUT_MIN_TRIAL_MS = 48 * 3_600_000;

export interface LineQuantities {
  api_file: number;
  file_interface: number;
}

/** The files counted so far in the month of `now` (from the recorded daily snapshots). */
export async function quantitiesThisMonth(db: Db, practiceId: string, now: Date): Promise<LineQuantities> {
  const usage = await usageOf(db, practiceId, utcMonth(now));
  return {
    api_file: usage.files.filter((f) => f.kind === 'api').length,
    file_interface: usage.files.filter((f) => f.kind === 'file').length,
  };
}

const misconfigured = (detail: string) =>
  new AppError(
    503,
    'billing_misconfigured',
    `Payments are not set up correctly on this server: ${detail} Please contact Abtrac support.`,
  );

/** Finds the Stripe prices for the plan's lines by lookup key and checks they charge what the plan says. */
async function stripePrices(
  stripe: Stripe,
  plan: Plan,
  currency: BillingCurrency,
): Promise<Record<ChargeLine, string>> {
  const keys = CHARGE_LINES.map((line) => stripeLookupKey(plan.id, currency, line));
  const list = await stripe.prices.list({ lookup_keys: keys, active: true, limit: keys.length });
  const ids = {} as Record<ChargeLine, string>;
  for (const line of CHARGE_LINES) {
    const key = stripeLookupKey(plan.id, currency, line);
    const price = list.data.find((p) => p.lookup_key === key);
    if (!price) throw misconfigured(`no active Stripe price has the lookup key ${key}.`);
    const expected = unitCents(plan, currency, line);
    if (
      price.currency !== currency.toLowerCase() ||
      price.unit_amount === null ||
      BigInt(price.unit_amount) !== expected ||
      price.recurring?.interval !== plan.interval
    ) {
      throw misconfigured(
        `the Stripe price ${key} does not match the plan (${currency} ${expected} cents a ${plan.interval}).`,
      );
    }
    ids[line] = price.id;
  }
  return ids;
}

export interface CheckoutInput {
  practiceId: string;
  currency: BillingCurrency;
  /** Where Stripe sends the person back to (the Billing screen). */
  returnUrl: string;
  kindOf?: KindOf;
}

/** Starts Stripe Checkout for the practice's subscription; returns the page to send the person to. */
export async function startCheckout(
  db: Db,
  stripe: Stripe,
  input: CheckoutInput,
  now: Date,
): Promise<{ url: string }> {
  const account = await ensureBillingAccount(db, input.practiceId, now);
  if (account.stripeSubscriptionId && (account.status === 'active' || account.status === 'past_due')) {
    throw conflict(
      'already_subscribed',
      'This practice already has a subscription. Use Manage payment to change the card or see invoices.',
    );
  }
  const plan = planOf(account.planId);
  // Count today as well, so the first invoice matches what the practice has connected right now.
  await snapshotPractice(db, input.practiceId, utcDay(now), input.kindOf);
  const quantities = await quantitiesThisMonth(db, input.practiceId, now);
  if (quantities.api_file + quantities.file_interface === 0) {
    throw conflict(
      'nothing_to_bill',
      'Connect an accounts file or write an import file first: the subscription is priced per accounts file.',
    );
  }
  const prices = await stripePrices(stripe, plan, input.currency);
  const trialEnd =
    account.status === 'trialing' && account.trialEndsAt.getTime() - now.getTime() > CHECKOUT_MIN_TRIAL_MS
      ? Math.floor(account.trialEndsAt.getTime() / 1000)
      : undefined;
  const back = new URL(input.returnUrl);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    // Stripe puts this on the session; the webhook finds the practice by it.
    client_reference_id: input.practiceId,
    ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : {}),
    line_items: CHARGE_LINES.filter((line) => quantities[line] > 0).map((line) => ({
      price: prices[line],
      quantity: quantities[line],
    })),
    metadata: { practiceId: input.practiceId },
    subscription_data: {
      // Copied onto every invoice (parent.subscription_details.metadata), so invoice events name the practice.
      metadata: { practiceId: input.practiceId, planId: plan.id },
      // Subscribing during the trial keeps the remaining free days.
      ...(trialEnd ? { trial_end: trialEnd } : {}),
    },
    success_url: withParam(back, 'checkout', 'success'),
    cancel_url: withParam(back, 'checkout', 'cancelled'),
  });
  if (!session.url) throw misconfigured('Stripe returned no Checkout address.');
  return { url: session.url };
}

/** A link to Stripe's customer portal: card, invoices, cancellation. */
export async function portalLink(
  db: Db,
  stripe: Stripe,
  input: { practiceId: string; returnUrl: string },
  now: Date,
): Promise<{ url: string }> {
  const account = await ensureBillingAccount(db, input.practiceId, now);
  if (!account.stripeCustomerId) {
    throw conflict('not_subscribed', 'This practice has not subscribed yet. Choose Subscribe first.');
  }
  const session = await stripe.billingPortal.sessions.create({
    customer: account.stripeCustomerId,
    return_url: input.returnUrl,
  });
  return { url: session.url };
}

export interface QuantitySync {
  quantities: LineQuantities;
  /** False when Stripe already had these quantities, or the practice has no live subscription. */
  updated: boolean;
}

/**
 * Keeps the subscription's quantities equal to the files counted this month. The scheduler calls it after
 * snapshotConnectedFiles. Changes take effect at the next renewal, without prorations, so the renewal
 * charges the files counted in the month (see the statement).
 */
export async function syncSubscriptionQuantities(
  db: Db,
  stripe: Stripe,
  practiceId: string,
  now: Date,
): Promise<QuantitySync> {
  const account = await ensureBillingAccount(db, practiceId, now);
  const quantities = await quantitiesThisMonth(db, practiceId, now);
  if (!account.stripeSubscriptionId || account.status === 'cancelled') return { quantities, updated: false };
  const plan = planOf(account.planId);
  const subscription = await stripe.subscriptions.retrieve(account.stripeSubscriptionId);
  const items: Array<{ id: string; quantity: number } | { price: string; quantity: number }> = [];
  let prices: Record<ChargeLine, string> | undefined;
  for (const line of CHARGE_LINES) {
    const key = stripeLookupKey(plan.id, account.currency, line);
    const item = subscription.items.data.find((i) => i.price.lookup_key === key);
    const wanted = quantities[line];
    if (item && item.quantity !== wanted) items.push({ id: item.id, quantity: wanted });
    if (!item && wanted > 0) {
      prices ??= await stripePrices(stripe, plan, account.currency);
      items.push({ price: prices[line], quantity: wanted });
    }
  }
  if (items.length === 0) return { quantities, updated: false };
  await stripe.subscriptions.update(
    account.stripeSubscriptionId,
    { items, proration_behavior: 'none' },
    // The same change on the same day is one request, however often the scheduler retries.
    {
      idempotencyKey: `aal-qty-${account.stripeSubscriptionId}-${utcDay(now)}-${quantities.api_file}-${quantities.file_interface}`,
    },
  );
  return { quantities, updated: true };
}

function withParam(url: URL, name: string, value: string): string {
  const copy = new URL(url);
  copy.searchParams.set(name, value);
  return copy.toString();
}
