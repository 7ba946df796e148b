// The Billing screen's API: plan, status (trial days left, entitlement, trial mode), usage, statement
// (JSON and CSV), Checkout and the customer portal. The Stripe webhook is NOT here: it needs the raw body,
// see addon/billing/webhook.ts (stripeWebhookRouter).
import { z } from 'zod';
import { ensureBillingAccount } from '../billing/account.ts';
import { utcMonth } from '../billing/dates.ts';
import { entitlementFrom } from '../billing/entitlement.ts';
import { portalLink, startCheckout } from '../billing/payments.ts';
import { PLANS } from '../billing/plans.ts';
import { statementCsv, statementOf } from '../billing/statement.ts';
import { createStripeClient, TRIAL_MODE_MESSAGE } from '../billing/stripe-client.ts';
import { usageOf } from '../billing/usage.ts';
import { planView, statementView, statusView, usageView } from '../billing/views.ts';
import {
  BillingPlan,
  BillingStatement,
  BillingStatus,
  BillingUsage,
  CheckoutRequest,
  MonthQuery,
  RedirectUrl,
} from '../contract/billing.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import type { ApiRoutes } from '../http/route.ts';

/** `clock` is for tests; the app passes nothing and gets the wall clock, read here at the edge only. */
export function billingRoutes(api: ApiRoutes, deps: AppDeps, clock: () => Date = () => new Date()) {
  const { db, config } = deps;
  const stripe = createStripeClient(config.stripe);
  const tag = 'Billing';
  const returnUrl = `${config.publicUrl}/billing`;
  const needStripe = () => {
    if (!stripe) throw new AppError(503, 'payments_not_configured', TRIAL_MODE_MESSAGE);
    return stripe;
  };

  api.add(
    {
      method: 'get',
      path: '/api/billing/plans',
      role: 'administrator',
      tag,
      summary: 'The plans and their prices',
      response: z.array(BillingPlan),
    },
    async () => Object.values(PLANS).map(planView),
  );
  api.add(
    {
      method: 'get',
      path: '/api/billing/status',
      role: 'administrator',
      tag,
      summary: 'Plan, billing status, trial days left, whether pushing and exporting are allowed',
      response: BillingStatus,
    },
    async ({ auth }) => {
      const now = clock();
      const account = await ensureBillingAccount(db, auth.practiceId, now);
      return statusView(account, entitlementFrom(account, now), Boolean(stripe));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/billing/usage',
      role: 'administrator',
      tag,
      summary: 'Accounts files counted and invoices pushed/exported in a month (default: this month)',
      query: MonthQuery,
      response: BillingUsage,
    },
    async ({ auth, query }) =>
      usageView(await usageOf(db, auth.practiceId, query.month ?? utcMonth(clock()))),
  );
  api.add(
    {
      method: 'get',
      path: '/api/billing/statement',
      role: 'administrator',
      tag,
      summary: 'The monthly statement: what is charged and why, line by line',
      query: MonthQuery,
      response: BillingStatement,
    },
    async ({ auth, query }) => {
      const now = clock();
      return statementView(await statementOf(db, auth.practiceId, query.month ?? utcMonth(now), now));
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/billing/statement.csv',
      role: 'administrator',
      tag,
      summary: 'The monthly statement as a CSV download',
      query: MonthQuery,
      response: z.string().meta({ description: 'text/csv' }),
    },
    async ({ auth, query, res }) => {
      const now = clock();
      const month = query.month ?? utcMonth(now);
      const csv = statementCsv(await statementOf(db, auth.practiceId, month, now));
      res.type('text/csv; charset=utf-8').attachment(`abtrac-accounts-link-statement-${month}.csv`).send(csv);
      return undefined;
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/billing/checkout',
      role: 'administrator',
      tag,
      summary: 'Start Stripe Checkout to subscribe; returns the page to open',
      body: CheckoutRequest,
      response: RedirectUrl,
      errors: [409, 503],
    },
    async ({ auth, body }) =>
      startCheckout(
        db,
        needStripe(),
        { practiceId: auth.practiceId, currency: body.currency, returnUrl },
        clock(),
      ),
  );
  api.add(
    {
      method: 'post',
      path: '/api/billing/portal',
      role: 'administrator',
      tag,
      summary: "Open Stripe's customer portal (card, invoices, cancel); returns the page to open",
      response: RedirectUrl,
      errors: [409, 503],
    },
    async ({ auth }) => portalLink(db, needStripe(), { practiceId: auth.practiceId, returnUrl }, clock()),
  );
}
