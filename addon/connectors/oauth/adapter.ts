// What the generic connect flow needs from a provider beyond the OAuthAdapter contract (types.ts), and the
// shared translation of openid-client failures into ConnectorErrors (never carrying a token).
import * as client from 'openid-client';
import { ConnectorError } from '../errors.ts';
import type { InterfaceOptions, OAuthAdapter, Tenant, TokenGrant } from '../types.ts';
import type { OAuthProvider } from './attempts.ts';
import type { FlowErrorCode } from './errors.ts';

export interface FlowAdapter extends OAuthAdapter {
  readonly provider: OAuthProvider;
  readonly scopes: readonly string[];
  /** The scopes to ask for, from the interface's options (only what they need). */
  scopesFor(options: InterfaceOptions): readonly string[];
  /** Refresh a connection nobody used for this long, so its refresh token never dies of idleness. */
  readonly idleRefreshDays: number;
  /** Plain words for an `error` the platform put on the callback URL. */
  callbackError(error: string, description: string | null): { code: FlowErrorCode; message: string };
  /**
   * A cheap question to the platform: does this token still reach the organisation? (Xero: GET
   * /connections lists it, docs/platforms/xero.md.) Absent where the platform has no such call: a valid token is then
   * all that can be known.
   */
  stillConnected?(accessToken: string, tenant: Tenant): Promise<boolean>;
  /** MYOB: consent lasts 12 months (myob.md §1.4). Xero: none. */
  consentExpiresAt(now: number): Date | null;
}

/** openid-client wants the callback URL exactly as registered (myob.md §1.8): public URL + the query we got. */
export function publicCallbackUrl(redirectUri: string, callbackUrl: URL): URL {
  const url = new URL(redirectUri);
  url.search = callbackUrl.search;
  return url;
}

export const isHttp = (url: string) => url.startsWith('http://');

export function toGrant(
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  now: number,
  fallbackScopes: readonly string[],
): TokenGrant {
  const expiresIn = tokens.expiresIn();
  const claims = tokens.claims();
  const name = claims
    ? [claims.given_name, claims.family_name].filter((p) => typeof p === 'string' && p).join(' ') ||
      (typeof claims.name === 'string' ? claims.name : undefined)
    : undefined;
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    // A missing expires_in is treated as already short-lived: refresh on next use rather than trust it.
    accessExpiresAt: now + (expiresIn ?? 0) * 1000,
    scopes: typeof tokens.scope === 'string' && tokens.scope ? tokens.scope.split(' ') : [...fallbackScopes],
    ...(claims
      ? {
          identity: {
            issuer: claims.iss,
            sub: claims.sub,
            email: typeof claims.email === 'string' ? claims.email : undefined,
            name: name || undefined,
          },
        }
      : {}),
  };
}

/**
 * invalid_grant (expired, revoked, reused after rotation, user disconnected the app: xero.md §1.5) means
 * only a person can fix it by connecting again; anything else (network, 5xx) may pass by itself.
 */
export function oauthFailure(provider: string, operation: string, e: unknown): ConnectorError {
  if (e instanceof ConnectorError) return e;
  if (e instanceof client.ResponseBodyError) {
    if (e.error === 'invalid_grant' || e.error === 'invalid_client' || e.error === 'unauthorized_client') {
      return new ConnectorError({
        code: 'reconnect_needed',
        message: `${displayName(provider)} no longer accepts this connection (it was disconnected, revoked or expired). Connect again to continue.`,
        provider,
        operation,
        httpStatus: e.status,
        body: { error: e.error },
      });
    }
    return new ConnectorError({
      code: e.status >= 500 ? 'provider_unavailable' : 'validation',
      message: `${displayName(provider)} refused the request (${e.error}).`,
      provider,
      operation,
      httpStatus: e.status,
      body: { error: e.error },
    });
  }
  if (e instanceof client.ClientError && e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const status = (e.cause as { status?: number } | undefined)?.status;
    return new ConnectorError({
      code: status !== undefined && status < 500 ? 'validation' : 'provider_unavailable',
      message: `${displayName(provider)} answered unexpectedly${status ? ` (HTTP ${status})` : ''}. Try again shortly.`,
      provider,
      operation,
      httpStatus: status,
    });
  }
  return new ConnectorError({
    code: 'provider_unavailable',
    message: `${displayName(provider)} could not be reached. Try again shortly.`,
    provider,
    operation,
    // The cause may be a fetch TypeError; openid-client errors never include the tokens we sent.
    cause: e instanceof Error ? new Error(e.message) : undefined,
  });
}

const displayName = (provider: string) =>
  provider === 'xero' ? 'Xero' : provider === 'myob' ? 'MYOB' : provider;
