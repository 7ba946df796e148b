import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';

describe('health and the OpenAPI document', () => {
  let database: Database;
  let app: TestApp;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    app = await startTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('reports health with the database kind and version, without signing in', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'pglite', version: 'test', mode: 'production' });
  });

  it('serves a valid OpenAPI 3.1 document that describes every route', async () => {
    const doc = await (await fetch(`${app.url}/api/openapi.json`)).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/offices',
      '/api/invoice-settings',
      '/api/interfaces',
      '/api/clients',
      '/api/jobs',
      '/api/invoices',
    ]) {
      expect(doc.paths).toHaveProperty(path);
    }
    expect(doc.paths['/api/invoices'].post.responses).toHaveProperty('400');
    expect(doc.paths['/api/invoices'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'cursor',
    );
  });

  it('answers unknown API routes with the error envelope', async () => {
    const res = await fetch(`${app.url}/api/nothing-here`, { headers: { authorization: 'Bearer aal_x' } });
    expect(res.status).toBe(401);
  });
});
