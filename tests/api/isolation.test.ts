// Practices are walled off: every route, given another practice's ids, answers 404 (or 400 for an id in
// a body), never that practice's data. The test walks the declared routes, so a new route is covered
// the day it is added, and fails until this file knows how to find an id for it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { seedTwoPractices, type TwoPractices } from '../helpers/practices.ts';

type IdTable =
  | typeof schema.batches
  | typeof schema.exportsTable
  | typeof schema.offices
  | typeof schema.taxClasses
  | typeof schema.invoiceSettings
  | typeof schema.accountsInterfaces
  | typeof schema.clients
  | typeof schema.jobs
  | typeof schema.invoices
  | typeof schema.users
  | typeof schema.invitations
  | typeof schema.apiKeys;

/** Which table a route's {id} belongs to, by the route's first path segment after /api. */
const ID_OWNERS: Record<string, IdTable> = {
  offices: schema.offices,
  'invoice-settings': schema.invoiceSettings,
  interfaces: schema.accountsInterfaces,
  clients: schema.clients,
  jobs: schema.jobs,
  invoices: schema.invoices,
  batches: schema.batches,
  exports: schema.exportsTable,
  users: schema.users,
  invitations: schema.invitations,
  'api-keys': schema.apiKeys,
  'tax-classes': schema.taxClasses,
};

