// Stripe tells us about payments by webhook; these events, and only these, move a practice's billing
// status. Signatures are checked by Stripe's own library on the raw body, each event id is applied once
// (Stripe delivers at least once), and an event older than the last one applied is recorded but ignored
// (Stripe does not guarantee order): https://docs.stripe.com/webhooks#handle-duplicate-events,
// https://docs.stripe.com/webhooks#event-ordering
import { eq } from 'drizzle-orm';
import express, { type Router } from 'express';
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { billingAccounts, billingStripeEvents, practices } from '../../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { recordAudit } from '../domain/audit.ts';
import { type BillingAccount, ensureBillingAccount } from './account.ts';
import { BILLING_CURRENCY_LIST, type BillingCurrency } from './plans.ts';
import { createStripeClient } from './stripe-client.ts';

export const STRIPE_WEBHOOK_PATH = '/api/billing/stripe/webhook';

export const HANDLED_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

export type EventOutcome = 'applied' | 'ignored' | 'stale' | 'unknown_practice' | 'duplicate';

type AccountChange = Partial<
  Pick<
    BillingAccount,
    | 'status'
    | 'currency'
    | 'pastDueSince'
    | 'cancelledAt'
    | 'currentPeriodEnd'
    | 'stripeCustomerId'
    | 'stripeSubscriptionId'
  >
>;

interface PracticeRef {
  practiceId?: string | null | undefined;
  customerId?: string | null | undefined;
  subscriptionId?: string | null | undefined;
}

interface Transition {
  ref: PracticeRef;
  /** Computed from the practice's current record, so "keep the first failure date" can be expressed. */
  change: (account: BillingAccount) => AccountChange | null;
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

function currencyOf(code: string | null | undefined): BillingCurrency | undefined {
  const upper = code?.toUpperCase();
  return BILLING_CURRENCY_LIST.find((c) => c === upper);
}

/** Stripe subscription status -> ours. `incomplete` (first payment still pending) changes nothing. */
function fromSubscription(sub: Stripe.Subscription, at: Date): Transition['change'] {
  const periodEnds = sub.items.data.map((i) => i.current_period_end).filter((n) => typeof n === 'number');
  const currentPeriodEnd = periodEnds.length ? new Date(Math.max(...periodEnds) * 1000) : null;
  const ids = { stripeSubscriptionId: sub.id, stripeCustomerId: idOf(sub.customer), currentPeriodEnd };
  return (account) => {
    switch (sub.status) {
      case 'active':
      case 'trialing':
        return { ...ids, status: 'active', pastDueSince: null, cancelledAt: null };
      case 'past_due':
      case 'unpaid':
        return { ...ids, status: 'past_due', pastDueSince: account.pastDueSince ?? at };
      // Paused: a trial ended without a card (https://docs.stripe.com/billing/subscriptions/trials#create-free-trials-without-payment).
      case 'canceled':
      case 'incomplete_expired':
      case 'paused':
        return { ...ids, status: 'cancelled', cancelledAt: account.cancelledAt ?? at };
      default:
        return null;
    }
  };
}

/** What an event asks of a practice's billing record; null for events that move nothing. */
export function transitionOf(event: Stripe.Event): Transition | null {
  const at = new Date(event.created * 1000);
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode !== 'subscription') return null;
      const ref = {
        practiceId: session.client_reference_id ?? session.metadata?.practiceId,
        customerId: idOf(session.customer),
        subscriptionId: idOf(session.subscription),
      };
      const currency = currencyOf(session.currency);
      return {
        ref,
        change: () => ({
          stripeCustomerId: ref.customerId,
          stripeSubscriptionId: ref.subscriptionId,
          ...(currency ? { currency } : {}),
          // Bank debits (BECS) settle later: then the session completes 'unpaid' and invoice.paid activates.
          ...(session.payment_status === 'unpaid'
            ? {}
            : { status: 'active' as const, pastDueSince: null, cancelledAt: null }),
        }),
      };
    }
    case 'customer.subscription.updated': {
      const sub = event.data.object;
      return {
        ref: { practiceId: sub.metadata?.practiceId, customerId: idOf(sub.customer), subscriptionId: sub.id },
        change: fromSubscription(sub, at),
      };
    }
    case 'customer.subscription.deleted': {
      const sub = event.data.object;
      return {
        ref: { practiceId: sub.metadata?.practiceId, customerId: idOf(sub.customer), subscriptionId: sub.id },
        change: (account) => ({ status: 'cancelled', cancelledAt: account.cancelledAt ?? at }),
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const details = invoice.parent?.subscription_details;
      if (!details) return null; // a one-off invoice, not the subscription's
      const ref = {
        practiceId: details.metadata?.practiceId,
        customerId: idOf(invoice.customer),
        subscriptionId: idOf(details.subscription),
      };
      if (event.type === 'invoice.paid') {
        return {
          ref,
          // A late payment on a cancelled subscription does not revive it; subscribing again does.
          change: (account) =>
            account.status === 'cancelled' ? null : { status: 'active', pastDueSince: null },
        };
      }
      return {
        ref,
        change: (account) =>
          account.status === 'cancelled'
            ? null
            : { status: 'past_due', pastDueSince: account.pastDueSince ?? at },
      };
    }
    default:
      return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findPractice(db: Db, ref: PracticeRef, now: Date): Promise<BillingAccount | undefined> {
  if (ref.practiceId && UUID.test(ref.practiceId)) {
    const [practice] = await db
      .select({ id: practices.id })
      .from(practices)
      .where(eq(practices.id, ref.practiceId));
    if (practice) return ensureBillingAccount(db, practice.id, now);
  }
  if (ref.subscriptionId) {
    const [row] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.stripeSubscriptionId, ref.subscriptionId));
    if (row) return row;
  }
  if (ref.customerId) {
    const [row] = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.stripeCustomerId, ref.customerId));
    if (row) return row;
  }
  return undefined;
}

