// What createXeroSandbox() takes, and the defaults the platform docs give (xero.md §1.5, §3).
import type { SandboxClock } from '../common/clock.ts';
import type { FaultInjector } from '../common/faults.ts';
import type { StateFile } from '../common/persistence.ts';
import type { XeroState } from './state.ts';

export interface XeroClientApp {
  clientId: string;
  clientSecret: string;
  /** Exact matches only: Xero allows no wildcards (xero.md §1.1). */
  redirectUris: string[];
  /** Shown on the consent page and as ProviderName in API envelopes. */
  name?: string;
}

export interface XeroPublicBaseUrls {
  identity: string;
  login: string;
  api: string;
  admin: string;
}

export interface XeroWebhookOptions {
  url: string;
  signingKey: string;
  /** Defaults to global fetch. */
  deliver?: (url: string, init: RequestInit) => Promise<Response>;
}

export interface XeroSandboxOptions {
  clock: SandboxClock;
  faults?: FaultInjector;
  publicBaseUrls?: Partial<XeroPublicBaseUrls>;
  clients: XeroClientApp[];
  /**
   * Skips the consent page: true or 'all' connects every organisation, 'first' only the first one.
   * Handy for scripted runs; a browser demo leaves it off to show the page.
   */
  autoApprove?: boolean | 'first' | 'all';
  stateFile?: StateFile<XeroState>;
  webhook?: XeroWebhookOptions;
  /** Calls per tenant per day (xero.md §3: 5,000; Starter tier 1,000). */
  dailyLimit?: number;
  /** Calls per tenant per minute (60). */
  minuteLimit?: number;
  /** Calls in flight per tenant (5). */
  concurrentLimit?: number;
  /** Calls per app per minute across tenants (10,000). */
  appMinuteLimit?: number;
  /** Seed for ids, codes and tokens. */
  seed?: number | string;
  /** Extra accounts in the AU organisation's chart, for benchmarks. */
  extraAccounts?: number;
  /**
   * Records of one kind (contacts, invoices) above which an organisation is high-volume and inefficient
   * list queries are refused with HighVolumeException (Xero: about 100,000). Tests set it low.
   */
  highVolumeThreshold?: number;
  /** Also accept client_secret_post at the token endpoint (the OAS lists body credentials; default Basic only). */
  allowClientSecretPost?: boolean;
}

export interface ResolvedOptions extends XeroSandboxOptions {
  publicBaseUrls: XeroPublicBaseUrls;
  dailyLimit: number;
  minuteLimit: number;
  concurrentLimit: number;
  appMinuteLimit: number;
  highVolumeThreshold: number;
}

export const XERO_HOSTS = {
  identity: 'identity.xero.com',
  login: 'login.xero.com',
  api: 'api.xero.com',
  admin: 'xero.sandbox.test',
} as const;

export function resolveOptions(options: XeroSandboxOptions): ResolvedOptions {
  const trim = (u: string) => u.replace(/\/+$/, '');
  const base = options.publicBaseUrls ?? {};
  return {
    ...options,
    publicBaseUrls: {
      identity: trim(base.identity ?? `https://${XERO_HOSTS.identity}`),
      login: trim(base.login ?? `https://${XERO_HOSTS.login}`),
      api: trim(base.api ?? `https://${XERO_HOSTS.api}`),
      admin: trim(base.admin ?? `https://${XERO_HOSTS.admin}`),
    },
    dailyLimit: options.dailyLimit ?? 5000,
    minuteLimit: options.minuteLimit ?? 60,
    concurrentLimit: options.concurrentLimit ?? 5,
    appMinuteLimit: options.appMinuteLimit ?? 10_000,
    highVolumeThreshold: options.highVolumeThreshold ?? 100_000,
  };
}
