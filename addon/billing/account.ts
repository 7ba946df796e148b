// The practice's billing record. It is created on first read, and creating it starts the 30-day trial:
// a practice that installs the add-on can use it at once without a card.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { billingAccounts } from '../../db/schema.ts';
import { addDays } from './dates.ts';
import { DEFAULT_PLAN_ID, planOf } from './plans.ts';

export type BillingAccount = typeof billingAccounts.$inferSelect;

export async function findBillingAccount(db: Db, practiceId: string): Promise<BillingAccount | undefined> {
  const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.practiceId, practiceId));
  return row;
}

/** Returns the practice's billing record, creating it (and starting the trial at `now`) the first time. */
export async function ensureBillingAccount(db: Db, practiceId: string, now: Date): Promise<BillingAccount> {
  const existing = await findBillingAccount(db, practiceId);
  if (existing) return existing;
  const plan = planOf(DEFAULT_PLAN_ID);
  // Two first reads at once: the loser's insert does nothing and it reads the winner's row.
  await db
    .insert(billingAccounts)
    .values({
      practiceId,
      planId: plan.id,
      status: 'trialing',
      trialStartedAt: now,
      trialEndsAt: addDays(now, plan.trialDays),
    })
    .onConflictDoNothing({ target: billingAccounts.practiceId });
  const created = await findBillingAccount(db, practiceId);
  if (!created) throw new Error('billing account vanished after insert');
  return created;
}