export interface HandledEvent {
  outcome: EventOutcome;
  practiceId: string | null;
}

/** Applies one verified Stripe event, at most once per event id. */
export async function handleStripeEvent(db: Db, event: Stripe.Event, now: Date): Promise<HandledEvent> {
  return db.transaction(async (tx) => {
    const tdb = tx as unknown as Db;
    const [claimed] = await tdb
      .insert(billingStripeEvents)
      .values({ eventId: event.id, type: event.type, outcome: 'ignored', receivedAt: now })
      .onConflictDoNothing({ target: billingStripeEvents.eventId })
      .returning({ eventId: billingStripeEvents.eventId });
    if (!claimed) return { outcome: 'duplicate', practiceId: null };

    const finish = async (outcome: EventOutcome, practiceId: string | null): Promise<HandledEvent> => {
      await tdb
        .update(billingStripeEvents)
        .set({ outcome, practiceId })
        .where(eq(billingStripeEvents.eventId, event.id));
      return { outcome, practiceId };
    };

    const transition = transitionOf(event);
    if (!transition) return finish('ignored', null);
    const account = await findPractice(tdb, transition.ref, now);
    if (!account) return finish('unknown_practice', null);
    const at = new Date(event.created * 1000);
    if (account.lastEventAt && at < account.lastEventAt) return finish('stale', account.practiceId);
    const change = transition.change(account);
    if (!change) return finish('ignored', account.practiceId);

    await tdb
      .update(billingAccounts)
      .set({ ...change, lastEventAt: at, updatedAt: now })
      .where(eq(billingAccounts.practiceId, account.practiceId));
    if (change.status && change.status !== account.status) {
      await recordAudit(
        tdb,
        { practiceId: account.practiceId, actor: 'stripe' },
        {
          action: 'billing.status_changed',
          entity: 'billing_account',
          entityId: account.practiceId,
          oldValue: { status: account.status },
          newValue: { status: change.status, event: event.type, eventId: event.id },
        },
      );
    }
    return finish('applied', account.practiceId);
  });
}

/** What every Stripe event has (https://docs.stripe.com/api/events/object); the handler relies on it. */
const StripeEnvelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

class MalformedEvent extends Error {
  constructor(readonly field: string) {
    super(`malformed Stripe event (${field})`);
  }
}

/**
 * POST /api/billing/stripe/webhook. Mount BEFORE the JSON body parser and outside session auth: the
 * signature is computed over the exact bytes Stripe sent (https://docs.stripe.com/webhooks#verify-events).
 */
export function stripeWebhookRouter(deps: AppDeps, clock: () => Date = () => new Date()): Router {
  const router = express.Router();
  const stripe = createStripeClient(deps.config.stripe);
  router.post(
    STRIPE_WEBHOOK_PATH,
    express.raw({ type: 'application/json', limit: '1mb' }),
    async (req, res) => {
      const secret = deps.config.stripe?.webhookSecret;
      if (!stripe || !secret) {
        res.status(503).json({
          error: {
            code: 'billing_not_configured',
            message: 'Stripe webhooks are not set up on this server (STRIPE_WEBHOOK_SECRET is missing).',
          },
        });
        return;
      }
      const signature = req.get('stripe-signature');
      let event: Stripe.Event;
      try {
        if (!signature || !Buffer.isBuffer(req.body)) throw new Error('no signature or body');
        event = stripe.webhooks.constructEvent(req.body, signature, secret);
      } catch {
        // Never log the body or the header: only that a delivery was refused.
        deps.log.warn({ route: STRIPE_WEBHOOK_PATH }, 'refused a Stripe webhook with a bad signature');
        res.status(400).json({
          error: {
            code: 'invalid_signature',
            message: 'The Stripe-Signature header does not match the body.',
          },
        });
        return;
      }
      // Signed by Stripe is not the same as well-formed: a body with the right signature but the wrong shape
      // (a test tool, a changed API version) is refused with 400 and logged, never a 500 that Stripe retries
      // for days. Checking happens inside the transaction, so nothing of it is written.
      const envelope = StripeEnvelope.safeParse(event);
      let result: HandledEvent;
      try {
        if (!envelope.success) throw new MalformedEvent(envelope.error.issues[0]?.path.join('.') ?? 'event');
        result = await handleStripeEvent(deps.db, event, clock());
      } catch (e) {
        if (!(e instanceof MalformedEvent || e instanceof TypeError)) throw e;
        deps.log.warn(
          {
            route: STRIPE_WEBHOOK_PATH,
            eventId: typeof event?.id === 'string' ? event.id.slice(0, 100) : undefined,
            type: typeof event?.type === 'string' ? event.type.slice(0, 100) : undefined,
            field: e instanceof MalformedEvent ? e.field : undefined,
          },
          'refused a signed but malformed Stripe event',
        );
        res.status(400).json({
          error: {
            code: 'malformed_event',
            message: 'The event is signed but not shaped like a Stripe event this server understands.',
          },
        });
        return;
      }
      deps.log.info({ eventId: event.id, type: event.type, outcome: result.outcome }, 'stripe event');
      res.status(200).json({ received: true, outcome: result.outcome });
    },
  );
  return router;
}
