import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { CreateOffice, LinkInvoiceSetting, Office, UpdateOffice } from '../contract/organisation.ts';
import type { AppDeps } from '../deps.ts';
import {
  createOffice,
  getOfficeRow,
  linkOfficeToSetting,
  listOffices,
  updateOffice,
} from '../domain/organisation.ts';
import type { ApiRoutes } from '../http/route.ts';

export function officeRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Offices';
  api.add(
    {
      method: 'get',
      path: '/api/offices',
      role: 'viewer',
      tag,
      summary: 'List offices',
      response: z.array(Office),
    },
    ({ auth }) => listOffices(db, auth.practiceId),
  );
  api.add(
    {
      method: 'get',
      path: '/api/offices/:id',
      role: 'viewer',
      tag,
      summary: 'Get an office',
      params: IdParams,
      response: Office,
      errors: [404],
    },
    async ({ auth, params }) => {
      const r = await getOfficeRow(db, auth.practiceId, params.id);
      return { id: r.id, code: r.code, name: r.name, invoiceSettingId: r.invoiceSettingId };
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/offices',
      role: 'administrator',
      tag,
      summary: 'Create an office',
      body: CreateOffice,
      response: Office,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) => createOffice(db, auth, body),
  );
  api.add(
    {
      method: 'patch',
      path: '/api/offices/:id',
      role: 'administrator',
      tag,
      summary: 'Rename an office',
      params: IdParams,
      body: UpdateOffice,
      response: Office,
      errors: [404, 409],
    },
    ({ auth, params, body }) => updateOffice(db, auth, params.id, body),
  );
  api.add(
    {
      method: 'put',
      path: '/api/offices/:id/invoice-setting',
      role: 'administrator',
      tag,
      summary: 'Link the office to its invoice setting (null unlinks)',
      params: IdParams,
      body: LinkInvoiceSetting,
      response: Office,
      errors: [404, 409],
    },
    ({ auth, params, body }) => linkOfficeToSetting(db, auth, params.id, body.invoiceSettingId),
  );
}
