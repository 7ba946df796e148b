// Checkout, the customer portal, subscription quantities and the Billing API, against Stripe's API served
// by msw (onUnhandledRequest: 'error'), asserting what the add-on sends.
import { and, eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, billingAccounts } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../../tests/helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../../tests/helpers/practices.ts';
import type { BillingStatement, BillingStatus } from '../contract/billing.ts';
import { addDays } from './dates.ts';
import { syncSubscriptionQuantities } from './payments.ts';
import { createStripeClient } from './stripe-client.ts';
import { type BillingTestApp, startBillingApp } from './test-support/app.ts';
import {
  fakeStripe,
  priceObject,
  STRIPE_KEY,
  subscriptionObject,
  WEBHOOK_SECRET,
} from './test-support/stripe-api.ts';
import { snapshotConnectedFiles } from './usage.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const START = new Date('2026-03-02T09:00:00.000Z');

describe.each(testDbKinds)('payments through Stripe (%s)', (kind) => {
  let database: Database;
  let practices: TwoPractices;
  let app: BillingTestApp;
  let stripe: ReturnType<typeof fakeStripe>;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    app = await startBillingApp(database, { stripe: true, now: START });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  const withStripe = () => {
    stripe = fakeStripe();
    server.use(...stripe.handlers);
    return stripe;
  };
  const connect = (practiceId: string, provider: string) =>
    database.db
      .update(accountsInterfaces)
      .set({ status: 'connected' })
      .where(and(eq(accountsInterfaces.practiceId, practiceId), eq(accountsInterfaces.provider, provider)));

  it('reports plan, trial days left and that payments are enabled', async () => {
    withStripe();
    app.setNow(addDays(START, 10));
    const res = await app.as(practices.a.key)('/api/billing/status');
    expect(res.status).toBe(200);
    const status = (await res.json()) as BillingStatus;
    // The first read created the record at this clock: 30 days left.
    expect(status).toMatchObject({
      status: 'trialing',
      entitled: true,
      trialDaysLeft: 30,
      paymentsEnabled: true,
      trialMode: false,
      paymentsMessage: null,
      subscribed: false,
      currency: 'AUD',
      plan: {
        id: 'link-monthly',
        trialDays: 30,
        prices: [{ currency: 'AUD', apiFile: '25.00', apiFileCents: '2500' }, { currency: 'NZD' }],
      },
    });
    app.setNow(addDays(START, 25));
    expect(
      ((await (await app.as(practices.a.key)('/api/billing/status')).json()) as BillingStatus).trialDaysLeft,
    ).toBe(15);
    expect(stripe.requests).toEqual([]);
  });

  it('refuses Checkout while nothing is billable', async () => {
    withStripe();
    const res = await app.as(practices.a.key)('/api/billing/checkout', {
      method: 'POST',
      json: { currency: 'AUD' },
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'nothing_to_bill' } });
  });

  it('starts Checkout with the plan prices, the counted files and the rest of the trial', async () => {
    withStripe();
    await connect(practices.a.id, 'xero');
    await connect(practices.a.id, 'myob');
    const res = await app.as(practices.a.key)('/api/billing/checkout', {
      method: 'POST',
      json: { currency: 'AUD' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: 'https://checkout.stripe.com/c/pay/cs_test_a1' });
    const [prices, session] = stripe.requests;
    expect(prices?.path).toBe('/v1/prices');
    expect(session?.path).toBe('/v1/checkout/sessions');
    const form = Object.fromEntries(session!.form);
    const [account] = await database.db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.practiceId, practices.a.id));
    expect(form).toMatchObject({
      mode: 'subscription',
      client_reference_id: practices.a.id,
      'line_items[0][price]': 'price_aal_link_monthly_api_file_aud',
      'line_items[0][quantity]': '2',
      'metadata[practiceId]': practices.a.id,
      'subscription_data[metadata][practiceId]': practices.a.id,
      'subscription_data[trial_end]': String(Math.floor(account!.trialEndsAt.getTime() / 1000)),
      success_url: 'https://link.example.test/billing?checkout=success',
      cancel_url: 'https://link.example.test/billing?checkout=cancelled',
    });
    expect(form['line_items[1][price]']).toBeUndefined(); // no file interface counted
    expect(session!.form.get('customer')).toBeNull();
  });

  it('refuses Checkout when the Stripe price does not match the plan', async () => {
    const s = withStripe();
    s.prices.splice(
      0,
      s.prices.length,
      priceObject('AUD', 'api_file', { unit_amount: 1999 }),
      priceObject('AUD', 'file_interface'),
    );
    const res = await app.as(practices.a.key)('/api/billing/checkout', {
      method: 'POST',
      json: { currency: 'AUD' },
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'billing_misconfigured' } });
    expect(s.requests.map((r) => r.path)).toEqual(['/v1/prices']);
  });

  it('opens the customer portal once subscribed', async () => {
    withStripe();
    const before = await app.as(practices.b.key)('/api/billing/portal', { method: 'POST' });
    expect(before.status).toBe(409);
    expect(await before.json()).toMatchObject({ error: { code: 'not_subscribed' } });
    await database.db
      .update(billingAccounts)
      .set({ status: 'active', stripeCustomerId: 'cus_a', stripeSubscriptionId: 'sub_a' })
      .where(eq(billingAccounts.practiceId, practices.a.id));
    const res = await app.as(practices.a.key)('/api/billing/portal', { method: 'POST' });
    expect(await res.json()).toEqual({ url: 'https://billing.stripe.com/p/session/test_1' });
    expect(Object.fromEntries(stripe.requests[0]!.form)).toEqual({
      customer: 'cus_a',
      return_url: 'https://link.example.test/billing',
    });
    const again = await app.as(practices.a.key)('/api/billing/checkout', {
      method: 'POST',
      json: { currency: 'AUD' },
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'already_subscribed' } });
  });

  it('keeps the subscription quantity equal to the accounts files counted this month', async () => {
    const s = withStripe();
    const now = addDays(START, 12);
    s.subscriptions.set(
      'sub_a',
      subscriptionObject({
        id: 'sub_a',
        customer: 'cus_a',
        practiceId: practices.a.id,
        status: 'active',
        items: [{ id: 'si_api', price: priceObject('AUD', 'api_file'), quantity: 1 }],
      }),
    );
    await snapshotConnectedFiles(database.db, now);
    const client = createStripeClient({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET })!;
    const first = await syncSubscriptionQuantities(database.db, client, practices.a.id, now);
    expect(first).toEqual({ quantities: { api_file: 2, file_interface: 0 }, updated: true });
    const update = s.requests.find((r) => r.method === 'POST' && r.path === '/v1/subscriptions/sub_a');
    expect(Object.fromEntries(update!.form)).toEqual({
      'items[0][id]': 'si_api',
      'items[0][quantity]': '2',
      proration_behavior: 'none',
    });
    expect(update!.idempotencyKey).toBe('aal-qty-sub_a-2026-03-14-2-0');
    // Nothing changed since: no update is sent.
    const second = await syncSubscriptionQuantities(database.db, client, practices.a.id, now);
    expect(second.updated).toBe(false);
    expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // Practice B has no subscription: Stripe is not called.
    const before = s.requests.length;
    expect((await syncSubscriptionQuantities(database.db, client, practices.b.id, now)).updated).toBe(false);
    expect(s.requests.length).toBe(before);
  });

  it('serves the statement as JSON and CSV for the month asked', async () => {
    withStripe();
    app.setNow(addDays(START, 20));
    const json = (await (
      await app.as(practices.a.key)('/api/billing/statement?month=2026-03')
    ).json()) as BillingStatement;
    expect(json).toMatchObject({
      month: '2026-03',
      currency: 'AUD',
      total: '50.00',
      totalCents: '5000',
      lines: [
        { line: 'api_file', quantity: 2, unitPrice: '25.00', amount: '50.00', amountCents: '5000' },
        { line: 'file_interface', quantity: 0, amount: '0.00' },
      ],
    });
    expect(json.note).toMatch(/^Stripe charges this total/);
    const csv = await app.as(practices.a.key)('/api/billing/statement.csv?month=2026-03');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('abtrac-accounts-link-statement-2026-03.csv');
    expect((await csv.text()).split('\r\n')[3]).toBe('2026-03,total,Total for the month,,AUD,,50.00,');
    const usage = await (await app.as(practices.a.key)('/api/billing/usage?month=2026-03')).json();
    expect(usage).toMatchObject({ month: '2026-03', apiFiles: 2, fileInterfaces: 0 });
    const bad = await app.as(practices.a.key)('/api/billing/statement?month=2026-13');
    expect(bad.status).toBe(400);
    // Practice B sees only its own (empty) statement.
    const other = (await (
      await app.as(practices.b.key)('/api/billing/statement?month=2026-03')
    ).json()) as BillingStatement;
    expect(other.totalCents).toBe('0');
  });
});

