// A test rig for the connection flow: a fresh database, both sandboxes behind msw at their real hostnames,
// and a small app mounting the connection routes exactly as app.ts should (public router before auth).
import type { AddressInfo } from 'node:net';
import cookieParser from 'cookie-parser';
import { sql } from 'drizzle-orm';
import express from 'express';
import { setupServer } from 'msw/node';
import { myobPlatform } from '../../addon/connectors/myob/manifest.ts';
import type { ConnectionDeps } from '../../addon/connectors/oauth/deps.ts';
import { providerSettings, SANDBOX_APPS } from '../../addon/connectors/settings.ts';
import { xeroPlatform } from '../../addon/connectors/xero/manifest.ts';
import { loadConfig } from '../../addon/env.ts';
import { authenticate, createApiKey } from '../../addon/http/auth.ts';
import { errorMiddleware } from '../../addon/http/errors.ts';
import { ApiRoutes } from '../../addon/http/route.ts';
import { connectionRoutes } from '../../addon/routes/connections.ts';
import { type ManualClock, manualClock } from '../../addon/sandbox/common/clock.ts';
import { mswSandbox } from '../../addon/sandbox/common/msw.ts';
import {
  createMyobSandbox,
  type MyobSandbox,
  type MyobSandboxOptions,
} from '../../addon/sandbox/myob/index.ts';
import {
  createXeroSandbox,
  type XeroSandbox,
  type XeroSandboxOptions,
} from '../../addon/sandbox/xero/index.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, codeMappings, practices, users } from '../../db/schema.ts';
import { silentLog } from '../helpers/app.ts';
import { freshDatabase, type TestDbKind } from '../helpers/databases.ts';

export const PUBLIC_URL = 'https://addon.abtrac.test';
export const SESSION_SECRET = 'oauth-test-session-secret-oauth-test-session-secret';
export const TOKEN_KEY = Buffer.alloc(32, 7);

/** msw for the whole file: both sandboxes; only our own loopback app may pass unhandled. */
export const server = setupServer();
export function listen() {
  server.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname === '127.0.0.1') return;
      print.error();
    },
  });
}

export interface Rig {
  database: Database;
  deps: ConnectionDeps;
  clock: ManualClock;
  /** The sandboxes' time (advance it to age tokens on the platform's side). */
  platformClock: ManualClock;
  xero: XeroSandbox;
  myob: MyobSandbox;
  url: string;
  practiceId: string;
  apiKey: string;
  /** Token strings the sandboxes issued (from their token endpoint responses). */
  issued: Set<string>;
  /** POSTs to the token endpoints, per provider. */
  tokenCalls: { xero: number; myob: number };
  /** Every request to the sandboxes: method and URL. */
  requests: string[];
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  addInterface(provider: string, displayName?: string): Promise<string>;
  close(): Promise<void>;
}

export interface RigOptions {
  xero?: Partial<XeroSandboxOptions>;
  myob?: Partial<MyobSandboxOptions>;
  deps?: Partial<ConnectionDeps>;
  /** A database shared by the tests of a file (fresh ones take seconds); closed by its owner. */
  database?: Database;
}

