// Where each platform is and who we are to it. With real credentials in the environment: the real hosts.
// Without them: the sandboxes, mounted in this very server at /sandbox/<name>/<service> (demo mode or
// SANDBOX=true); outside those modes such a provider is unavailable (`available: false`).
// Tests serve the sandboxes at the real hostnames through msw, with the sandbox credentials.
import type { Config } from '../env.ts';
import { myobPlatform } from './myob/manifest.ts';
import { xeroPlatform } from './xero/manifest.ts';

export interface XeroSettings {
  clientId: string;
  clientSecret: string;
  webhookKey: string;
  baseUrls: { identity: string; login: string; api: string };
  sandbox: boolean;
  /** False outside demo / SANDBOX=true mode when no credentials are configured: listed as not configured. */
  available: boolean;
}

export interface MyobSettings {
  apiKey: string;
  apiSecret: string;
  baseUrls: { secure: string; api: string };
  sandbox: boolean;
  available: boolean;
}

export interface ProviderSettings {
  xero: XeroSettings;
  myob: MyobSettings;
  /** The add-on's own public address: OAuth redirect and webhook URLs start with it. */
  publicUrl: string;
}

/** The app registration the sandboxes know. Not secrets: they only open the local simulators. */
export const SANDBOX_APPS = {
  xero: {
    clientId: 'abtrac-accounts-link-sandbox',
    clientSecret: 'sandbox-client-secret',
    webhookKey: 'sandbox-webhook-key',
  },
  myob: { apiKey: 'abtrac-accounts-link-sandbox', apiSecret: 'sandbox-api-secret' },
} as const;

export function providerSettings(
  config: Config,
  sandboxHosts: 'mounted' | 'real' = 'mounted',
): ProviderSettings {
  const mounted = (name: string, service: string) => `${config.publicUrl}/sandbox/${name}/${service}`;
  const xeroSandbox = config.xero === 'sandbox';
  const myobSandbox = config.myob === 'sandbox';
  const xeroHosts =
    xeroSandbox && sandboxHosts === 'mounted'
      ? {
          identity: mounted('xero', 'identity'),
          login: mounted('xero', 'login'),
          api: mounted('xero', 'api'),
        }
      : { ...xeroPlatform.hosts };
  const myobHosts =
    myobSandbox && sandboxHosts === 'mounted'
      ? { secure: mounted('myob', 'secure'), api: mounted('myob', 'api') }
      : { ...myobPlatform.hosts };
  return {
    publicUrl: config.publicUrl,
    xero:
      config.xero === 'sandbox'
        ? { ...SANDBOX_APPS.xero, baseUrls: xeroHosts, sandbox: true, available: config.sandbox }
        : {
            clientId: config.xero.clientId,
            clientSecret: config.xero.clientSecret,
            webhookKey: config.xero.webhookKey ?? '',
            baseUrls: xeroHosts,
            sandbox: false,
            available: true,
          },
    myob:
      config.myob === 'sandbox'
        ? { ...SANDBOX_APPS.myob, baseUrls: myobHosts, sandbox: true, available: config.sandbox }
        : {
            apiKey: config.myob.apiKey,
            apiSecret: config.myob.apiSecret,
            baseUrls: myobHosts,
            sandbox: false,
            available: true,
          },
  };
}

/** The redirect URI registered with each platform for this deployment. */
export const redirectUri = (settings: ProviderSettings, provider: 'xero' | 'myob') =>
  `${settings.publicUrl}${provider === 'xero' ? xeroPlatform.routes.callback : myobPlatform.routes.callback}`;

export type ProviderAvailability = 'live' | 'sandbox' | 'not_configured';

/** What start-up logs and GET /api/providers show for each OAuth provider. */
export function oauthAvailability(settings: ProviderSettings): Record<'xero' | 'myob', ProviderAvailability> {
  const of = (p: { sandbox: boolean; available: boolean }) =>
    !p.available ? 'not_configured' : p.sandbox ? 'sandbox' : 'live';
  return { xero: of(settings.xero), myob: of(settings.myob) };
}
