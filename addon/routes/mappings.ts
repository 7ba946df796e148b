import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { Mapping, SaveMappings, UnmappedCombination } from '../contract/link.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRoutes } from '../http/route.ts';
import { listMappings, saveMappings, unmappedCombinations } from '../link/mappings.ts';

export function mappingRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Mappings';
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/mappings',
      role: 'viewer',
      tag,
      summary: 'The code mapping rules, each flagged when the ledger no longer accepts its codes',
      params: IdParams,
      response: z.array(Mapping),
      errors: [404],
    },
    ({ auth, params }) => listMappings(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'put',
      path: '/api/interfaces/:id/mappings',
      role: 'administrator',
      tag,
      summary: 'Save mapping rules (checked against the ledger codes; a rule without codes is removed)',
      params: IdParams,
      body: SaveMappings,
      response: z.array(Mapping),
      errors: [404],
    },
    ({ auth, params, body }) => saveMappings(db, auth, params.id, body.mappings),
  );
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id/mappings/unmapped',
      role: 'viewer',
      tag,
      summary: 'Combinations on committed invoices that no rule maps yet',
      params: IdParams,
      response: z.array(UnmappedCombination),
      errors: [404],
    },
    ({ auth, params }) => unmappedCombinations(db, auth.practiceId, params.id),
  );
}
