// The sign-in providers this deployment trusts: every OpenID Connect provider in OIDC_PROVIDERS (Microsoft
// Entra ID, Google, Abtrac's own sign-in...), and Sign in with Xero when the add-on has a Xero app (its
// sandbox in demo mode). Each is an issuer, a client id and a secret; nothing else about a provider is
// hard-coded: endpoints and keys come from its discovery document.
import type { XeroSettings } from '../connectors/settings.ts';
import type { Config } from '../env.ts';

/** The redirect URI to register with a provider: $PUBLIC_URL + this. */
export const callbackPath = (providerId: string) => `/api/auth/callback/${providerId}`;

export interface SignInProvider {
  id: string;
  name: string;
  /** Where discovery starts: `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export function signInProviders(config: Config, xero: XeroSettings): SignInProvider[] {
  const list: SignInProvider[] = config.signInProviders.map((p) => ({ ...p }));
  // Xero's sandbox signs in anyone, so it only serves sign-in in demo mode.
  if (!xero.sandbox || config.demo) {
    list.unshift({
      id: 'xero',
      name: 'Xero',
      issuer: xero.baseUrls.identity,
      clientId: xero.clientId,
      clientSecret: xero.clientSecret,
    });
  }
  return list;
}

/** Plain http is allowed only to this machine: a sandbox or a test's identity provider. */
export function isLoopbackHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}