describe('trial mode (no STRIPE_SECRET_KEY)', () => {
  it('says so in the status and refuses to start Checkout', async () => {
    const fake = fakeStripe();
    server.use(...fake.handlers);
    const database = await freshDatabase('pglite');
    const practices = await seedTwoPractices(database);
    const app = await startBillingApp(database, { stripe: false, now: START });
    try {
      const status = (await (await app.as(practices.a.key)('/api/billing/status')).json()) as BillingStatus;
      expect(status).toMatchObject({
        trialMode: true,
        paymentsEnabled: false,
        status: 'trialing',
        trialDaysLeft: 30,
      });
      expect(status.paymentsMessage).toMatch(/^Payments are not set up on this server .* trial mode/);
      const res = await app.as(practices.a.key)('/api/billing/checkout', { method: 'POST', json: {} });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'payments_not_configured' } });
      // After the trial the status still answers (reading is never blocked), with the plain message.
      app.setNow(addDays(START, 31));
      const ended = (await (await app.as(practices.a.key)('/api/billing/status')).json()) as BillingStatus;
      expect(ended).toMatchObject({ entitled: false, reason: 'trial_ended', trialDaysLeft: 0 });
      const plans = await (await app.as(practices.a.key)('/api/billing/plans')).json();
      expect(plans).toHaveLength(1);
      const openapi = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/api/billing/status', '/api/billing/statement.csv']),
      );
      expect(fake.requests).toEqual([]);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
