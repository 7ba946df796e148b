// A small in-memory Stripe for tests, served through msw at https://api.stripe.com: the endpoints the add-on
// calls, answering with Stripe's response shapes (https://docs.stripe.com/api), and recording each request
// so tests can assert what was sent. Also builds signed webhook deliveries with Stripe's own test helper.
import { HttpResponse, http, passthrough } from 'msw';
import Stripe from 'stripe';
import { type BillingCurrency, CHARGE_LINES, PLANS, stripeLookupKey, unitCents } from '../plans.ts';

export const STRIPE_KEY = 'sk_test_abtrac_accounts_link';
export const WEBHOOK_SECRET = 'whsec_test_abtrac_accounts_link';
const BASE = 'https://api.stripe.com/v1';

export interface RecordedRequest {
  method: string;
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
}

type Obj = Record<string, unknown>;

export function priceObject(
  currency: BillingCurrency,
  line: (typeof CHARGE_LINES)[number],
  overrides: Obj = {},
): Obj {
  const plan = PLANS['link-monthly'];
  const key = stripeLookupKey(plan.id, currency, line);
  return {
    id: `price_${key}`,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: 1_772_400_000,
    currency: currency.toLowerCase(),
    livemode: false,
    lookup_key: key,
    metadata: {},
    nickname: null,
    product: 'prod_accounts_link',
    recurring: { interval: 'month', interval_count: 1, meter: null, usage_type: 'licensed' },
    tax_behavior: 'exclusive',
    type: 'recurring',
    unit_amount: Number(unitCents(plan, currency, line)),
    unit_amount_decimal: String(unitCents(plan, currency, line)),
    ...overrides,
  };
}

export function subscriptionObject(o: {
  id: string;
  customer: string;
  practiceId: string;
  status: Stripe.Subscription.Status;
  items?: Array<{ id: string; price: Obj; quantity: number }>;
  periodEnd?: number;
}): Obj {
  return {
    id: o.id,
    object: 'subscription',
    cancel_at_period_end: false,
    created: 1_772_400_000,
    currency: 'aud',
    customer: o.customer,
    items: {
      object: 'list',
      data: (o.items ?? []).map((i) => ({
        id: i.id,
        object: 'subscription_item',
        created: 1_772_400_000,
        current_period_start: (o.periodEnd ?? 1_775_000_000) - 2_592_000,
        current_period_end: o.periodEnd ?? 1_775_000_000,
        metadata: {},
        price: i.price,
        quantity: i.quantity,
        subscription: o.id,
      })),
      has_more: false,
      url: `/v1/subscription_items?subscription=${o.id}`,
    },
    livemode: false,
    metadata: { practiceId: o.practiceId, planId: 'link-monthly' },
    status: o.status,
  };
}

export function invoiceObject(o: {
  id: string;
  customer: string;
  subscription: string;
  practiceId: string;
  status: string;
}): Obj {
  return {
    id: o.id,
    object: 'invoice',
    amount_due: 2500,
    amount_paid: o.status === 'paid' ? 2500 : 0,
    billing_reason: 'subscription_cycle',
    currency: 'aud',
    customer: o.customer,
    livemode: false,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: {
        metadata: { practiceId: o.practiceId, planId: 'link-monthly' },
        subscription: o.subscription,
      },
    },
    status: o.status,
  };
}

export function checkoutSessionObject(o: {
  id: string;
  practiceId: string;
  customer: string;
  subscription: string;
  currency?: string;
  paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
}): Obj {
  return {
    id: o.id,
    object: 'checkout.session',
    client_reference_id: o.practiceId,
    currency: o.currency ?? 'aud',
    customer: o.customer,
    livemode: false,
    metadata: { practiceId: o.practiceId },
    mode: 'subscription',
    payment_status: o.paymentStatus ?? 'paid',
    status: 'complete',
    subscription: o.subscription,
    url: null,
  };
}

let eventSeq = 0;
/** A Stripe Event envelope (https://docs.stripe.com/api/events/object). */
export function eventObject(type: string, object: Obj, created: Date, id = `evt_test_${++eventSeq}`): Obj {
  return {
    id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(created.getTime() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** A webhook delivery signed the way Stripe signs it, by Stripe's own test helper. */
export function signedDelivery(event: Obj, secret = WEBHOOK_SECRET, at?: Date) {
  const payload = JSON.stringify(event, null, 2);
  const stripe = new Stripe(STRIPE_KEY);
  const header = stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(at ? { timestamp: Math.floor(at.getTime() / 1000) } : {}),
  });
  return { payload, header };
}

/** The fake Stripe API: state the test can set up, and every request it received. */
export function fakeStripe() {
  const requests: RecordedRequest[] = [];
  const prices: Obj[] = [];
  for (const currency of ['AUD', 'NZD'] as const)
    for (const line of CHARGE_LINES) prices.push(priceObject(currency, line));
  const subscriptions = new Map<string, Obj>();
  const record = async (request: Request) => {
    const url = new URL(request.url);
    const form =
      request.method === 'GET' ? url.searchParams : new URLSearchParams(await request.clone().text());
    const entry = {
      method: request.method,
      path: url.pathname,
      form,
      idempotencyKey: request.headers.get('idempotency-key'),
    };
    requests.push(entry);
    return entry;
  };
  const handlers = [
    // The app under test listens on loopback; let those requests through.
    http.all(/^http:\/\/127\.0\.0\.1(:\d+)?\//, () => passthrough()),
    http.get(`${BASE}/prices`, async ({ request }) => {
      const { form } = await record(request);
      const keys = [...form.entries()].filter(([k]) => k.startsWith('lookup_keys')).map(([, v]) => v);
      const data = prices.filter((p) => keys.includes(p.lookup_key as string) && p.active);
      return HttpResponse.json({ object: 'list', data, has_more: false, url: '/v1/prices' });
    }),
    http.post(`${BASE}/checkout/sessions`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({
        id: 'cs_test_a1',
        object: 'checkout.session',
        mode: 'subscription',
        status: 'open',
        url: 'https://checkout.stripe.com/c/pay/cs_test_a1',
      });
    }),
    http.post(`${BASE}/billing_portal/sessions`, async ({ request }) => {
      const { form } = await record(request);
      return HttpResponse.json({
        id: 'bps_test_1',
        object: 'billing_portal.session',
        customer: form.get('customer'),
        return_url: form.get('return_url'),
        url: 'https://billing.stripe.com/p/session/test_1',
      });
    }),
    http.get(`${BASE}/subscriptions/:id`, async ({ request, params }) => {
      await record(request);
      const sub = subscriptions.get(String(params.id));
      if (!sub) {
        return HttpResponse.json(
          {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              message: `No such subscription: '${params.id}'`,
            },
          },
          { status: 404 },
        );
      }
      return HttpResponse.json(sub);
    }),
    http.post(`${BASE}/subscriptions/:id`, async ({ request, params }) => {
      const { form } = await record(request);
      const sub = subscriptions.get(String(params.id));
      if (!sub) return HttpResponse.json({ error: { type: 'invalid_request_error' } }, { status: 404 });
      // Apply quantity changes to existing items, as Stripe would.
      const items = (sub.items as { data: Array<{ id: string; quantity: number }> }).data;
      for (let n = 0; form.has(`items[${n}][quantity]`); n++) {
        const item = items.find((i) => i.id === form.get(`items[${n}][id]`));
        if (item) item.quantity = Number(form.get(`items[${n}][quantity]`));
      }
      return HttpResponse.json(sub);
    }),
  ];
  return { handlers, requests, prices, subscriptions };
}
