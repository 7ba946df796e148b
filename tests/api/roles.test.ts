// Every route names the role it needs, and the API holds to it: the test walks the declared routes (as the
// isolation test does), so a route added tomorrow is covered the day it is added. A viewer is refused
// every route above viewer, a biller every administrator route, with a 403 that says which role is needed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, hashApiKey } from '../../addon/http/auth.ts';
import type { Database } from '../../db/client.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../helpers/practices.ts';

describe('roles on every route', () => {
  let database: Database;
  let app: TestApp;
  let practices: TwoPractices;
  let asViewer: ReturnType<TestApp['as']>;
  let asBiller: ReturnType<TestApp['as']>;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    practices = await seedTwoPractices(database);
    app = await startTestApp(database);
    asViewer = app.as(await createApiKey(database.db, practices.a.id, 'viewer', { role: 'viewer' }));
    asBiller = app.as(await createApiKey(database.db, practices.a.id, 'biller', { role: 'biller' }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const concrete = (path: string) => path.replace('{id}', crypto.randomUUID()).replace('{index}', '0');

  it('declares a role for every route, in the API and in its OpenAPI document', async () => {
    const doc = await (await fetch(`${app.url}/api/openapi.json`)).json();
    let operations = 0;
    for (const [path, ops] of Object.entries(app.paths)) {
      for (const method of Object.keys(ops as object)) {
        const role = app.roles[`${method} ${path}`];
        expect({ route: `${method} ${path}`, role }).toEqual({
          route: `${method} ${path}`,
          role: expect.stringMatching(/^(viewer|biller|administrator)$/),
        });
        expect(doc.paths[path][method]['x-required-role']).toBe(role);
        operations++;
      }
    }
    expect(operations).toBeGreaterThanOrEqual(80);
  });

  it('serves no API route outside the declared ones but the few that must be public, each for a reason', () => {
    const PUBLIC: Record<string, string> = {
      'get /api/health': 'load balancers check it',
      'get /api/openapi.json': 'the API description',
      'post /api/webhooks/xero': 'Xero signs it; no session',
      'post /api/billing/stripe/webhook': 'Stripe signs it; no session',
      'get /api/auth/options': 'the sign-in page, before sign-in',
      'get /api/auth/invitations/:token': 'the join page, before sign-in; the token is signed',
      'get /api/auth/sign-in/:provider': 'starts a sign-in',
      'get /api/auth/callback/:provider': 'the provider sends the browser back',
      'get /api/oauth/xero/signup': 'Sign up with Xero: no practice yet',
      'get /api/oauth/xero/callback': 'Xero sends the browser back; checked against the started attempt',
      'get /api/oauth/myob/callback': 'MYOB sends the browser back; checked against the started attempt',
    };
    const declared = new Set(Object.keys(app.roles));
    const undeclared = app.servedRoutes
      .filter((r) => r.split(' ')[1]!.startsWith('/api/'))
      .filter((r) => !declared.has(r.replace(/:(\w+)/g, '{$1}')));
    expect(undeclared.sort()).toEqual(Object.keys(PUBLIC).sort());
  });

  it('pins the roles people rely on: settings, connections and billing for administrators, batches for billers', () => {
    expect(app.roles).toMatchObject({
      'get /api/interfaces/{id}/connection': 'administrator',
      'get /api/interfaces/{id}/connect': 'administrator',
      'put /api/interfaces/{id}/mappings': 'administrator',
      'put /api/interfaces/{id}/options': 'administrator',
      'get /api/billing/status': 'administrator',
      'post /api/billing/checkout': 'administrator',
      'get /api/users': 'administrator',
      'post /api/invitations': 'administrator',
      'post /api/api-keys': 'administrator',
      'post /api/batches': 'biller',
      'post /api/batches/{id}/preview': 'biller',
      'post /api/batches/{id}/upload': 'biller',
      'post /api/exports': 'biller',
      'get /api/batches': 'viewer',
      'get /api/invoices': 'viewer',
    });
  });

  it('refuses each route to the roles below it with a 403 in plain words, and lets the role itself through', async () => {
    const counts = { administrator: 0, biller: 0, viewer: 0 };
    for (const [key, role] of Object.entries(app.roles)) {
      const [method, path] = key.split(' ') as [string, string];
      const call = (as: typeof asViewer) =>
        as(concrete(path), { method: method.toUpperCase(), ...(method === 'get' ? {} : { json: {} }) });
      const callers = role === 'administrator' ? [asViewer, asBiller] : role === 'biller' ? [asViewer] : [];
      for (const as of callers) {
        const res = await call(as);
        const body = await res.json();
        expect({ route: key, status: res.status, code: body.error?.code }).toEqual({
          route: key,
          status: 403,
          code: 'forbidden',
        });
        expect(body.error.message).toContain(
          role === 'administrator' ? 'this needs an administrator' : 'this needs a biller',
        );
      }
      // The role itself gets past the role check (it may still meet a 400 or 404 for the made-up id).
      const own = role === 'viewer' ? asViewer : role === 'biller' ? asBiller : undefined;
      if (own) {
        const res = await call(own);
        expect({ route: key, status: res.status }).not.toEqual({ route: key, status: 403 });
      }
      counts[role]++;
    }
    expect(counts.administrator).toBeGreaterThanOrEqual(30);
    expect(counts.biller).toBeGreaterThanOrEqual(15);
    expect(counts.viewer).toBeGreaterThanOrEqual(25);
  });

  it('keeps API keys made before roles existed working, as administrators', async () => {
    const key = 'aal_made-before-roles-existed';
    await database.db.execute(
      sql`insert into api_keys (practice_id, name, key_hash) values (${practices.a.id}, 'old', ${hashApiKey(key)})`,
    );
    const res = await app.as(key)('/api/users');
    expect(res.status).toBe(200);
    const settings = await app.as(practices.a.key)('/api/billing/status');
    expect(settings.status).toBe(200);
  });
});
