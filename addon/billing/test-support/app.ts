// The real app with Stripe configured (or not) and a clock the test moves. Listens on loopback.
import type { Database } from '../../../db/client.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/app.ts';
import { loadConfig } from '../../env.ts';
import { STRIPE_KEY, WEBHOOK_SECRET } from './stripe-api.ts';

export interface BillingTestApp extends TestApp {
  /** Moves the app's clock. */
  setNow(at: Date): void;
}

export async function startBillingApp(
  database: Database,
  options: { stripe: boolean; now: Date },
): Promise<BillingTestApp> {
  const config = loadConfig({
    DATA_DIR: '/nonexistent',
    DEMO: 'false',
    NODE_ENV: 'test',
    PUBLIC_URL: 'https://link.example.test',
    ...(options.stripe ? { STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}),
  });
  let now = options.now;
  const app = await startTestApp(database, { config, now: () => now });
  return {
    ...app,
    setNow: (at) => {
      now = at;
    },
  };
}

/** POSTs a webhook delivery to the app exactly as Stripe would. */
export function deliver(app: BillingTestApp, delivery: { payload: string; header: string }) {
  return fetch(`${app.url}/api/billing/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': delivery.header },
    body: delivery.payload,
  });
}
