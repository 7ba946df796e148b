// MYOB's OAuth 2.0 server on secure.myob.com (myob.md §1):
//   GET  /oauth2/account/authorize  consent page (or auto-approval), redirect with code/state/businessId
//   POST /oauth2/account/authorize  the consent form's answer
//   POST /oauth2/v1/authorize       token endpoint: authorization_code and refresh_token grants
import { randomBytes } from 'node:crypto';
import { html, json, redirect } from '../common/http.ts';
import { authorizeErrorPage, consentPage } from './consent-page.ts';
import { type AppRegistration, DAY, MINUTE, type MyobContext, SECOND } from './context.ts';
import { checkScopes } from './scopes.ts';
import type { CompanyFileRecord, ConsentRecord, TokenRecord } from './types.ts';

export const AUTHORIZE_PATH = '/oauth2/account/authorize';
export const TOKEN_PATH = '/oauth2/v1/authorize';

/** Access tokens last 20 minutes; expires_in is the STRING "1200" (myob.md §1.4). */
export const ACCESS_TOKEN_SECONDS = 1200;
/** "The authorization code expires in 2-5 minutes" (myob.md §1.2): the sandbox allows the upper bound. */
export const CODE_LIFETIME_MS = 5 * MINUTE;
/** Refresh tokens die after 7 days without use (third-party figure, myob.md §1.4). */
export const REFRESH_IDLE_MS = 7 * DAY;
/** "The standard consent period is 12 months" (myob.md §1.4). */
export const CONSENT_LIFETIME_MS = 365 * DAY;

const AUTHORIZE_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'prompt'] as const;

function token(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

function errorRedirect(
  redirectUri: string,
  error: string,
  description: string,
  state: string | null,
): Response {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== null) url.searchParams.set('state', state);
  return redirect(url.toString());
}

type Params = Partial<Record<(typeof AUTHORIZE_PARAMS)[number] | 'businessId' | 'decision', string>>;

