// The real app with Stripe configured (or not) and a clock the test moves. Listens on loopback.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Database } from '../../../db/client.ts';
import { createApp } from '../../app.ts';
import type { AppDeps } from '../../deps.ts';
import { loadConfig } from '../../env.ts';
import { STRIPE_KEY, WEBHOOK_SECRET } from './stripe-api.ts';

export interface BillingTestApp {
  url: string;
  deps: AppDeps;
  /** Moves the app's clock. */
  setNow(at: Date): void;
  close(): Promise<void>;
  as(apiKey: string): (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
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
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    config,
    log: pino({ level: 'silent' }),
    version: 'test',
    now: () => now,
  };
  const { app } = createApp(deps, 'test-session-secret-test-session-secret');
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    setNow: (at) => {
      now = at;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    as:
      (apiKey) =>
      (path, init = {}) => {
        const { json, ...rest } = init;
        const headers = new Headers(rest.headers);
        headers.set('authorization', `Bearer ${apiKey}`);
        if (json !== undefined) headers.set('content-type', 'application/json');
        return fetch(`${url}${path}`, {
          ...rest,
          headers,
          body: json === undefined ? rest.body : JSON.stringify(json),
        });
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
