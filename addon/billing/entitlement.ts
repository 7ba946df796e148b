// May this practice push and export right now? Reading, mapping and connecting never need an entitlement:
// only sending invoices to a ledger and writing import files do. Losing the entitlement deletes nothing;
// paying again resumes exactly where the practice stopped.
import type { Db } from '../../db/client.ts';
import { AppError } from '../http/errors.ts';
import { type BillingAccount, ensureBillingAccount } from './account.ts';
import { addDays, daysLeft, utcDay } from './dates.ts';
import { planOf } from './plans.ts';

export type BillingStatus = BillingAccount['status'];
export type EntitledAction = 'push' | 'export';

/** Why a practice may not push or export; null while it may. */
export type BlockedReason = 'trial_ended' | 'payment_overdue' | 'cancelled';

export interface Entitlement {
  status: BillingStatus;
  entitled: boolean;
  reason: BlockedReason | null;
  trialEndsAt: Date;
  /** Whole days of trial left (0 once ended, or when not trialing). */
  trialDaysLeft: number;
  /** While past due: when the grace period ends. */
  graceEndsAt: Date | null;
  /** One plain sentence for the Billing screen and for refused pushes and exports. */
  message: string;
}

const KEPT = 'Your connections, mappings and history are kept.';

/** Pure: the entitlement a billing record gives at `now`. */
export function entitlementFrom(account: BillingAccount, now: Date): Entitlement {
  const plan = planOf(account.planId);
  const base = {
    status: account.status,
    trialEndsAt: account.trialEndsAt,
    trialDaysLeft: 0,
    graceEndsAt: null as Date | null,
  };
  switch (account.status) {
    case 'trialing': {
      const left = daysLeft(account.trialEndsAt, now);
      if (left > 0) {
        return {
          ...base,
          entitled: true,
          reason: null,
          trialDaysLeft: left,
          message: `Free trial: ${left} ${left === 1 ? 'day' : 'days'} left (ends ${utcDay(account.trialEndsAt)}). Subscribe under Billing to keep pushing and exporting after that.`,
        };
      }
      return {
        ...base,
        entitled: false,
        reason: 'trial_ended',
        message: `Your free trial ended on ${utcDay(account.trialEndsAt)}. Subscribe under Billing to push invoices and write import files again. ${KEPT}`,
      };
    }
    case 'active':
      return { ...base, entitled: true, reason: null, message: 'Your subscription is active.' };
    case 'past_due': {
      const since = account.pastDueSince ?? now;
      const graceEndsAt = addDays(since, plan.graceDays);
      if (now < graceEndsAt) {
        return {
          ...base,
          graceEndsAt,
          entitled: true,
          reason: null,
          message: `Your last payment failed. Update your card under Billing → Manage payment before ${utcDay(graceEndsAt)} to keep pushing and exporting.`,
        };
      }
      return {
        ...base,
        graceEndsAt,
        entitled: false,
        reason: 'payment_overdue',
        message: `Your payment is overdue and the grace period ended on ${utcDay(graceEndsAt)}. Update your card under Billing → Manage payment; pushing and exporting resume as soon as the payment goes through. ${KEPT}`,
      };
    }
    case 'cancelled':
      return {
        ...base,
        entitled: false,
        reason: 'cancelled',
        message: `Your subscription is cancelled. Subscribe again under Billing to push invoices and write import files. ${KEPT}`,
      };
  }
}

/** The practice's entitlement at `now` (starts its trial if it has no billing record yet). */
export async function entitlementOf(db: Db, practiceId: string, now: Date): Promise<Entitlement> {
  return entitlementFrom(await ensureBillingAccount(db, practiceId, now), now);
}

/**
 * Called by the push and export engine before it sends anything. Throws AppError 402 `not_entitled` with
 * a plain message saying what to do; the engine should stop before the first request and change nothing.
 */
export async function assertEntitled(
  db: Db,
  practiceId: string,
  action: EntitledAction,
  now: Date,
): Promise<void> {
  const entitlement = await entitlementOf(db, practiceId, now);
  if (entitlement.entitled) return;
  const what = action === 'push' ? 'Invoices were not pushed' : 'The import file was not written';
  throw new AppError(402, 'not_entitled', `${what}. ${entitlement.message}`);
}
