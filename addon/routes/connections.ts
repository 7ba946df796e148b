// Connect, callbacks, organisation chooser, connection status, disconnect and Sign up with Xero.
// JSON routes go through ApiRoutes (signed in); the callbacks and the signup start are browser redirects on
// the public router (Xero and MYOB send the browser there; a signup has no session yet).

import { and, eq } from 'drizzle-orm';
import type { Request, Response, Router } from 'express';
import { users } from '../../db/schema.ts';
import { ConnectorError } from '../connectors/errors.ts';
import { myobPlatform } from '../connectors/myob/manifest.ts';
import {
  type CallbackBrowser,
  type CallbackOutcome,
  type ConnectionDeps,
  checkConnection,
  chooseOrganisation,
  completeCallback,
  connectionStatus,
  disconnectInterface,
  OAuthFlowError,
  type OAuthProvider,
  pendingOrganisations,
  STATE_TTL_MS,
  startConnect,
  startSignup,
} from '../connectors/oauth/index.ts';
import { xeroPlatform } from '../connectors/xero/manifest.ts';
import { IdParams } from '../contract/common.ts';
import {
  AuthorizeUrl,
  CheckedConnection,
  ChooseOrganisation,
  ConnectionStatus,
  ConnectQuery,
  DisconnectResult,
  Organisations,
} from '../contract/connections.ts';
import { SESSION_COOKIE, startSession } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import type { ApiRoutes } from '../http/route.ts';

/** Marks "this browser started attempt X"; signed by cookie-parser, sent back only to the callbacks. */
const BINDING_PREFIX = 'aal_oauth_';
const BINDING_PATH = '/api/oauth';

export const interfacePage = (id: string) => `/accounting/interfaces/${id}`;
export const chooserPage = (id: string) => `/accounting/interfaces/${id}/choose-organisation`;

export function connectionRoutes(api: ApiRoutes, publicRouter: Router, deps: ConnectionDeps) {
  const tag = 'Connections';
  const secure = deps.settings.publicUrl.startsWith('https:');

  const bind = (res: Response, attemptId: string) =>
    res.cookie(`${BINDING_PREFIX}${attemptId}`, '1', {
      signed: true,
      httpOnly: true,
      // Lax: the platform's top-level GET redirect back to the callback carries it; nothing else does.
      sameSite: 'lax',
      secure,
      maxAge: STATE_TTL_MS,
      path: BINDING_PATH,
    });

  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/connect',
      tag,
      summary: 'Start connecting (or reconnecting) an interface: 302 to the platform, or { authorizeUrl }',
      params: IdParams,
      query: ConnectQuery,
      response: AuthorizeUrl,
      errors: [404],
    },
    async ({ auth, params, query, res }) => {
      const flow = await mapped(() =>
        startConnect(deps, auth, params.id, { allowTenantChange: query.changeOrganisation === 'true' }),
      );
      bind(res, flow.attemptId);
      res.set('cache-control', 'no-store');
      if (query.format === 'json') return { authorizeUrl: flow.authorizeUrl };
      res.redirect(302, flow.authorizeUrl);
      return undefined;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/connection',
      tag,
      summary: 'Connection status: organisation, who connected it and when, consent expiry, last error',
      params: IdParams,
      response: ConnectionStatus,
      errors: [404],
    },
    ({ auth, params }) => mapped(() => connectionStatus(deps, auth.practiceId, params.id)),
  );

  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/connection/check',
      tag,
      summary:
        'Ask the platform now whether the connection still works (one cheap call); a removed one turns to reconnect_needed',
      params: IdParams,
      response: CheckedConnection,
      errors: [404],
    },
    ({ auth, params }) => mapped(() => checkConnection(deps, auth.practiceId, params.id)),
  );

  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/organisations',
      tag,
      summary: 'The organisations approved in Xero and waiting for one to be chosen',
      params: IdParams,
      response: Organisations,
      errors: [404, 409],
    },
    async ({ auth, params }) => {
      const list = await mapped(() => pendingOrganisations(deps, auth, params.id));
      return { organisations: list.map((t) => ({ tenantId: t.tenantId, name: t.name })) };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/organisation',
      tag,
      summary: 'Choose the organisation this interface posts to (once; changing it later needs Reconnect)',
      params: IdParams,
      body: ChooseOrganisation,
      response: ConnectionStatus,
      errors: [404, 409],
    },
    async ({ auth, params, body }) => {
      await mapped(() => chooseOrganisation(deps, auth, params.id, body.tenantId));
      return connectionStatus(deps, auth.practiceId, params.id);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/disconnect',
      tag,
      summary: 'Disconnect: ends the connection in Xero, wipes the tokens, keeps mappings and links',
      params: IdParams,
      response: DisconnectResult,
      errors: [404],
    },
    async ({ auth, params }) => {
      const { platformDisconnected } = await mapped(() => disconnectInterface(deps, auth, params.id));
      return { ...(await connectionStatus(deps, auth.practiceId, params.id)), platformDisconnected };
    },
  );

  // ------------------------------------------------------------------ browser redirects (public)

  publicRouter.get(xeroPlatform.routes.signup, async (_req, res) => {
    const flow = await mapped(() => startSignup(deps));
    bind(res, flow.attemptId);
    res.set('cache-control', 'no-store');
    res.redirect(302, flow.authorizeUrl);
  });

  const callback = (provider: OAuthProvider) => async (req: Request, res: Response) => {
    // The URL carries a code: never cache it, never pass it on in a Referer.
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    const url = new URL(req.originalUrl, 'http://callback.invalid');
    const browser = await readBrowser(deps, req);
    const { attemptId, outcome } = await mapped(() => completeCallback(deps, provider, url, browser));
    res.clearCookie(`${BINDING_PREFIX}${attemptId}`, {
      path: BINDING_PATH,
      signed: true,
      secure,
      sameSite: 'lax',
    });
    if (outcome.kind === 'signed_up' || outcome.kind === 'signed_in') {
      startSession(res, outcome.practiceId, outcome.userId, secure);
    }
    // MYOB: a URL carrying tokens or personal data must answer 302, never HTML (myob.md §1.8).
    res.redirect(302, destination(outcome));
  };
  publicRouter.get(xeroPlatform.routes.callback, callback('xero'));
  publicRouter.get(myobPlatform.routes.callback, callback('myob'));
}

