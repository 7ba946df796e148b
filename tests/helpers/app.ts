// Starts the real app on a random loopback port over a given database, for API and browser tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from '../../addon/app.ts';
import { systemClock } from '../../addon/connectors/clock.ts';
import { fileTemplates } from '../../addon/connectors/files/index.ts';
import type { AppDeps } from '../../addon/deps.ts';
import { loadConfig } from '../../addon/env.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import type { ApiRoutes } from '../../addon/http/route.ts';
import type { Database } from '../../db/client.ts';

export interface TestApp {
  url: string;
  deps: AppDeps;
  /** The declared API routes (OpenAPI paths), so tests can walk every route. */
  paths: ApiRoutes['paths'];
  /** The role each declared route needs, by "method /openapi/path". */
  roles: ApiRoutes['roles'];
  /** Every route Express serves, "method /path", declared or not: tests check none escapes its role. */
  servedRoutes: string[];
  close(): Promise<void>;
  /** fetch against the app, as the practice the key belongs to. */
  as(apiKey: string): (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
}

export const silentLog = pino({ level: 'silent' });

export async function startTestApp(
  database: Database,
  overrides: Partial<AppDeps> = {},
  options: { env?: Record<string, string>; publicUrlIsOwn?: boolean } = {},
): Promise<TestApp> {
  // Sign-in providers send the browser back to PUBLIC_URL: tests that sign in make it the app's own address.
  const server = createServer();
  server.listen(0, '127.0.0.1');
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    DATA_DIR: '/nonexistent',
    DEMO: 'false',
    NODE_ENV: 'test',
    ...(options.publicUrlIsOwn ? { PUBLIC_URL: url } : {}),
    ...options.env,
  });
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    config,
    log: silentLog,
    version: 'test',
    webRoot: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    // The engine as the real app has it, with the import-file templates and no API ledger to reach.
    link: {
      db: database.db,
      clock: systemClock,
      log: silentLog,
      apiConnectors: {},
      fileTemplates,
      publicUrl: 'http://abtrac.test',
      runtimeFor: () => Promise.reject(new Error('no ledger in this test')),
    },
    ...overrides,
  };
  const { app, api } = createApp(deps, 'test-session-secret-test-session-secret');
  server.on('request', app);
  return {
    url,
    deps,
    paths: api.paths,
    roles: api.roles,
    servedRoutes: servedRoutes(app),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    as:
      (apiKey) =>
      (path, init = {}) => {
        const { json, ...rest } = init;
        const headers = new Headers(rest.headers);
        headers.set('authorization', `Bearer ${apiKey}`);
        if (json !== undefined) headers.set('content-type', 'application/json');
        return fetch(`${url}${path}`, {
          ...rest,
          headers,
          body: json === undefined ? rest.body : JSON.stringify(json),
        });
      },
  };
}

export { createApiKey };

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function servedRoutes(app: ReturnType<typeof createApp>['app']): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}
