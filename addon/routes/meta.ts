// Health and the API's own OpenAPI document; both public.
import type { Router } from 'express';
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import type { AppDeps } from '../deps.ts';
import type { ApiRoutes } from '../http/route.ts';

export const Health = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
  /** demo: sample practice, everyone signed in; sandbox: staging with the simulators; production. */
  mode: z.enum(['demo', 'sandbox', 'production']),
});

export function metaRoutes(api: ApiRoutes, publicRouter: Router, deps: AppDeps) {
  publicRouter.get('/api/health', async (_req, res) => {
    await deps.db.execute('select 1');
    const mode = deps.config.demo ? 'demo' : deps.config.sandbox ? 'sandbox' : 'production';
    res.json(Health.parse({ status: 'ok', db: deps.dbKind, version: deps.version, mode }));
  });
  let document: unknown;
  publicRouter.get('/api/openapi.json', (_req, res) => {
    document ??= openApiDocument(api, deps.version);
    res.json(document);
  });
}

export function openApiDocument(api: ApiRoutes, version: string) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Abtrac Accounts Link API',
      version,
      description:
        'Links Abtrac practices to their accounting software. Every request acts for one practice, signed in by a session cookie or an API key (`Authorization: Bearer aal_...`). Errors share one envelope: `{ "error": { "code", "message", "fields" } }`. Amounts are exact decimal strings.',
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created for the practice.' },
        session: { type: 'apiKey', in: 'cookie', name: 'aal_session' },
      },
    },
    security: [{ apiKey: [] }, { session: [] }],
    paths: {
      '/api/health': {
        get: {
          summary: 'Health of the add-on and its database',
          tags: ['Meta'],
          security: [],
          responses: { '200': { description: 'OK', content: { 'application/json': { schema: Health } } } },
        },
      },
      ...api.paths,
    },
  });
}
