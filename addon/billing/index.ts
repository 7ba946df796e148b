// What the rest of the add-on calls. The push/export engine: assertEntitled before sending, recordUsage
// after. The scheduler: snapshotConnectedFiles daily, then syncSubscriptionQuantities per subscribed
// practice. addon/app.ts: stripeWebhookRouter before the JSON parser, billingRoutes with the API.
export { assertEntitled, type Entitlement, entitlementOf } from './entitlement.ts';
export { syncSubscriptionQuantities } from './payments.ts';
export { createStripeClient } from './stripe-client.ts';
export { recordUsage, snapshotConnectedFiles } from './usage.ts';
export { STRIPE_WEBHOOK_PATH, stripeWebhookRouter } from './webhook.ts';
