// The only file that constructs a Stripe client. Without STRIPE_SECRET_KEY there is none and the add-on
// runs in trial mode: trials start and end as usual, but nothing can be paid on this server.
import Stripe from 'stripe';
import type { Config } from '../env.ts';

export type { Stripe };

export function createStripeClient(settings: Config['stripe']): Stripe | undefined {
  if (!settings) return undefined;
  return new Stripe(settings.secretKey, {
    // Retries reuse Stripe's automatic idempotency keys, so a retried POST never creates twice:
    // https://docs.stripe.com/api/idempotent_requests
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Abtrac Accounts Link' },
  });
}

export const TRIAL_MODE_MESSAGE =
  'Payments are not set up on this server (no STRIPE_SECRET_KEY), so the add-on runs in trial mode: ' +
  'the free trial works as usual, but a subscription cannot be bought here.';