describe.each(testDbKinds)('practice isolation on %s', (kind) => {
  let database: Database;
  let app: TestApp;
  let practices: TwoPractices;
  let asA: ReturnType<TestApp['as']>;

  const firstId = async (table: IdTable, practiceId: string) => {
    const [row] = await database.db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.practiceId, practiceId))
      .limit(1);
    return row!.id;
  };

  /** A valid body for each writing route, built from practice A's own records. */
  const bodyFor = async (method: string, path: string): Promise<unknown> => {
    const a = practices.a.id;
    const client = await firstId(schema.clients, a);
    const office = await firstId(schema.offices, a);
    const [taxClass] = await database.db
      .select()
      .from(schema.taxClasses)
      .where(eq(schema.taxClasses.practiceId, a))
      .limit(1);
    const bodies: Record<string, unknown> = {
      'patch /api/offices/{id}': { name: 'Renamed' },
      'put /api/offices/{id}/invoice-setting': { invoiceSettingId: null },
      'put /api/invoice-settings/{id}/interface': { interfaceId: null },
      'patch /api/interfaces/{id}': { displayName: 'Renamed' },
      'put /api/clients/{id}': { clientCode: 'ZZ1', name: 'Renamed' },
      'put /api/jobs/{id}': { code: 'JZZ', name: 'Renamed', clientId: client, officeId: office },
      'put /api/invoices/{id}': {
        number: 'ZZ-1',
        officeId: office,
        clientId: client,
        invoiceDate: '2026-11-01',
        dueDate: '2026-11-30',
        currency: 'AUD',
        taxMode: 'exclusive',
        lines: [
          { category: 'fee', description: 'x', quantity: '1', unitPrice: '1', taxClassId: taxClass!.id },
        ],
      },
      'post /api/invoices/{id}/commit': undefined,
      'post /api/invoices/{id}/park': undefined,
      'post /api/invoices/{id}/unpark': undefined,
      'put /api/interfaces/{id}/options': {},
      'post /api/interfaces/{id}/reference/refresh': undefined,
      'post /api/interfaces/{id}/reference/import': { kind: 'accounts', text: 'Code,Name\r\n200,Sales\r\n' },
      'put /api/interfaces/{id}/mappings': { mappings: [] },
      'post /api/interfaces/{id}/organisation': { tenantId: 'some-tenant' },
      'post /api/interfaces/{id}/disconnect': undefined,
      'post /api/interfaces/{id}/connection/check': undefined,
      'post /api/interfaces/{id}/payments/check': undefined,
      'post /api/interfaces/{id}/connect': {},
      'delete /api/batches/{id}': undefined,
      'delete /api/interfaces/{id}': undefined,
      'post /api/batches/{id}/preview': undefined,
      'post /api/batches/{id}/upload': undefined,
      'post /api/batches/{id}/retry': undefined,
      'post /api/batches/{id}/skip': { invoiceId: crypto.randomUUID() },
      'post /api/exports/{id}/confirm': undefined,
      'patch /api/users/{id}': { role: 'viewer' },
      'delete /api/users/{id}': undefined,
      'post /api/users/{id}/sign-out-everywhere': undefined,
      'delete /api/invitations/{id}': undefined,
      'delete /api/api-keys/{id}': undefined,
      'patch /api/tax-classes/{id}': { name: 'Taken over' },
    };
    const key = `${method} ${path}`;
    if (!(key in bodies) && method !== 'get') throw new Error(`isolation test: add a body for ${key}`);
    return bodies[key];
  };

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    // Practice B also has a batch and an export, so their routes are walked too.
    const b = practices.b.id;
    const [bInterface] = await database.db
      .select()
      .from(schema.accountsInterfaces)
      .where(eq(schema.accountsInterfaces.practiceId, b));
    await database.db
      .insert(schema.batches)
      .values({ practiceId: b, number: 1, interfaceId: bInterface!.id, createdBy: 'b' });
    await database.db.insert(schema.exportsTable).values({
      practiceId: b,
      interfaceId: bInterface!.id,
      template: 'xero-csv',
      fileName: 'b.csv',
      fileNames: ['b.csv'],
      invoiceCount: 0,
      createdBy: 'b',
    });
    // ...and a user and an invitation, for the team routes.
    await database.db.insert(schema.users).values({ practiceId: b, email: 'b@b.test', name: 'B' });
    await database.db.insert(schema.invitations).values({
      practiceId: b,
      email: 'new@b.test',
      role: 'biller',
      invitedBy: 'b',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    app = await startTestApp(database);
    asA = app.as(practices.a.key);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 404 on every route that takes an id, for ids of another practice', async () => {
    let checked = 0;
    for (const [path, operations] of Object.entries(app.paths)) {
      if (!path.includes('{id}')) continue;
      const segment = path.split('/')[2]!;
      const owner = ID_OWNERS[segment];
      if (!owner) throw new Error(`isolation test: say which table the id of ${path} belongs to`);
      const foreignId = await firstId(owner, practices.b.id);
      for (const method of Object.keys(operations as object)) {
        const json = await bodyFor(method, path);
        const res = await asA(path.replace('{id}', foreignId).replace('{index}', '0'), {
          method: method.toUpperCase(),
          json,
        });
        const text = await res.text();
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({
          route: `${method} ${path}`,
          status: 404,
        });
        expect(text).not.toContain(foreignId);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(38);
  });

  it('lists only the caller’s own records, even when filtered by another practice’s ids', async () => {
    const foreignClient = await firstId(schema.clients, practices.b.id);
    const jobs = await (await asA(`/api/jobs?clientId=${foreignClient}`)).json();
    expect(jobs).toEqual([]);
    const invoices = await (await asA(`/api/invoices?clientId=${foreignClient}`)).json();
    expect(invoices.items).toEqual([]);
    const offices: { id: string }[] = await (await asA('/api/offices')).json();
    const own = await database.db
      .select({ id: schema.offices.id })
      .from(schema.offices)
      .where(eq(schema.offices.practiceId, practices.a.id));
    expect(offices.map((o) => o.id).sort()).toEqual(own.map((o) => o.id).sort());
  });

  it('refuses ids of another practice inside a body with a 400 naming the field', async () => {
    const foreignClient = await firstId(schema.clients, practices.b.id);
    const office = await firstId(schema.offices, practices.a.id);
    const res = await asA('/api/jobs', {
      method: 'POST',
      json: { code: 'J-X', name: 'Cross', clientId: foreignClient, officeId: office },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ clientId: 'no such client in this practice' });
    const foreignSetting = await firstId(schema.invoiceSettings, practices.b.id);
    const link = await asA(`/api/offices/${office}/invoice-setting`, {
      method: 'PUT',
      json: { invoiceSettingId: foreignSetting },
    });
    expect(link.status).toBe(404);
  });

  it('answers 401 without credentials and with a revoked or made-up key', async () => {
    expect((await fetch(`${app.url}/api/offices`)).status).toBe(401);
    const res = await fetch(`${app.url}/api/offices`, { headers: { authorization: 'Bearer aal_madeup' } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });
});
