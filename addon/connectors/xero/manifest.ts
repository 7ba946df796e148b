// Xero's facts as data. Sources: ../shared/reference/xero.md (§ numbers below).
import type { ConnectorManifest } from '../types.ts';

export const xeroManifest = {
  id: 'xero',
  displayName: 'Xero',
  kind: 'api',
  auth: 'oauth2',
  capabilities: [
    'reference.read',
    'contacts.match',
    'invoices.push',
    'creditNotes.push',
    'payments.read',
    'webhooks',
  ],
  docs: ['https://developer.xero.com/documentation/api/accounting/overview'],
} as const satisfies ConnectorManifest;

export const xeroPlatform = {
  /** The 2026 granular scopes, the minimum this add-on needs (xero.md §1.4). */
  scopes: [
    'openid',
    'profile',
    'email',
    'offline_access',
    'accounting.settings.read',
    'accounting.contacts',
    'accounting.invoices',
  ],
  hosts: {
    identity: 'https://identity.xero.com',
    login: 'https://login.xero.com',
    api: 'https://api.xero.com',
  },
  paths: {
    authorize: '/identity/connect/authorize',
    accounting: '/api.xro/2.0',
    connections: '/connections',
  },
  /** Per organisation: 60 calls a minute, 5 in flight, 5,000 a day; 10,000 a minute per app (xero.md §3). */
  limits: { perMinute: 60, concurrent: 5, perDay: 5_000, appPerMinute: 10_000, batchSize: 50 },
  tokens: { accessSeconds: 1_800, refreshGraceSeconds: 1_800, refreshIdleDays: 60 },
  /** The add-on's own routes that Xero calls or sends people to; the App Store listing must name the same. */
  routes: {
    callback: '/api/oauth/xero/callback',
    /** The App Store's "connect request URL": Sign up with Xero starts here. */
    signup: '/api/oauth/xero/signup',
    webhook: '/api/webhooks/xero',
  },
} as const;