export async function startRig(kind: TestDbKind, options: RigOptions = {}): Promise<Rig> {
  const database = options.database ?? (await freshDatabase(kind));
  // Platform time tracks real time (openid-client checks id_token iat/exp on the real clock); the add-on's
  // clock is advanced by hand to make tokens look expired.
  const platformClock = manualClock(Date.now());
  const clock = manualClock(Date.now());
  const xero = createXeroSandbox({
    clock: platformClock,
    clients: [
      {
        ...SANDBOX_APPS.xero,
        redirectUris: [`${PUBLIC_URL}${xeroPlatform.routes.callback}`],
        name: 'Abtrac Accounts Link',
      },
    ],
    autoApprove: 'first',
    ...options.xero,
  });
  const myob = createMyobSandbox({
    clock: platformClock,
    publicBaseUrls: {
      secure: 'https://secure.myob.com',
      api: 'https://api.myob.com',
      admin: 'https://myob.sandbox.test',
    },
    apps: [{ ...SANDBOX_APPS.myob, redirectUris: [`${PUBLIC_URL}${myobPlatform.routes.callback}`] }],
    autoApprove: true,
    perSecondLimit: 10_000,
    ...options.myob,
  });
  server.resetHandlers(...mswSandbox(xero), ...mswSandbox(myob));

  const issued = new Set<string>();
  const tokenCalls = { xero: 0, myob: 0 };
  const requests: string[] = [];
  server.events.removeAllListeners();
  server.events.on('request:start', ({ request }) => {
    const u = new URL(request.url);
    if (u.hostname === '127.0.0.1') return;
    requests.push(`${request.method} ${u.origin}${u.pathname}${u.search}`);
    if (request.method === 'POST' && u.href.startsWith('https://identity.xero.com/connect/token'))
      tokenCalls.xero++;
    if (request.method === 'POST' && u.href.startsWith('https://secure.myob.com/oauth2/v1/authorize'))
      tokenCalls.myob++;
  });
  server.events.on('response:mocked', async ({ request, response }) => {
    if (request.method !== 'POST' || !/connect\/token|oauth2\/v1\/authorize/.test(request.url)) return;
    try {
      const body = (await response.clone().json()) as Record<string, unknown>;
      for (const k of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof body[k] === 'string') issued.add(body[k] as string);
      }
    } catch {}
  });

  // The sandboxes stand in for Xero and MYOB (behind msw at the real hostnames), as in staging.
  const config = loadConfig({
    DATA_DIR: '/nonexistent',
    DEMO: 'false',
    SANDBOX: 'true',
    NODE_ENV: 'test',
    PUBLIC_URL,
  });
  const deps: ConnectionDeps = {
    db: database.db,
    tokenKey: TOKEN_KEY,
    sessionSecret: SESSION_SECRET,
    settings: providerSettings(config, 'real'),
    clock,
    log: silentLog,
    ...options.deps,
  };

  const [practice] = await database.db.insert(practices).values({ name: 'Harbour Architects' }).returning();
  const practiceId = practice!.id;
  await database.db.insert(users).values({ practiceId, email: 'admin@harbour.test', name: 'Ada Admin' });
  const apiKey = await createApiKey(database.db, practiceId, 'tests');

  const app = express();
  app.use(cookieParser(SESSION_SECRET));
  app.use('/api', express.json());
  const publicRouter = express.Router();
  const apiRouter = express.Router();
  connectionRoutes(new ApiRoutes(apiRouter), publicRouter, deps, { idleMs: config.sessionIdleMs });
  app.use(publicRouter);
  app.use('/api', authenticate({ db: database.db, idleMs: config.sessionIdleMs }));
  app.use(apiRouter);
  app.use(errorMiddleware(silentLog));
  const httpServer = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => httpServer.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  return {
    database,
    deps,
    clock,
    platformClock,
    xero,
    myob,
    url,
    practiceId,
    apiKey,
    issued,
    tokenCalls,
    requests,
    api(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${apiKey}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, {
        redirect: 'manual',
        ...rest,
        headers,
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
    },
    async addInterface(provider, displayName = provider) {
      const [row] = await database.db
        .insert(accountsInterfaces)
        .values({ practiceId, provider, displayName })
        .returning();
      return row!.id;
    },
    close: async () => {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      if (!options.database) await database.close();
    },
  };
}

/** The cookies a response set, as a Cookie header (name=value pairs). */
export function cookiesOf(res: Response, previous = ''): string {
  const jar = new Map(previous ? previous.split('; ').map((c) => c.split('=', 2) as [string, string]) : []);
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return [...jar]
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

export interface FlowResult {
  /** Our callback's answer. */
  callback: Response;
  /** Where the platform sent the browser (our callback URL with code and state). */
  callbackUrl: URL;
  cookies: string;
}

/** Browser steps: our 302 to the platform -> the platform's 302 back -> our callback (cookies carried). */
export async function runFlow(
  rig: Rig,
  startPath: string,
  init: { headers?: Record<string, string>; post?: Record<string, unknown> } = {},
): Promise<FlowResult> {
  const start = init.post
    ? await rig.api(startPath, { method: 'POST', json: init.post, headers: init.headers ?? {} })
    : await rig.api(startPath, { headers: init.headers ?? {} });
  if (start.status !== (init.post ? 200 : 302))
    throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const cookies = cookiesOf(start, init.headers?.cookie ?? '');
  const authorizeUrl = init.post
    ? ((await start.json()) as { authorizeUrl: string }).authorizeUrl
    : start.headers.get('location')!;
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' });
  if (authorize.status !== 302)
    throw new Error(`authorize answered ${authorize.status}: ${await authorize.text()}`);
  const callbackUrl = new URL(authorize.headers.get('location')!);
  const callback = await followCallback(rig, callbackUrl, cookies);
  return { callback, callbackUrl, cookies };
}

export function followCallback(rig: Rig, callbackUrl: URL, cookies: string): Promise<Response> {
  return fetch(`${rig.url}${callbackUrl.pathname}${callbackUrl.search}`, {
    redirect: 'manual',
    headers: cookies ? { cookie: cookies } : {},
  });
}

/** Every column of every row of the token-bearing tables, as text. */
export async function rawRows(rig: Rig): Promise<string> {
  const a = await rig.database.db.execute(sql`select * from connections`);
  const b = await rig.database.db.execute(sql`select * from oauth_attempts`);
  const rows = (r: unknown) => (r as { rows?: unknown[] }).rows ?? (r as unknown[]);
  return JSON.stringify([rows(a), rows(b)]);
}

export { codeMappings };