function readParams(source: URLSearchParams): Params {
  const out: Params = {};
  for (const key of [...AUTHORIZE_PARAMS, 'businessId', 'decision'] as const) {
    const v = source.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}

export function consentIsActive(consent: ConsentRecord | undefined, now: number): consent is ConsentRecord {
  return Boolean(consent && consent.removedAt === null && consent.expiresAt > now);
}

function approve(
  ctx: MyobContext,
  app: AppRegistration,
  p: Params,
  scopes: string[],
  file: CompanyFileRecord,
) {
  const now = ctx.clock.now();
  const data = ctx.state.data;
  const user = data.signedInUserUid;
  const state = p.state ?? null;
  if (file.roles[user] !== 'Administrator') {
    // "Only users with the role of Administrator can change app connections" (myob.md §1.4, §1.5).
    return errorRedirect(
      p.redirect_uri!,
      'access_denied',
      `Only users with the Administrator role in "${file.name}" can approve app connections. Ask an Administrator of this business to connect the app.`,
      state,
    );
  }
  let consent = data.consents.find(
    (c) => c.apiKey === app.apiKey && c.userUid === user && c.businessId === file.id,
  );
  if (consent) {
    Object.assign(consent, { scopes, grantedAt: now, expiresAt: now + CONSENT_LIFETIME_MS, removedAt: null });
  } else {
    consent = {
      id: ctx.state.uid(),
      apiKey: app.apiKey,
      userUid: user,
      businessId: file.id,
      scopes,
      grantedAt: now,
      expiresAt: now + CONSENT_LIFETIME_MS,
      removedAt: null,
    };
    data.consents.push(consent);
  }
  return codeRedirect(ctx, app, p, consent, file, p.prompt === 'consent');
}

function codeRedirect(
  ctx: MyobContext,
  app: AppRegistration,
  p: Params,
  consent: ConsentRecord,
  file: CompanyFileRecord,
  withBusiness: boolean,
): Response {
  const now = ctx.clock.now();
  const data = ctx.state.data;
  data.codes = data.codes.filter((c) => !c.used && c.expiresAt > now);
  const code = token('', 24);
  data.codes.push({
    code,
    apiKey: app.apiKey,
    redirectUri: p.redirect_uri!,
    consentId: consent.id,
    scopes: consent.scopes,
    expiresAt: now + CODE_LIFETIME_MS,
    used: false,
  });
  ctx.state.changed();
  const url = new URL(p.redirect_uri!);
  url.searchParams.set('code', code);
  url.searchParams.set('scope', consent.scopes.join(' '));
  if (p.state !== undefined) url.searchParams.set('state', p.state);
  // businessId/businessName come back only with prompt=consent (myob.md §1.2, §1.3).
  if (withBusiness) {
    url.searchParams.set('businessId', file.id);
    url.searchParams.set('businessName', file.name);
  }
  return redirect(url.toString());
}

/** Validates client and redirect URI; these errors are shown, never redirected (myob.md §7.2). */
function trustedClient(ctx: MyobContext, p: Params): AppRegistration | Response {
  const app = ctx.apps.find((a) => a.apiKey === p.client_id);
  if (!app) return html(authorizeErrorPage('invalid_request', 'Unknown client_id'), { status: 400 });
  if (!p.redirect_uri || !app.redirectUris.includes(p.redirect_uri)) {
    return html(
      authorizeErrorPage(
        'invalid_request',
        'redirect_uri does not match a registered Redirect URL exactly (check for a trailing /)',
      ),
      { status: 400 },
    );
  }
  return app;
}

async function authorize(ctx: MyobContext, request: Request): Promise<Response> {
  const isPost = request.method === 'POST';
  const p = readParams(
    isPost ? new URLSearchParams(await request.text()) : new URL(request.url).searchParams,
  );
  const app = trustedClient(ctx, p);
  if (app instanceof Response) return app;
  const state = p.state ?? null;
  if (p.response_type !== 'code') {
    return errorRedirect(p.redirect_uri!, 'unsupported_response_type', 'response_type must be code', state);
  }
  const scopeCheck = checkScopes(p.scope ?? '', app.legacyKey === true);
  if (!scopeCheck.ok) return errorRedirect(p.redirect_uri!, 'invalid_scope', scopeCheck.description, state);
  const scopes = scopeCheck.scopes;
  const data = ctx.state.data;
  const user = data.users.find((u) => u.uid === data.signedInUserUid)!;
  const userFiles = data.files.filter((f) => f.roles[user.uid]);
  const now = ctx.clock.now();

  if (isPost) {
    if (p.decision !== 'allow') {
      return errorRedirect(p.redirect_uri!, 'access_denied', 'The user denied the request', state);
    }
    const file = userFiles.find((f) => f.id === p.businessId);
    if (!file) return errorRedirect(p.redirect_uri!, 'invalid_request', 'Choose a business', state);
    return approve(ctx, app, p, scopes, file);
  }

  // Without prompt=consent an earlier approval is reused silently, and no businessId comes back: why
  // MYOB says new keys need prompt=consent (myob.md §1.2).
  if (p.prompt !== 'consent') {
    const cached = data.consents
      .filter((c) => c.apiKey === app.apiKey && c.userUid === user.uid && consentIsActive(c, now))
      .filter((c) => scopes.every((s) => c.scopes.includes(s)))
      .sort((a, b) => b.grantedAt - a.grantedAt)[0];
    if (cached) return codeRedirect(ctx, app, p, cached, ctx.state.file(cached.businessId), false);
  }

  if (ctx.autoApprove !== false) {
    const file =
      typeof ctx.autoApprove === 'string'
        ? userFiles.find((f) => f.id === ctx.autoApprove)
        : userFiles.find((f) => f.roles[user.uid] === 'Administrator');
    if (file) return approve(ctx, app, p, scopes, file);
  }

  const params = Object.fromEntries(AUTHORIZE_PARAMS.flatMap((k) => (p[k] === undefined ? [] : [[k, p[k]]])));
  return html(
    consentPage({
      action: `${ctx.urls.secure}${AUTHORIZE_PATH}`,
      appName: app.name ?? app.apiKey,
      user,
      files: userFiles,
      scopes,
      params,
    }),
  );
}

// --- token endpoint --------------------------------------------------------------------------------------

function oauthError(error: string, description: string, status = 400): Response {
  return json(
    { error, error_description: description },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

function issueTokens(
  ctx: MyobContext,
  apiKey: string,
  consent: ConsentRecord,
): { access: string; refresh: string } {
  const now = ctx.clock.now();
  const data = ctx.state.data;
  const live = (t: TokenRecord) => !t.dead && t.expiresAt > now;
  data.accessTokens = data.accessTokens.filter(live);
  data.refreshTokens = data.refreshTokens.filter(live);
  const access = token('', 96);
  const refresh = token('Ta7J!IAAAA', 48);
  const base = { apiKey, consentId: consent.id, scopes: consent.scopes, dead: false };
  data.accessTokens.push({ ...base, token: access, expiresAt: now + ACCESS_TOKEN_SECONDS * SECOND });
  data.refreshTokens.push({ ...base, token: refresh, expiresAt: now + REFRESH_IDLE_MS });
  ctx.state.changed();
  return { access, refresh };
}

async function tokenEndpoint(ctx: MyobContext, request: Request): Promise<Response> {
  if (request.method !== 'POST') return oauthError('invalid_request', 'POST required', 405);
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    return oauthError('invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const body = new URLSearchParams(await request.text());
  const clientId = body.get('client_id');
  const secret = body.get('client_secret');
  // Client credentials travel in the body (client_secret_post, myob.md §1.4); a Basic header alone fails.
  if (!clientId || !secret) {
    return oauthError('invalid_client', 'client_id and client_secret must be sent in the request body', 401);
  }
  const app = ctx.apps.find((a) => a.apiKey === clientId);
  if (!app || app.apiSecret !== secret)
    return oauthError('invalid_client', 'Invalid client credentials', 401);
  const now = ctx.clock.now();
  const data = ctx.state.data;
  const grant = body.get('grant_type');

  if (grant === 'authorization_code') {
    const code = data.codes.find((c) => c.code === body.get('code'));
    if (!code || code.apiKey !== app.apiKey) return oauthError('invalid_grant', 'Invalid authorization code');
    if (code.used) return oauthError('invalid_grant', 'The authorization code has already been used');
    if (code.expiresAt <= now) return oauthError('invalid_grant', 'The authorization code has expired');
    if (body.get('redirect_uri') !== code.redirectUri) {
      return oauthError('invalid_grant', 'redirect_uri does not match the authorization request');
    }
    code.used = true;
    const consent = data.consents.find((c) => c.id === code.consentId);
    if (!consentIsActive(consent, now)) return oauthError('invalid_grant', 'The consent is no longer valid');
    const { access, refresh } = issueTokens(ctx, app.apiKey, consent);
    const user = data.users.find((u) => u.uid === consent.userUid)!;
    return tokenResponse(access, refresh, consent.scopes, { uid: user.uid, username: user.username });
  }

  if (grant === 'refresh_token') {
    const old = data.refreshTokens.find((t) => t.token === body.get('refresh_token'));
    if (!old || old.apiKey !== app.apiKey || old.dead || old.expiresAt <= now) {
      return oauthError('invalid_grant', 'Invalid refresh token');
    }
    const consent = data.consents.find((c) => c.id === old.consentId);
    if (!consentIsActive(consent, now)) {
      return oauthError('invalid_grant', 'The app connection has expired or was removed; connect again');
    }
    // Rotation: by default the used refresh token dies at once (myob.md §1.4 leaves this unverified; the
    // strict choice makes a client that does not persist the rotated token fail here, not in production).
    // ASSUMPTION behind `refreshGraceMs` (unverified for MYOB): like Xero (xero.md §1.5), the used token
    // stays valid for a short grace, so a client that crashed before storing the new one can retry.
    if (ctx.refreshGraceMs > 0) old.expiresAt = Math.min(old.expiresAt, now + ctx.refreshGraceMs);
    else old.dead = true;
    const { access, refresh } = issueTokens(ctx, app.apiKey, consent);
    return tokenResponse(access, refresh, consent.scopes);
  }

  return oauthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
}

function tokenResponse(
  access: string,
  refresh: string,
  scopes: string[],
  user?: { uid: string; username: string },
) {
  return json(
    {
      access_token: access,
      token_type: 'bearer',
      expires_in: String(ACCESS_TOKEN_SECONDS),
      refresh_token: refresh,
      scope: scopes.join(' '),
      ...(user ? { user } : {}),
    },
    { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
  );
}

export async function handleSecure(ctx: MyobContext, request: Request, path: string): Promise<Response> {
  if (path === AUTHORIZE_PATH && (request.method === 'GET' || request.method === 'POST')) {
    return authorize(ctx, request);
  }
  if (path === TOKEN_PATH) return tokenEndpoint(ctx, request);
  return html(authorizeErrorPage('not_found', `No page at ${path}`), { status: 404 });
}
