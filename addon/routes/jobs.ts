import { z } from 'zod';
import { Job, JobInput } from '../contract/clients.ts';
import { Id, IdParams } from '../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { createJob, getJob, listJobs, updateJob } from '../domain/clients.ts';
import type { ApiRoutes } from '../http/route.ts';

export function jobRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Jobs';
  api.add(
    {
      method: 'get',
      path: '/api/jobs',
      role: 'viewer',
      tag,
      summary: 'List jobs',
      query: z.object({ clientId: Id.optional(), officeId: Id.optional() }),
      response: z.array(Job),
    },
    ({ auth, query }) => listJobs(db, auth.practiceId, query),
  );
  api.add(
    {
      method: 'get',
      path: '/api/jobs/:id',
      role: 'viewer',
      tag,
      summary: 'Get a job',
      params: IdParams,
      response: Job,
      errors: [404],
    },
    ({ auth, params }) => getJob(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/api/jobs',
      role: 'biller',
      tag,
      summary: 'Create a job',
      body: JobInput,
      response: Job,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) => createJob(db, auth.practiceId, body),
  );
  api.add(
    {
      method: 'put',
      path: '/api/jobs/:id',
      role: 'biller',
      tag,
      summary: 'Replace a job',
      params: IdParams,
      body: JobInput,
      response: Job,
      errors: [404, 409],
    },
    ({ auth, params, body }) => updateJob(db, auth.practiceId, params.id, body),
  );
}
