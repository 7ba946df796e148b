import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { AccountsInterface, CreateInterface, UpdateInterface } from '../contract/organisation.ts';
import { applyDemoFilePreset } from '../demo/file-presets.ts';
import type { AppDeps } from '../deps.ts';
import {
  createInterface,
  deleteInterface,
  getInterface,
  listInterfaces,
  updateInterface,
} from '../domain/organisation.ts';
import type { ApiRoutes } from '../http/route.ts';

export function interfaceRoutes(api: ApiRoutes, { db, demoPracticeId }: AppDeps) {
  const tag = 'Accounts interfaces';
  api.add(
    {
      method: 'get',
      path: '/api/interfaces',
      role: 'viewer',
      tag,
      summary: 'List accounts interfaces',
      response: z.array(AccountsInterface),
    },
    ({ auth }) => listInterfaces(db, auth.practiceId),
  );
  api.add(
    {
      method: 'get',
      path: '/api/interfaces/:id',
      role: 'viewer',
      tag,
      summary: 'Get an accounts interface',
      params: IdParams,
      response: AccountsInterface,
      errors: [404],
    },
    ({ auth, params }) => getInterface(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/api/interfaces',
      role: 'administrator',
      tag,
      summary: 'Create an accounts interface for a provider',
      body: CreateInterface,
      response: AccountsInterface,
      status: 201,
      errors: [409],
    },
    async ({ auth, body }) => {
      const created = await createInterface(db, auth, body);
      // The demo practice's import-file interfaces start with their package's example settings and mappings,
      // so the demo can write a file each package accepts straight away.
      if (demoPracticeId?.() === auth.practiceId) {
        await applyDemoFilePreset(db, auth, created.id, body.provider);
        return getInterface(db, auth.practiceId, created.id);
      }
      return created;
    },
  );
  api.add(
    {
      method: 'patch',
      path: '/api/interfaces/:id',
      role: 'administrator',
      tag,
      summary: 'Rename an accounts interface',
      params: IdParams,
      body: UpdateInterface,
      response: AccountsInterface,
      errors: [404, 409],
    },
    ({ auth, params, body }) => updateInterface(db, auth, params.id, body),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/interfaces/:id',
      role: 'administrator',
      tag,
      summary: 'Delete an accounts interface (refused while one of its batches is uploading)',
      params: IdParams,
      response: null,
      errors: [404, 409],
    },
    async ({ auth, params }) => {
      await deleteInterface(db, auth, params.id);
      return undefined;
    },
  );
}
