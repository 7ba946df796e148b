// Xero's facts as data. Sources: docs/platforms/xero.md (§ numbers below).
import type { ConnectorManifest, InterfaceOptions } from '../types.ts';

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
  /**
   * Every scope the add-on may ask for (the App Store listing names exactly these). Each connection asks
   * only for what its options need: xeroScopeNeeds below (docs/platforms/xero.md, "Scopes").
   */
  scopes: [
    'openid',
    'profile',
    'email',
    'offline_access',
    'accounting.settings.read',
    'accounting.settings',
    'accounting.contacts',
    'accounting.invoices',
    'accounting.payments.read',
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

export interface ScopeNeed {
  scope: string;
  /** Why the add-on asks for it, in words shown beside Reconnect. */
  reason: string;
}

/**
 * The scopes a Xero connection needs for the interface's options (docs/platforms/xero.md, "Scopes"):
 * creating tracking options (jobs) is a settings write, so `accounting.settings` only when jobs are
 * created, `accounting.settings.read` otherwise; payments come back through `accounting.payments.read`.
 */
export function xeroScopeNeeds(options: Pick<InterfaceOptions, 'createJobs'> = {}): ScopeNeed[] {
  return [
    { scope: 'openid', reason: 'signing in with Xero' },
    { scope: 'profile', reason: 'showing who connected' },
    { scope: 'email', reason: 'showing who connected' },
    { scope: 'offline_access', reason: 'staying connected between uploads' },
    options.createJobs
      ? { scope: 'accounting.settings', reason: 'creating jobs as Xero tracking options' }
      : { scope: 'accounting.settings.read', reason: 'reading accounts, tax rates and tracking categories' },
    { scope: 'accounting.contacts', reason: 'matching and creating contacts' },
    { scope: 'accounting.invoices', reason: 'sending invoices and credit notes' },
    { scope: 'accounting.payments.read', reason: 'bringing payments back' },
  ];
}

/** The scope list to request for these options, in the manifest's order. */
export function xeroScopesFor(options: Pick<InterfaceOptions, 'createJobs'> = {}): string[] {
  return xeroScopeNeeds(options).map((n) => n.scope);
}

/** A granted scope covers a need when it is the same, or the write scope of a `.read` need. */
function covers(granted: ReadonlySet<string>, scope: string): boolean {
  return granted.has(scope) || (scope.endsWith('.read') && granted.has(scope.slice(0, -'.read'.length)));
}

/** What the options need that the connection was not granted (empty when nothing is missing). */
export function missingXeroScopes(
  granted: readonly string[],
  options: Pick<InterfaceOptions, 'createJobs'>,
): ScopeNeed[] {
  const set = new Set(granted);
  // Only the API scopes: the OpenID ones change nothing the add-on does once connected.
  return xeroScopeNeeds(options).filter((n) => n.scope.startsWith('accounting.') && !covers(set, n.scope));
}

/** The sentence a person sees for missing scopes: what to allow on Reconnect, and why. */
export function permissionMissingMessage(needs: readonly ScopeNeed[]): string {
  const list = needs.map((n) => `${n.scope} (${n.reason})`).join(', ');
  return `Permission missing: reconnect and allow ${list}.`;
}
