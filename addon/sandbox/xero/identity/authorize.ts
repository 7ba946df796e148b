// login.xero.com/identity/connect/authorize: validates the request, shows the consent page (or approves at
// once with autoApprove), records the connections and redirects back with a code (xero.md §1.1, §1.6).
import { html, json, redirect } from '../../common/http.ts';
import { findClient, newId, newToken, SANDBOX_USER, type XeroContext } from '../context.ts';
import type { PendingAuthorization } from '../state.ts';
import { consentPage } from './consent-page.ts';
import { parseScopes } from './scopes.ts';

const PENDING_TTL_MS = 15 * 60_000;

function errorPage(status: number, message: string): Response {
  // A bad client_id or redirect_uri must not redirect anywhere (Xero shows its dashboard instead).
  return html(
    `<!doctype html><title>Xero sandbox: error</title><h1>Sorry, something went wrong</h1><p>${message}</p>`,
    {
      status,
    },
  );
}

function backTo(redirectUri: string, params: Record<string, string>): Response {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return redirect(url.toString());
}

function startAuthorization(ctx: XeroContext, url: URL): Response {
  const q = url.searchParams;
  const client = findClient(ctx, q.get('client_id'));
  if (!client) return errorPage(400, 'unauthorized_client: unknown client_id');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri))
    return errorPage(400, 'invalid_request: redirect_uri does not match');
  const state = q.get('state') ?? '';
  if (q.get('response_type') !== 'code') {
    return backTo(redirectUri, { error: 'unsupported_response_type', ...(state ? { state } : {}) });
  }
  const scopes = parseScopes(q.get('scope'));
  // xero.md §1.4: a post-March-2026 app asking for the broad scopes gets 400 {"error":"invalid_scope"}.
  if ('error' in scopes)
    return json({ error: scopes.error, error_description: scopes.description }, { status: 400 });
  if (!state)
    return json({ error: 'invalid_request', error_description: 'state is required' }, { status: 400 });
  const codeChallenge = q.get('code_challenge') ?? '';
  // This sandbox requires PKCE S256 (xero.md §1.6) so the add-on's flow is always exercised with it.
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge) || q.get('code_challenge_method') !== 'S256') {
    return json(
      { error: 'invalid_request', error_description: 'PKCE code_challenge with S256 is required' },
      { status: 400 },
    );
  }
  const now = ctx.clock.now();
  for (const [id, p] of Object.entries(ctx.state.identity.pending)) {
    if (now - p.createdAt > PENDING_TTL_MS) delete ctx.state.identity.pending[id];
  }
  const pending: PendingAuthorization = {
    id: newToken(ctx),
    clientId: client.clientId,
    redirectUri,
    scopes: scopes.scopes,
    state,
    codeChallenge,
    createdAt: now,
    ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
  };
  const orgs = Object.values(ctx.state.orgs);
  const auto = ctx.options.autoApprove;
  if (auto) {
    const tenants = auto === 'first' ? orgs.slice(0, 1) : orgs;
    return approve(
      ctx,
      pending,
      tenants.map((o) => o.profile.OrganisationID),
    );
  }
  ctx.state.identity.pending[pending.id] = pending;
  ctx.changed();
  return html(
    consentPage({
      action: `${ctx.options.publicBaseUrls.login}/identity/connect/authorize`,
      pending,
      appName: client.name ?? client.clientId,
      orgs,
      userEmail: SANDBOX_USER.email,
    }),
  );
}

/** Creates the grant, (re)connects the chosen tenants under one authEventId and redirects with a code. */
function approve(ctx: XeroContext, pending: PendingAuthorization, tenantIds: string[]): Response {
  const now = ctx.clock.now();
  const identity = ctx.state.identity;
  const authEventId = newId(ctx);
  const grantId = newId(ctx);
  identity.grants[grantId] = {
    id: grantId,
    clientId: pending.clientId,
    userId: SANDBOX_USER.userId,
    scopes: pending.scopes,
    authEventId,
    authTime: now,
    sessionId: newId(ctx).replace(/-/g, ''),
    revoked: false,
  };
  for (const tenantId of tenantIds) {
    const existing = identity.connections.find(
      (c) => c.clientId === pending.clientId && c.userId === SANDBOX_USER.userId && c.tenantId === tenantId,
    );
    if (existing) {
      Object.assign(existing, { active: true, authEventId, updatedAt: now });
    } else {
      identity.connections.push({
        id: newId(ctx),
        tenantId,
        clientId: pending.clientId,
        userId: SANDBOX_USER.userId,
        authEventId,
        createdAt: now,
        updatedAt: now,
        active: true,
      });
    }
  }
  const code = newToken(ctx);
  identity.codes[code] = {
    code,
    grantId,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    createdAt: now,
    used: false,
    ...(pending.nonce ? { nonce: pending.nonce } : {}),
  };
  for (const [c, rec] of Object.entries(identity.codes))
    if (rec.used || now - rec.createdAt > 3_600_000) delete identity.codes[c];
  ctx.changed();
  return backTo(pending.redirectUri, {
    code,
    scope: pending.scopes.join(' '),
    state: pending.state,
    session_state: grantId,
  });
}

async function submitConsent(ctx: XeroContext, request: Request): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const pending = ctx.state.identity.pending[form.get('request_id') ?? ''];
  if (!pending || ctx.clock.now() - pending.createdAt > PENDING_TTL_MS) {
    return errorPage(400, 'This authorisation request has expired. Start again from the app.');
  }
  delete ctx.state.identity.pending[pending.id];
  ctx.changed();
  if (form.get('action') !== 'allow')
    return backTo(pending.redirectUri, { error: 'access_denied', state: pending.state });
  const tenants = form.getAll('tenant').filter((t) => t in ctx.state.orgs);
  if (!tenants.length) return errorPage(400, 'Choose at least one organisation.');
  return approve(ctx, pending, tenants);
}

export async function loginService(ctx: XeroContext, request: Request, path: string): Promise<Response> {
  if (path === '/identity/connect/authorize') {
    if (request.method === 'GET') return startAuthorization(ctx, new URL(request.url));
    if (request.method === 'POST') return submitConsent(ctx, request);
  }
  return errorPage(404, 'Not found');
}
