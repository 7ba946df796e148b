// The Xero sandbox: a faithful simulation of Xero's identity service and Accounting API for the demo,
// the tests (through msw) and the benchmarks. See sandbox.ts for the factory.

export type { PayInvoiceOptions, XeroControl } from './control.ts';
export type { XeroClientApp, XeroPublicBaseUrls, XeroSandboxOptions, XeroWebhookOptions } from './options.ts';
export { XERO_HOSTS } from './options.ts';
export type { XeroInspect, XeroSandbox } from './sandbox.ts';
export { createXeroSandbox } from './sandbox.ts';
export { DEMO_AU_TENANT_ID, DEMO_NZ_TENANT_ID } from './seed-orgs.ts';
export type { XeroState } from './state.ts';
export type { IntentToReceiveResult, WebhookPayload } from './webhooks.ts';
export { signWebhookBody } from './webhooks.ts';
