// Sign in through an OpenID Connect provider with openid-client: authorization code + PKCE, a random state
// and nonce kept in a signed cookie on the browser that started (so nobody can finish someone else's
// sign-in, and nothing is stored for anonymous visitors), and the id_token verified: signature against the
// provider's JWKS, iss, aud, nonce and expiry. The verified (iss, sub) is who the person is.
import * as client from 'openid-client';
import { isLoopbackHttp, type SignInProvider } from './providers.ts';

export const SIGNIN_COOKIE = 'aal_signin';
export const SIGNIN_COOKIE_PATH = '/api/auth';
/** A sign-in must be finished within this long. */
export const SIGNIN_TTL_MS = 10 * 60_000;
const SCOPES = 'openid profile email';

/** What the browser keeps between the start and the callback (cookie-parser signs it). */
export interface SignInCookie {
  /** provider id */
  p: string;
  state: string;
  nonce: string;
  verifier: string;
  /** invitation token, when the sign-in accepts an invitation */
  inv?: string | undefined;
  exp: number;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

export function signInClient(provider: SignInProvider, redirectUriFor: (id: string) => string) {
  let config: Promise<client.Configuration> | undefined;
  const configuration = () => {
    config ??= client
      .discovery(
        new URL(provider.issuer),
        provider.clientId,
        { redirect_uris: [redirectUriFor(provider.id)] },
        client.ClientSecretBasic(provider.clientSecret),
        {
          execute: [
            // Check the id_token's signature against the provider's JWKS, not only its claims.
            client.enableNonRepudiationChecks,
            ...(isLoopbackHttp(provider.issuer) ? [client.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((e) => {
        config = undefined; // retried next time
        throw e;
      });
    return config;
  };

  return {
    provider,
    async start(invitation: string | undefined, now: number): Promise<{ url: URL; cookie: SignInCookie }> {
      const cookie: SignInCookie = {
        p: provider.id,
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        inv: invitation,
        exp: now + SIGNIN_TTL_MS,
      };
      let cfg: client.Configuration;
      try {
        cfg = await configuration();
      } catch {
        throw new SignInError(
          'provider_unavailable',
          `${provider.name} could not be reached. Try again shortly.`,
        );
      }
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUriFor(provider.id),
        response_type: 'code',
        scope: SCOPES,
        state: cookie.state,
        nonce: cookie.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(cookie.verifier),
        code_challenge_method: 'S256',
      });
      return { url, cookie };
    },

    /** Exchanges the code and verifies the id_token; throws SignInError in plain words. */
    async finish(callbackUrl: URL, cookie: SignInCookie): Promise<VerifiedIdentity> {
      let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
      try {
        tokens = await client.authorizationCodeGrant(await configuration(), callbackUrl, {
          pkceCodeVerifier: cookie.verifier,
          expectedState: cookie.state,
          expectedNonce: cookie.nonce,
          idTokenExpected: true,
        });
      } catch (e) {
        if (e instanceof client.AuthorizationResponseError && e.error === 'access_denied') {
          throw new SignInError('access_denied', `Sign-in was cancelled at ${provider.name}.`);
        }
        // The cause (openid-client's check that failed: signature, iss, aud, nonce, expiry...) is logged.
        throw new SignInError(
          'sign_in_failed',
          `${provider.name} could not confirm who you are. Try signing in again.`,
          e,
        );
      }
      const claims = tokens.claims();
      if (!claims) throw new SignInError('sign_in_failed', `${provider.name} sent no id_token.`);
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
      const name =
        typeof claims.name === 'string'
          ? claims.name
          : [claims.given_name, claims.family_name].filter((p) => typeof p === 'string' && p).join(' ') ||
            undefined;
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email,
        emailVerified: claims.email_verified === true,
        name,
      };
    },
  };
}

export type SignInClient = ReturnType<typeof signInClient>;
