// Xero's OAuthAdapter: OpenID Connect with discovery, client_secret_basic and PKCE S256 (xero.md §1.1,
// §1.5, §1.6), tenants from GET /connections (§1.2), disconnect with DELETE /connections/{id} (§1.7).
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { Clock } from '../clock.ts';
import { ConnectorError } from '../errors.ts';
import { type FlowAdapter, isHttp, oauthFailure, publicCallbackUrl, toGrant } from '../oauth/adapter.ts';
import type { XeroSettings } from '../settings.ts';
import type { Tenant, TokenGrant } from '../types.ts';
import { xeroPlatform, xeroScopesFor } from './manifest.ts';

interface XeroConnection {
  id: string;
  tenantId: string;
  tenantName: string;
  tenantType?: string;
  authEventId?: string;
}

/**
 * The OpenID Connect nonce of a flow, derived from its signed, single-use state: it ties the id_token to
 * this very authorization request without storing anything more (OIDC Core §3.1.2.1, §15.5.2).
 */
const nonceFor = (state: string) =>
  createHash('sha256').update(`aal/oidc-nonce/v1:${state}`).digest('base64url');

export function xeroOAuth(settings: XeroSettings, clock: Clock): FlowAdapter {
  let config: Promise<client.Configuration> | undefined;
  const configuration = () => {
    config ??= client
      .discovery(
        new URL(settings.baseUrls.identity),
        settings.clientId,
        // Xero sends an id_token with every refresh; a server clock a little off must not make us reject a
        // response whose refresh token Xero has already rotated (openid-client's default tolerance is 30 s).
        { [client.clockTolerance]: 300 },
        // Xero documents Basic at the token endpoint; openid-client's default would be client_secret_post.
        client.ClientSecretBasic(settings.clientSecret),
        // The id_token names who signs in (Sign up with Xero): its signature is checked against Xero's JWKS.
        // Only the demo's mounted sandbox is plain http (http://localhost/sandbox/xero/identity).
        {
          execute: [
            client.enableNonRepudiationChecks,
            ...(isHttp(settings.baseUrls.identity) ? [client.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((e) => {
        config = undefined; // a failed discovery is retried next time
        throw oauthFailure('xero', 'discovery', e);
      });
    return config;
  };
  const api = settings.baseUrls.api.replace(/\/+$/, '');

  async function connectionsCall(method: 'GET' | 'DELETE', path: string, accessToken: string) {
    let res: Response;
    try {
      res = await fetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      });
    } catch (e) {
      throw oauthFailure('xero', `connections.${method.toLowerCase()}`, e);
    }
    return res;
  }

  function httpFailure(operation: string, res: Response, body: unknown): ConnectorError {
    return new ConnectorError({
      code:
        res.status === 401 || res.status === 403
          ? 'reconnect_needed'
          : res.status === 429
            ? 'rate_limited'
            : res.status >= 500
              ? 'provider_unavailable'
              : 'validation',
      message: `Xero answered HTTP ${res.status} to ${operation}.`,
      provider: 'xero',
      operation,
      httpStatus: res.status,
      body,
    });
  }

  return {
    provider: 'xero',
    scopes: xeroPlatform.scopes,
    scopesFor: (options) => xeroScopesFor(options),
    // Unused refresh tokens die after 60 days (xero.md §1.5): refresh idle connections after 14.
    idleRefreshDays: 14,

    async authorizationUrl({ redirectUri, state, codeChallenge, scopes }) {
      // The authorize endpoint comes from discovery: login.xero.com (or the sandbox's login host).
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: scopes.join(' '),
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        nonce: nonceFor(state),
      });
    },

    async exchangeCode({ callbackUrl, redirectUri, codeVerifier, expectedState }) {
      try {
        const tokens = await client.authorizationCodeGrant(
          await configuration(),
          publicCallbackUrl(redirectUri, callbackUrl),
          {
            pkceCodeVerifier: codeVerifier,
            expectedState,
            expectedNonce: nonceFor(expectedState),
            idTokenExpected: true,
          },
        );
        // openid-client has checked the id_token's signature (JWKS), iss, aud, exp, iat and nonce.
        return toGrant(tokens, clock.now(), xeroScopesFor());
      } catch (e) {
        throw oauthFailure('xero', 'exchangeCode', e);
      }
    },

    async tenants(grant: TokenGrant) {
      // Only the tenants connected in this very flow (xero.md §1.2): the access token names its auth event.
      const authEventId = authEventIdOf(grant.accessToken);
      const path = `/connections${authEventId ? `?authEventId=${encodeURIComponent(authEventId)}` : ''}`;
      const res = await connectionsCall('GET', path, grant.accessToken);
      const body = await res.json().catch(() => undefined);
      if (!res.ok || !Array.isArray(body)) throw httpFailure('GET /connections', res, body);
      return (body as XeroConnection[])
        .filter((c) => !c.tenantType || c.tenantType === 'ORGANISATION')
        .map((c): Tenant => ({ tenantId: c.tenantId, name: c.tenantName, connectionId: c.id }));
    },

    async stillConnected(accessToken, tenant) {
      // Every organisation the app is connected to for this user; one removed in Xero (Settings,
      // Connected apps) is no longer listed (docs/platforms/xero.md).
      const res = await connectionsCall('GET', '/connections', accessToken);
      const body = await res.json().catch(() => undefined);
      if (!res.ok || !Array.isArray(body)) throw httpFailure('GET /connections', res, body);
      return (body as XeroConnection[]).some((c) => c.tenantId === tenant.tenantId);
    },

    async refresh(refreshToken) {
      try {
        return toGrant(
          await client.refreshTokenGrant(await configuration(), refreshToken),
          clock.now(),
          // No scope in the answer: keep what the connection was granted (the token store does).
          [],
        );
      } catch (e) {
        throw oauthFailure('xero', 'refresh', e);
      }
    },

    async disconnect(accessToken, tenant) {
      if (!tenant.connectionId) return;
      const res = await connectionsCall(
        'DELETE',
        `/connections/${encodeURIComponent(tenant.connectionId)}`,
        accessToken,
      );
      // 404: already gone (disconnected in Xero, xero.md §1.7): the outcome we wanted.
      if (!res.ok && res.status !== 404) throw httpFailure('DELETE /connections', res, await res.text());
    },

    callbackError(error, description) {
      if (error === 'access_denied') {
        return {
          code: 'access_denied',
          message:
            'Xero access was not granted (the consent page was cancelled). Connect again and choose Allow access.',
        };
      }
      return {
        code: 'provider_error',
        message: `Xero could not complete the connection (${error}${description ? `: ${description}` : ''}). Try connecting again.`,
      };
    },

    consentExpiresAt: () => null,
  };
}

/** Xero access tokens are JWTs carrying `authentication_event_id`; read, not trusted (it only filters our own call). */
function authEventIdOf(accessToken: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const id = payload?.authentication_event_id;
    return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
