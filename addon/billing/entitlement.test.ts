// The entitlement as a pure function of the billing record and an injected clock: no sleeping, no Date.now().
import { describe, expect, it } from 'vitest';
import type { BillingAccount } from './account.ts';
import { addDays } from './dates.ts';
import { entitlementFrom } from './entitlement.ts';

const START = new Date('2026-03-02T09:00:00.000Z');
const account = (over: Partial<BillingAccount> = {}): BillingAccount => ({
  practiceId: '00000000-0000-4000-8000-000000000001',
  planId: 'link-monthly',
  currency: 'AUD',
  status: 'trialing',
  trialStartedAt: START,
  trialEndsAt: addDays(START, 30),
  pastDueSince: null,
  currentPeriodEnd: null,
  cancelledAt: null,
  stripeCustomerId: null,
  stripeSubscriptionId: null,
  lastEventAt: null,
  createdAt: START,
  updatedAt: START,
  ...over,
});

describe('trial', () => {
  it('lasts 30 days from its start, counting part days up', () => {
    const table: Array<[Date, number, boolean]> = [
      [START, 30, true],
      [new Date(START.getTime() + 1), 30, true],
      [addDays(START, 1), 29, true],
      [addDays(START, 29), 1, true],
      [new Date(addDays(START, 30).getTime() - 1), 1, true],
      [addDays(START, 30), 0, false],
      [addDays(START, 45), 0, false],
    ];
    for (const [now, left, entitled] of table) {
      const e = entitlementFrom(account(), now);
      expect({ left: e.trialDaysLeft, entitled: e.entitled }, now.toISOString()).toEqual({ left, entitled });
    }
  });

  it('says how many days are left, then that it ended and what to do', () => {
    expect(entitlementFrom(account(), addDays(START, 29)).message).toBe(
      'Free trial: 1 day left (ends 2026-04-01). Subscribe under Billing to keep pushing and exporting after that.',
    );
    const ended = entitlementFrom(account(), addDays(START, 31));
    expect(ended).toMatchObject({ status: 'trialing', entitled: false, reason: 'trial_ended' });
    expect(ended.message).toBe(
      'Your free trial ended on 2026-04-01. Subscribe under Billing to push invoices and write import files again. Your connections, mappings and history are kept.',
    );
  });
});

describe('past due', () => {
  const failed = new Date('2026-05-10T00:00:00.000Z');
  it('keeps the practice entitled for 14 days of grace, then blocks it', () => {
    const a = account({ status: 'past_due', pastDueSince: failed });
    expect(entitlementFrom(a, addDays(failed, 13))).toMatchObject({ entitled: true, reason: null });
    expect(entitlementFrom(a, addDays(failed, 13)).graceEndsAt).toEqual(addDays(failed, 14));
    expect(entitlementFrom(a, addDays(failed, 14))).toMatchObject({
      entitled: false,
      reason: 'payment_overdue',
    });
    expect(entitlementFrom(a, addDays(failed, 14)).message).toContain(
      'Update your card under Billing → Manage payment',
    );
  });
});

describe('active and cancelled', () => {
  it('active is entitled whatever the trial says; cancelled is not', () => {
    expect(entitlementFrom(account({ status: 'active' }), addDays(START, 400)).entitled).toBe(true);
    expect(entitlementFrom(account({ status: 'cancelled' }), START)).toMatchObject({
      entitled: false,
      reason: 'cancelled',
    });
  });
});
