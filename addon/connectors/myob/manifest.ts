// MYOB Business (AccountRight) facts as data. Sources: docs/platforms/myob.md and the MYOB pages it cites.
import type { ConnectorManifest } from '../types.ts';

export const myobManifest = {
  id: 'myob',
  displayName: 'MYOB Business',
  kind: 'api',
  auth: 'oauth2',
  // MYOB has no webhooks: payments come back by polling (myob.md).
  capabilities: ['reference.read', 'contacts.match', 'invoices.push', 'creditNotes.push', 'payments.read'],
  docs: ['https://developer.myob.com/api/myob-business-api/v2/'],
  // MYOB rounds the summed line taxes once per invoice (docs/platforms/myob.md, "How MYOB computes tax").
  taxRounding: 'invoice',
} as const satisfies ConnectorManifest;

export const myobPlatform = {
  /** Granular scopes, mandatory from March 2026; consent by a file Administrator (myob.md §1.5). */
  scopes: ['sme-company-file', 'sme-general-ledger', 'sme-contacts-customer', 'sme-sales'],
  hosts: { secure: 'https://secure.myob.com', api: 'https://api.myob.com' },
  paths: { authorize: '/oauth2/account/authorize', token: '/oauth2/v1/authorize', api: '/accountright' },
  /** 8 calls a second per API key across all files; over-limit is HTTP 403 RateLimitError (myob.md). */
  limits: { perSecond: 8, perDay: 1_000_000, pageSize: 1_000, numberLength: 13 },
  tokens: { accessSeconds: 1_200, consentMonths: 12 },
  /** The add-on's own routes that MYOB redirects to; the Marketplace listing must name the same. */
  routes: { callback: '/api/oauth/myob/callback' },
} as const;
