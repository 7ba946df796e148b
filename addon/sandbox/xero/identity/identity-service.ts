// identity.xero.com: OIDC discovery, JWKS, token, revocation and userinfo (xero.md §1.1, §1.5).
import { createHash } from 'node:crypto';
import { json } from '../../common/http.ts';
import { SANDBOX_USER, type XeroContext } from '../context.ts';
import { authenticateClient } from './client-auth.ts';
import { KNOWN_SCOPES } from './scopes.ts';
import {
  CODE_TTL_MS,
  checkAccessToken,
  issueTokens,
  REFRESH_GRACE_MS,
  REFRESH_TOKEN_IDLE_MS,
  revokeGrant,
} from './tokens.ts';

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

function oauthError(error: string, description?: string, status = 400): Response {
  return json(description ? { error, error_description: description } : { error }, {
    status,
    headers: noStore,
  });
}

export function discoveryDocument(ctx: XeroContext) {
  const { identity, login } = ctx.options.publicBaseUrls;
  return {
    issuer: identity,
    jwks_uri: `${identity}/.well-known/openid-configuration/jwks`,
    authorization_endpoint: `${login}/identity/connect/authorize`,
    token_endpoint: `${identity}/connect/token`,
    userinfo_endpoint: `${identity}/connect/userinfo`,
    end_session_endpoint: `${login}/identity/connect/endsession`,
    revocation_endpoint: `${identity}/connect/revocation`,
    scopes_supported: [...KNOWN_SCOPES],
    claims_supported: [
      'sub',
      'xero_userid',
      'email',
      'given_name',
      'family_name',
      'preferred_username',
      'global_session_id',
      'sid',
      'idp',
      'amr',
      'auth_time',
      'at_hash',
      'nonce',
    ],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    token_endpoint_auth_methods_supported: ctx.options.allowClientSecretPost
      ? ['client_secret_basic', 'client_secret_post']
      : ['client_secret_basic'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    request_parameter_supported: false,
  };
}

async function tokenEndpoint(ctx: XeroContext, request: Request): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const client = authenticateClient(ctx, request, form);
  if (!client) return oauthError('invalid_client', undefined, 401);
  const now = ctx.clock.now();
  const identity = ctx.state.identity;
  const grantType = form.get('grant_type');

  if (grantType === 'authorization_code') {
    const record = identity.codes[form.get('code') ?? ''];
    if (!record || record.clientId !== client.clientId) return oauthError('invalid_grant');
    // Codes are single-use and short-lived.
    if (record.used || now - record.createdAt > CODE_TTL_MS) return oauthError('invalid_grant');
    if (form.get('redirect_uri') !== record.redirectUri)
      return oauthError('invalid_grant', 'redirect_uri mismatch');
    const verifier = form.get('code_verifier') ?? '';
    // xero.md §1.6: 43-128 characters, S256.
    if (verifier.length < 43 || verifier.length > 128)
      return oauthError('invalid_grant', 'Invalid code_verifier');
    if (createHash('sha256').update(verifier).digest('base64url') !== record.codeChallenge) {
      return oauthError('invalid_grant', 'PKCE verification failed');
    }
    record.used = true;
    const grant = identity.grants[record.grantId];
    if (!grant || grant.revoked) return oauthError('invalid_grant');
    return json(await issueTokens(ctx, grant, { nonce: record.nonce, withIdToken: true }), {
      headers: noStore,
    });
  }

  if (grantType === 'refresh_token') {
    const record = identity.refreshTokens[form.get('refresh_token') ?? ''];
    const grant = record ? identity.grants[record.grantId] : undefined;
    if (!record || !grant || grant.clientId !== client.clientId) return oauthError('invalid_grant');
    if (record.revoked || grant.revoked) return oauthError('invalid_grant');
    if (now - record.issuedAt > REFRESH_TOKEN_IDLE_MS) return oauthError('invalid_grant');
    // Rotation: the old token stays usable for 30 minutes after its first use, then invalid_grant.
    if (record.rotatedAt !== undefined && now - record.rotatedAt > REFRESH_GRACE_MS)
      return oauthError('invalid_grant');
    record.rotatedAt ??= now;
    return json(await issueTokens(ctx, grant, { withIdToken: true }), { headers: noStore });
  }

  return oauthError('unsupported_grant_type');
}

async function revocationEndpoint(ctx: XeroContext, request: Request): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const client = authenticateClient(ctx, request, form);
  if (!client) return oauthError('invalid_client', undefined, 401);
  const record = ctx.state.identity.refreshTokens[form.get('token') ?? ''];
  const grant = record ? ctx.state.identity.grants[record.grantId] : undefined;
  // RFC 7009: unknown tokens are not an error. Revoking a refresh token ends the whole authorisation and
  // "removes all their connections to your app" (xero.md §1.7).
  if (grant && grant.clientId === client.clientId) revokeGrant(ctx, grant);
  return new Response(null, { status: 200 });
}

function userinfo(ctx: XeroContext, request: Request): Response {
  const check = checkAccessToken(ctx, request.headers.get('authorization'));
  if (!check.ok) return oauthError('invalid_token', undefined, 401);
  const scopes = check.grant.scopes;
  return json({
    sub: SANDBOX_USER.sub,
    xero_userid: SANDBOX_USER.userId,
    ...(scopes.includes('email') ? { email: SANDBOX_USER.email } : {}),
    ...(scopes.includes('profile')
      ? {
          given_name: SANDBOX_USER.givenName,
          family_name: SANDBOX_USER.familyName,
          preferred_username: SANDBOX_USER.email,
        }
      : {}),
  });
}

export async function identityService(ctx: XeroContext, request: Request, path: string): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method === 'GET' && path === '/.well-known/openid-configuration') return json(discoveryDocument(ctx));
  if (method === 'GET' && path === '/.well-known/openid-configuration/jwks')
    return json(await ctx.keys.jwks());
  if (method === 'POST' && path === '/connect/token') return tokenEndpoint(ctx, request);
  if (method === 'POST' && path === '/connect/revocation') return revocationEndpoint(ctx, request);
  if (path === '/connect/userinfo') return userinfo(ctx, request);
  return json({ error: 'not_found' }, { status: 404 });
}
