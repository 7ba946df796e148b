// Token issue and lookup (xero.md §1.3, §1.5): access tokens are RS256 JWTs living 30 minutes, refresh
// tokens are opaque, rotate on every use, stay usable for a 30-minute grace after rotation, and expire
// after 60 days unused. Everything a token grants is looked up in the state by its id, so revocation and
// disconnection take effect at once.
import { createHash } from 'node:crypto';
import { newId, newToken, SANDBOX_USER, type XeroContext } from '../context.ts';
import type { Grant } from '../state.ts';

export const ACCESS_TOKEN_TTL_MS = 30 * 60_000;
export const REFRESH_TOKEN_IDLE_MS = 60 * 86_400_000;
export const REFRESH_GRACE_MS = 30 * 60_000;
export const CODE_TTL_MS = 5 * 60_000;
const ID_TOKEN_TTL_S = 5 * 60;

export interface TokenResponse {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

/** at_hash: the left half of SHA-256 of the access token, base64url (OIDC Core §3.1.3.6). */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

function pruneExpired(ctx: XeroContext, now: number) {
  const tokens = ctx.state.identity.accessTokens;
  for (const [jti, t] of Object.entries(tokens))
    if (t.expiresAt < now - ACCESS_TOKEN_TTL_MS) delete tokens[jti];
}

export async function issueTokens(
  ctx: XeroContext,
  grant: Grant,
  opts: { nonce?: string | undefined; withIdToken: boolean },
): Promise<TokenResponse> {
  const now = ctx.clock.now();
  const nowS = Math.floor(now / 1000);
  const issuer = ctx.options.publicBaseUrls.identity;
  pruneExpired(ctx, now);
  const jti = newId(ctx).replace(/-/g, '').toUpperCase();
  ctx.state.identity.accessTokens[jti] = {
    jti,
    grantId: grant.id,
    expiresAt: now + ACCESS_TOKEN_TTL_MS,
    revoked: false,
  };
  const accessToken = await ctx.keys.sign(
    {
      nbf: nowS,
      exp: nowS + ACCESS_TOKEN_TTL_MS / 1000,
      iss: issuer,
      aud: `${issuer}/resources`,
      client_id: grant.clientId,
      sub: SANDBOX_USER.sub,
      auth_time: Math.floor(grant.authTime / 1000),
      xero_userid: SANDBOX_USER.userId,
      global_session_id: grant.sessionId,
      sid: grant.sessionId,
      jti,
      authentication_event_id: grant.authEventId,
      scope: grant.scopes,
      amr: ['pwd'],
    },
    'at+jwt',
  );
  const response: TokenResponse = {
    access_token: accessToken,
    expires_in: ACCESS_TOKEN_TTL_MS / 1000,
    token_type: 'Bearer',
    scope: grant.scopes.join(' '),
  };
  if (opts.withIdToken && grant.scopes.includes('openid')) {
    const claims: Record<string, unknown> = {
      nbf: nowS,
      exp: nowS + ID_TOKEN_TTL_S,
      iat: nowS,
      iss: issuer,
      aud: grant.clientId,
      sub: SANDBOX_USER.sub,
      auth_time: Math.floor(grant.authTime / 1000),
      xero_userid: SANDBOX_USER.userId,
      global_session_id: grant.sessionId,
      sid: grant.sessionId,
      idp: 'Xero',
      amr: ['pwd'],
      at_hash: atHash(accessToken),
    };
    if (opts.nonce) claims.nonce = opts.nonce;
    if (grant.scopes.includes('email')) claims.email = SANDBOX_USER.email;
    if (grant.scopes.includes('profile')) {
      claims.given_name = SANDBOX_USER.givenName;
      claims.family_name = SANDBOX_USER.familyName;
      claims.preferred_username = SANDBOX_USER.email;
    }
    response.id_token = await ctx.keys.sign(claims);
  }
  // xero.md §1.5: a refresh token comes only with offline_access.
  if (grant.scopes.includes('offline_access')) {
    const token = newToken(ctx);
    ctx.state.identity.refreshTokens[token] = { token, grantId: grant.id, issuedAt: now, revoked: false };
    response.refresh_token = token;
  }
  ctx.changed();
  return response;
}

export type AccessCheck = { ok: true; grant: Grant } | { ok: false; detail: string };

/** Reads the jti from a bearer JWT (signature need not be checked: the jti must be one we issued). */
export function checkAccessToken(ctx: XeroContext, authorization: string | null): AccessCheck {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (!token) return { ok: false, detail: 'AuthenticationUnsuccessful' };
  let jti: unknown;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    jti = payload.jti;
  } catch {
    return { ok: false, detail: 'AuthenticationUnsuccessful' };
  }
  const record = typeof jti === 'string' ? ctx.state.identity.accessTokens[jti] : undefined;
  if (!record) return { ok: false, detail: 'AuthenticationUnsuccessful' };
  const grant = ctx.state.identity.grants[record.grantId];
  if (!grant || grant.revoked || record.revoked) return { ok: false, detail: 'AuthenticationUnsuccessful' };
  const now = ctx.clock.now();
  if (now >= record.expiresAt) {
    // "TokenExpired: token expired at 01/01/2026 10:00:00" (UTC, month first as .NET's invariant culture).
    const at = new Date(record.expiresAt);
    const two = (n: number) => String(n).padStart(2, '0');
    const stamp = `${two(at.getUTCMonth() + 1)}/${two(at.getUTCDate())}/${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
    return { ok: false, detail: `TokenExpired: token expired at ${stamp}` };
  }
  return { ok: true, grant };
}

/** Revokes a whole authorisation: its tokens stop working and its user's connections to the app go. */
export function revokeGrant(ctx: XeroContext, grant: Grant) {
  grant.revoked = true;
  for (const c of ctx.state.identity.connections) {
    if (c.clientId === grant.clientId && c.userId === grant.userId) c.active = false;
  }
  ctx.changed();
}
