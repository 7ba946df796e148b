import { z } from 'zod';
import { Client, ClientInput } from '../contract/clients.ts';
import { IdParams } from '../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { createClient, getClient, listClients, updateClient } from '../domain/clients.ts';
import type { ApiRoutes } from '../http/route.ts';

export function clientRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Clients';
  api.add(
    {
      method: 'get',
      path: '/api/clients',
      role: 'viewer',
      tag,
      summary: 'List clients, optionally searching name and client ID',
      query: z.object({ q: z.string().trim().max(100).optional() }),
      response: z.array(Client),
    },
    ({ auth, query }) => listClients(db, auth.practiceId, query.q),
  );
  api.add(
    {
      method: 'get',
      path: '/api/clients/:id',
      role: 'viewer',
      tag,
      summary: 'Get a client',
      params: IdParams,
      response: Client,
      errors: [404],
    },
    ({ auth, params }) => getClient(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/api/clients',
      role: 'biller',
      tag,
      summary: 'Create a client',
      body: ClientInput,
      response: Client,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) => createClient(db, auth.practiceId, body),
  );
  api.add(
    {
      method: 'put',
      path: '/api/clients/:id',
      role: 'biller',
      tag,
      summary: 'Replace a client',
      params: IdParams,
      body: ClientInput,
      response: Client,
      errors: [404, 409],
    },
    ({ auth, params, body }) => updateClient(db, auth.practiceId, params.id, body),
  );
}