function destination(outcome: CallbackOutcome): string {
  switch (outcome.kind) {
    case 'connected':
      return interfacePage(outcome.interfaceId);
    case 'choose':
      return chooserPage(outcome.interfaceId);
    case 'failed':
      return `${interfacePage(outcome.interfaceId)}?error=${encodeURIComponent(outcome.code)}`;
    case 'signed_up':
      return outcome.choose ? chooserPage(outcome.interfaceId) : interfacePage(outcome.interfaceId);
    case 'signed_in':
      return '/accounting/interfaces';
  }
}

async function readBrowser(deps: ConnectionDeps, req: Request): Promise<CallbackBrowser> {
  const signed = (req.signedCookies ?? {}) as Record<string, unknown>;
  const startedAttempts = new Set(
    Object.entries(signed)
      .filter(([name, value]) => name.startsWith(BINDING_PREFIX) && value === '1')
      .map(([name]) => name.slice(BINDING_PREFIX.length)),
  );
  const session = parseSession(signed[SESSION_COOKIE]);
  if (!session) return { startedAttempts };
  const [user] = session.u
    ? await deps.db
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.practiceId, session.p), eq(users.id, session.u)))
    : [];
  return { startedAttempts, sessionPracticeId: session.p, sessionActor: user?.email };
}

/** The session cookie as auth.ts writes it; cookie-parser has already checked its signature (false if not). */
function parseSession(value: unknown): { p: string; u?: string } | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const s = JSON.parse(value) as { p?: unknown; u?: unknown; e?: unknown };
    if (typeof s.p !== 'string' || typeof s.e !== 'number' || s.e <= Date.now()) return undefined;
    return typeof s.u === 'string' ? { p: s.p, u: s.u } : { p: s.p };
  } catch {
    return undefined;
  }
}

/** Flow refusals become the API's error envelope; connector failures keep their code and plain message. */
async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof OAuthFlowError) throw new AppError(e.status, e.code, e.message);
    if (e instanceof ConnectorError) {
      const status = e.code === 'reconnect_needed' ? 409 : e.code === 'provider_unavailable' ? 502 : 400;
      throw new AppError(status, e.code, e.message);
    }
    throw e;
  }
}
