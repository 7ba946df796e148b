// Connect, callbacks, organisation chooser, connection status, disconnect and Sign up with Xero.
// JSON routes go through ApiRoutes (signed in); the callbacks and the signup start are browser redirects on
// the public router (Xero and MYOB send the browser there; a signup has no session yet).

import type { Request, Response, Router } from 'express';
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
  ConnectBody,
  ConnectionStatus,
  ConnectQuery,
  DisconnectResult,
  Organisations,
} from '../contract/connections.ts';
import { AppError } from '../http/errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import { currentSession, type SessionOptions, startSession } from '../http/sessions.ts';

/**
 * Binds attempt X to the browser that started it: the cookie holds a random secret whose hash is in X's
 * signed state, so a cookie from any other flow (even one validly signed by us) never fits. Sent back only
 * to the callbacks.
 */
const BINDING_PREFIX = 'aal_oauth_';
const BINDING_PATH = '/api/oauth';

export const interfacePage = (id: string) => `/accounting/interfaces/${id}`;
export const chooserPage = (id: string) => `/accounting/interfaces/${id}/choose-organisation`;

export function connectionRoutes(
  api: ApiRoutes,
  publicRouter: Router,
  deps: ConnectionDeps,
  sessions: Omit<SessionOptions, 'secureCookies'>,
) {
  const tag = 'Connections';
  const secure = deps.settings.publicUrl.startsWith('https:');

  const bind = (res: Response, flow: { attemptId: string; bindingSecret: string }) =>
    res.cookie(`${BINDING_PREFIX}${flow.attemptId}`, flow.bindingSecret, {
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
      role: 'administrator',
      tag,
      summary: 'Start connecting (or reconnecting) an interface: 302 to the platform, or { authorizeUrl }',
      params: IdParams,
      query: ConnectQuery,
      response: AuthorizeUrl,
      errors: [404],
    },
    async ({ auth, params, query, res }) => {
      const flow = await mapped(() => startConnect(deps, auth, params.id));
      bind(res, flow);
      res.set('cache-control', 'no-store');
      if (query.format === 'json') return { authorizeUrl: flow.authorizeUrl };
      res.redirect(302, flow.authorizeUrl);
      return undefined;
    },
  );

  // Moving an interface to another organisation is a change a GET must never make (a link or an image
  // on another site could start it): only POST, which the same-origin check covers, carries it.
  api.add(
    {
      method: 'post',
      path: '/api/interfaces/:id/connect',
      role: 'administrator',
      tag,
      summary: 'Start connecting or reconnecting, optionally allowing a move to another organisation',
      params: IdParams,
      body: ConnectBody,
      response: AuthorizeUrl,
      errors: [404],
    },
    async ({ auth, params, body, res }) => {
      const flow = await mapped(() =>
        startConnect(deps, auth, params.id, { allowTenantChange: body.changeOrganisation === true }),
      );
      bind(res, flow);
      res.set('cache-control', 'no-store');
      return { authorizeUrl: flow.authorizeUrl };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/connection',
      role: 'administrator',
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
      role: 'viewer',
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
      role: 'administrator',
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
      role: 'administrator',
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
      role: 'administrator',
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
    bind(res, flow);
    res.set('cache-control', 'no-store');
    res.redirect(302, flow.authorizeUrl);
  });

  const callback = (provider: OAuthProvider) => async (req: Request, res: Response) => {
    // The URL carries a code: never cache it, never pass it on in a Referer.
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    const url = new URL(req.originalUrl, 'http://callback.invalid');
    const browser = await readBrowser(deps, req, sessions);
    const { attemptId, outcome } = await mapped(() => completeCallback(deps, provider, url, browser));
    res.clearCookie(`${BINDING_PREFIX}${attemptId}`, {
      path: BINDING_PATH,
      signed: true,
      secure,
      sameSite: 'lax',
    });
    if (outcome.kind === 'signed_up' || outcome.kind === 'signed_in') {
      await startSession(deps.db, req, res, outcome, { ...sessions, secureCookies: secure });
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

async function readBrowser(
  deps: ConnectionDeps,
  req: Request,
  sessions: Omit<SessionOptions, 'secureCookies'>,
): Promise<CallbackBrowser> {
  const signed = (req.signedCookies ?? {}) as Record<string, unknown>;
  const bindings = new Map(
    Object.entries(signed)
      .filter((e): e is [string, string] => e[0].startsWith(BINDING_PREFIX) && typeof e[1] === 'string')
      .map(([name, value]) => [name.slice(BINDING_PREFIX.length), value]),
  );
  const session = await currentSession(deps.db, req, sessions);
  if (!session) return { bindings };
  return { bindings, sessionPracticeId: session.practiceId, sessionActor: session.email };
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
