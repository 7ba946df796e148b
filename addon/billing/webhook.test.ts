// Entitlement transitions driven by signed Stripe webhook deliveries through the real HTTP route (raw body,
// Stripe's own signature check), on every test database kind.
import { count, eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, billingAccounts, billingStripeEvents, invoices } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../../tests/helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../../tests/helpers/practices.ts';
import { AppError } from '../http/errors.ts';
import { findBillingAccount } from './account.ts';
import { addDays } from './dates.ts';
import { assertEntitled, entitlementOf } from './entitlement.ts';
import { type BillingTestApp, deliver, startBillingApp } from './test-support/app.ts';
import {
  checkoutSessionObject,
  eventObject,
  fakeStripe,
  invoiceObject,
  priceObject,
  signedDelivery,
  subscriptionObject,
} from './test-support/stripe-api.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const START = new Date('2026-03-02T09:00:00.000Z');

describe.each(testDbKinds)('Stripe webhooks move the entitlement (%s)', (kind) => {
  let database: Database;
  let practices: TwoPractices;
  let app: BillingTestApp;
  let clock: Date;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    clock = START;
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    server.use(...fakeStripe().handlers);
    app = await startBillingApp(database, { stripe: true, now: clock });
  });
  afterEach(async () => app.close());

  /** Advances the shared clock and returns it: events are created in order, like Stripe's. */
  const tick = (days = 0, minutes = 1) => {
    clock = new Date(addDays(clock, days).getTime() + minutes * 60_000);
    app.setNow(clock);
    return clock;
  };
  const send = async (type: string, object: Record<string, unknown>, id?: string) => {
    const res = await deliver(app, signedDelivery(eventObject(type, object, tick(), id)));
    expect(res.status).toBe(200);
    return (await res.json()) as { outcome: string };
  };
  const statusOf = async (practiceId: string) => (await findBillingAccount(database.db, practiceId))?.status;
  const ids = (p: string) => ({
    practiceId: p,
    customer: `cus_${p.slice(0, 8)}`,
    subscription: `sub_${p.slice(0, 8)}`,
  });

  it('walks trialing -> active -> past_due -> (grace over: blocked) -> active -> past_due -> active -> cancelled -> active', async () => {
    const p = practices.a.id;
    const s = ids(p);
    expect((await entitlementOf(database.db, p, clock)).status).toBe('trialing');

    expect(
      (await send('checkout.session.completed', checkoutSessionObject({ id: 'cs_1', ...s }))).outcome,
    ).toBe('applied');
    const afterCheckout = await findBillingAccount(database.db, p);
    expect(afterCheckout).toMatchObject({
      status: 'active',
      stripeCustomerId: s.customer,
      stripeSubscriptionId: s.subscription,
    });

    await send('invoice.payment_failed', invoiceObject({ id: 'in_1', ...s, status: 'open' }));
    const failedAt = clock;
    expect(await statusOf(p)).toBe('past_due');
    // Inside the 14-day grace period the practice still pushes and exports.
    await expect(assertEntitled(database.db, p, 'push', addDays(failedAt, 13))).resolves.toBeUndefined();
    // A second failure during grace keeps the first failure's date: grace is not extended.
    await send('invoice.payment_failed', invoiceObject({ id: 'in_1', ...s, status: 'open' }));
    expect((await findBillingAccount(database.db, p))?.pastDueSince?.getTime()).toBe(
      new Date(Math.floor(failedAt.getTime() / 1000) * 1000).getTime(),
    );

    tick(15);
    const blocked = await entitlementOf(database.db, p, clock);
    expect(blocked).toMatchObject({ status: 'past_due', entitled: false, reason: 'payment_overdue' });

    await send('invoice.paid', invoiceObject({ id: 'in_1', ...s, status: 'paid' }));
    expect(await entitlementOf(database.db, p, clock)).toMatchObject({ status: 'active', entitled: true });

    await send(
      'customer.subscription.updated',
      subscriptionObject({ id: s.subscription, customer: s.customer, practiceId: p, status: 'past_due' }),
    );
    expect(await statusOf(p)).toBe('past_due');
    await send(
      'customer.subscription.updated',
      subscriptionObject({
        id: s.subscription,
        customer: s.customer,
        practiceId: p,
        status: 'active',
        periodEnd: 1_780_000_000,
        items: [{ id: 'si_1', price: priceObject('AUD', 'api_file'), quantity: 2 }],
      }),
    );
    expect(await findBillingAccount(database.db, p)).toMatchObject({
      status: 'active',
      pastDueSince: null,
      currentPeriodEnd: new Date(1_780_000_000 * 1000),
    });

    await send(
      'customer.subscription.deleted',
      subscriptionObject({ id: s.subscription, customer: s.customer, practiceId: p, status: 'canceled' }),
    );
    expect(await entitlementOf(database.db, p, clock)).toMatchObject({
      status: 'cancelled',
      entitled: false,
      reason: 'cancelled',
    });
    // A late invoice payment does not revive a cancelled subscription...
    await send('invoice.paid', invoiceObject({ id: 'in_2', ...s, status: 'paid' }));
    expect(await statusOf(p)).toBe('cancelled');
    // ...subscribing again does.
    await send(
      'checkout.session.completed',
      checkoutSessionObject({ id: 'cs_2', ...s, subscription: 'sub_again' }),
    );
    expect(await findBillingAccount(database.db, p)).toMatchObject({
      status: 'active',
      stripeSubscriptionId: 'sub_again',
      cancelledAt: null,
    });
    // The other practice was never touched.
    expect(await statusOf(practices.b.id)).toBeUndefined();
  });

  it('maps every Stripe subscription status', async () => {
    const p = practices.b.id;
    const s = ids(p);
    await send('checkout.session.completed', checkoutSessionObject({ id: 'cs_b', ...s }));
    const table = [
      ['trialing', 'active'],
      ['past_due', 'past_due'],
      ['unpaid', 'past_due'],
      ['active', 'active'],
      ['incomplete', 'active'], // first payment pending: nothing changes
      ['paused', 'cancelled'],
      ['active', 'active'],
      ['incomplete_expired', 'cancelled'],
      ['active', 'active'],
      ['canceled', 'cancelled'],
    ] as const;
    for (const [stripeStatus, ours] of table) {
      await send(
        'customer.subscription.updated',
        subscriptionObject({ id: s.subscription, customer: s.customer, practiceId: p, status: stripeStatus }),
      );
      expect(await statusOf(p), stripeStatus).toBe(ours);
    }
  });

  it('finds the practice by customer id when the event carries no metadata', async () => {
    const p = practices.a.id;
    const before = await findBillingAccount(database.db, p);
    const invoice = invoiceObject({
      id: 'in_nometa',
      customer: before!.stripeCustomerId!,
      subscription: 'sub_x',
      practiceId: p,
      status: 'open',
    });
    (invoice.parent as { subscription_details: { metadata: object } }).subscription_details.metadata = {};
    expect(await send('invoice.payment_failed', invoice)).toMatchObject({ outcome: 'applied' });
    expect(await statusOf(p)).toBe('past_due');
    await send('invoice.paid', { ...invoice, id: 'in_nometa', status: 'paid' });
    expect(await statusOf(p)).toBe('active');
  });

  it('applies each event id once, and ignores an event older than the last one applied', async () => {
    const p = practices.a.id;
    const s = { ...ids(p), subscription: 'sub_again' };
    const failed = eventObject(
      'invoice.payment_failed',
      invoiceObject({ id: 'in_9', ...s, status: 'open' }),
      tick(),
      'evt_once',
    );
    expect(await (await deliver(app, signedDelivery(failed))).json()).toMatchObject({ outcome: 'applied' });
    await send('invoice.paid', invoiceObject({ id: 'in_9', ...s, status: 'paid' }));
    // Stripe redelivers the failure: already handled, so the practice stays active.
    expect(await (await deliver(app, signedDelivery(failed))).json()).toMatchObject({ outcome: 'duplicate' });
    expect(await statusOf(p)).toBe('active');
    // A different failure event created before the payment arrives late: recorded, not applied.
    const late = eventObject(
      'invoice.payment_failed',
      invoiceObject({ id: 'in_9', ...s, status: 'open' }),
      addDays(clock, -1),
      'evt_late',
    );
    expect(await (await deliver(app, signedDelivery(late))).json()).toMatchObject({ outcome: 'stale' });
    expect(await statusOf(p)).toBe('active');
    const [row] = await database.db
      .select()
      .from(billingStripeEvents)
      .where(eq(billingStripeEvents.eventId, 'evt_late'));
    expect(row).toMatchObject({ outcome: 'stale', practiceId: p });
  });

  it('refuses forged deliveries (400) and changes nothing', async () => {
    const p = practices.a.id;
    const s = ids(p);
    const before = await findBillingAccount(database.db, p);
    const [{ value: eventsBefore }] = (await database.db
      .select({ value: count() })
      .from(billingStripeEvents)) as [{ value: number }];
    const evil = eventObject(
      'customer.subscription.deleted',
      subscriptionObject({ id: s.subscription, customer: s.customer, practiceId: p, status: 'canceled' }),
      tick(),
      'evt_forged',
    );

    const wrongSecret = signedDelivery(evil, 'whsec_not_ours');
    const genuine = signedDelivery(evil);
    const tampered = { payload: genuine.payload.replace('"canceled"', '"active"'), header: genuine.header };
    const stale = signedDelivery(evil, undefined, addDays(new Date(), -1)); // outside Stripe's 5-minute tolerance
    for (const delivery of [wrongSecret, tampered, stale, { payload: genuine.payload, header: '' }]) {
      const res = await deliver(app, delivery);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    expect(await findBillingAccount(database.db, p)).toEqual(before);
    const [{ value: eventsAfter }] = (await database.db
      .select({ value: count() })
      .from(billingStripeEvents)) as [{ value: number }];
    expect(eventsAfter).toBe(eventsBefore);
  });

  it('refuses a validly signed but malformed event (400, logged) and changes nothing', async () => {
    const p = practices.b.id;
    const before = await findBillingAccount(database.db, p);
    const [{ value: eventsBefore }] = (await database.db
      .select({ value: count() })
      .from(billingStripeEvents)) as [{ value: number }];
    const malformed = [
      { id: 'evt_no_data', object: 'event', type: 'customer.subscription.updated', created: 1 },
      eventObject('customer.subscription.updated', { id: 'sub_x' }, tick(), 'evt_no_items'),
      { ...eventObject('customer.subscription.deleted', {}, tick()), created: 'yesterday' },
    ];
    for (const event of malformed) {
      const res = await deliver(app, signedDelivery(event));
      expect({ id: event.id, status: res.status }).toEqual({ id: event.id, status: 400 });
      expect(await res.json()).toMatchObject({ error: { code: 'malformed_event' } });
    }
    expect(await findBillingAccount(database.db, p)).toEqual(before);
    const [{ value: eventsAfter }] = (await database.db
      .select({ value: count() })
      .from(billingStripeEvents)) as [{ value: number }];
    expect(eventsAfter).toBe(eventsBefore);
  });

  it('ends the trial after 30 days, blocks push and export with a plain 402, keeps everything, and resumes on payment', async () => {
    const fresh = await database.db.select().from(billingAccounts);
    expect(fresh.length).toBeGreaterThan(0);
    // A third practice whose billing record starts now.
    const { seedPractice } = await import('../demo/seed.ts');
    const p = await seedPractice(database.db, { name: 'Practice C', seed: 3, adminEmail: 'c@example.test' });
    const start = clock;
    expect(await entitlementOf(database.db, p, start)).toMatchObject({
      status: 'trialing',
      trialDaysLeft: 30,
      entitled: true,
    });
    const counts = async () => ({
      interfaces: (
        await database.db
          .select({ n: count() })
          .from(accountsInterfaces)
          .where(eq(accountsInterfaces.practiceId, p))
      )[0]!.n,
      invoices: (
        await database.db.select({ n: count() }).from(invoices).where(eq(invoices.practiceId, p))
      )[0]!.n,
    });
    const before = await counts();

    const after = addDays(start, 31);
    for (const action of ['push', 'export'] as const) {
      const error = await assertEntitled(database.db, p, action, after).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 402, code: 'not_entitled' });
      expect((error as AppError).message).toMatch(
        /trial ended on \d{4}-\d{2}-\d{2}\. Subscribe under Billing/,
      );
      expect((error as AppError).message).toMatch(/kept/);
    }
    expect(await counts()).toEqual(before);

    clock = after;
    app.setNow(after);
    await send(
      'checkout.session.completed',
      checkoutSessionObject({
        id: 'cs_c',
        practiceId: p,
        customer: 'cus_c',
        subscription: 'sub_c',
        currency: 'nzd',
      }),
    );
    await expect(assertEntitled(database.db, p, 'push', clock)).resolves.toBeUndefined();
    await expect(assertEntitled(database.db, p, 'export', clock)).resolves.toBeUndefined();
    expect(await findBillingAccount(database.db, p)).toMatchObject({ status: 'active', currency: 'NZD' });
    expect(await counts()).toEqual(before);
  });

  it('does not activate a Checkout whose bank debit has not settled; invoice.paid does', async () => {
    const { seedPractice } = await import('../demo/seed.ts');
    const p = await seedPractice(database.db, { name: 'Practice D', seed: 4, adminEmail: 'd@example.test' });
    await entitlementOf(database.db, p, clock);
    const s = { practiceId: p, customer: 'cus_d', subscription: 'sub_d' };
    await send(
      'checkout.session.completed',
      checkoutSessionObject({ id: 'cs_d', ...s, paymentStatus: 'unpaid' }),
    );
    expect(await findBillingAccount(database.db, p)).toMatchObject({
      status: 'trialing',
      stripeCustomerId: 'cus_d',
    });
    await send('invoice.paid', invoiceObject({ id: 'in_d', ...s, status: 'paid' }));
    expect(await statusOf(p)).toBe('active');
  });

  it('answers 200 to events it does not handle or whose practice it does not know', async () => {
    expect(await send('customer.created', { id: 'cus_zzz', object: 'customer' })).toMatchObject({
      outcome: 'ignored',
    });
    const unknown = invoiceObject({
      id: 'in_u',
      customer: 'cus_nobody',
      subscription: 'sub_nobody',
      practiceId: 'not-a-uuid',
      status: 'paid',
    });
    expect(await send('invoice.paid', unknown)).toMatchObject({ outcome: 'unknown_practice' });
  });
});

describe('the webhook without Stripe configured', () => {
  it('answers 503 and applies nothing', async () => {
    const database = await freshDatabase('pglite');
    const app = await startBillingApp(database, { stripe: false, now: START });
    server.use(...fakeStripe().handlers);
    try {
      const res = await deliver(app, signedDelivery(eventObject('invoice.paid', {}, START)));
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { code: 'billing_not_configured' } });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
