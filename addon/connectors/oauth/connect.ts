// Starting a flow: an attempt row (PKCE verifier, encrypted), a signed state, the provider's authorize URL.
import { and, eq } from 'drizzle-orm';
import { accountsInterfaces } from '../../../db/schema.ts';
import { manifestOf } from '../registry.ts';
import { redirectUri } from '../settings.ts';
import type { InterfaceOptions } from '../types.ts';
import { createAttempt, type OAuthProvider } from './attempts.ts';
import { adapterFor, type ConnectionDeps, isOAuthProvider } from './deps.ts';
import { flowError, providerNotConfigured } from './errors.ts';
import { type AttemptPurpose, newBinding, STATE_TTL_MS, signState } from './state.ts';

export interface StartedFlow {
  authorizeUrl: string;
  attemptId: string;
  /** The random secret for this browser's binding cookie; the state carries only its hash. */
  bindingSecret: string;
}

export interface Actor {
  practiceId: string;
  actor: string;
}

/** Connect or Reconnect an interface; `allowTenantChange` = the person confirmed moving it to another organisation. */
export async function startConnect(
  deps: ConnectionDeps,
  auth: Actor,
  interfaceId: string,
  opts: { allowTenantChange?: boolean | undefined } = {},
): Promise<StartedFlow> {
  const [iface] = await deps.db
    .select({ provider: accountsInterfaces.provider, options: accountsInterfaces.options })
    .from(accountsInterfaces)
    .where(and(eq(accountsInterfaces.practiceId, auth.practiceId), eq(accountsInterfaces.id, interfaceId)));
  if (!iface) throw flowError(404, 'not_connected', 'Accounts interface was not found in this practice.');
  const manifest = manifestOf(iface.provider);
  if (manifest?.auth !== 'oauth2' || !isOAuthProvider(iface.provider)) {
    throw flowError(
      400,
      'not_oauth',
      `${manifest?.displayName ?? iface.provider} works with import files: there is nothing to connect. Export invoices from the Exports page instead.`,
    );
  }
  return start(deps, iface.provider, 'connect', {
    practiceId: auth.practiceId,
    interfaceId,
    startedBy: auth.actor,
    allowTenantChange: opts.allowTenantChange,
    options: iface.options as InterfaceOptions,
  });
}

/** Sign up with Xero (xero.md §1.8): the App Store's connect request URL; no practice exists yet. */
export function startSignup(deps: ConnectionDeps): Promise<StartedFlow> {
  return start(deps, 'xero', 'signup', { practiceId: null, interfaceId: null, startedBy: null });
}

async function start(
  deps: ConnectionDeps,
  provider: OAuthProvider,
  purpose: AttemptPurpose,
  who: {
    practiceId: string | null;
    interfaceId: string | null;
    startedBy: string | null;
    allowTenantChange?: boolean | undefined;
    /** The interface's options decide the scopes asked for (signup has none: the smallest set). */
    options?: InterfaceOptions | undefined;
  },
): Promise<StartedFlow> {
  if (!deps.settings[provider].available) throw providerNotConfigured(provider);
  const now = deps.clock.now();
  const adapter = adapterFor(deps, provider);
  const { attemptId, codeChallenge } = await createAttempt(
    deps.db,
    deps.tokenKey,
    { practiceId: who.practiceId, interfaceId: who.interfaceId, provider, purpose, startedBy: who.startedBy },
    now,
  );
  const binding = newBinding();
  const state = signState(deps.sessionSecret, {
    attemptId,
    purpose,
    expiresAt: now + STATE_TTL_MS,
    allowTenantChange: who.allowTenantChange,
    bindingHash: binding.hash,
  });
  const url = await adapter.authorizationUrl({
    redirectUri: redirectUri(deps.settings, provider),
    state,
    codeChallenge,
    scopes: adapter.scopesFor(who.options ?? {}),
  });
  return { authorizeUrl: url.toString(), attemptId, bindingSecret: binding.secret };
}
