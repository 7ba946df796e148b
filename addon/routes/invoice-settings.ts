import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { CreateInvoiceSetting, InvoiceSetting, LinkInterface } from '../contract/organisation.ts';
import type { AppDeps } from '../deps.ts';
import { createSetting, getSetting, linkSettingToInterface, listSettings } from '../domain/organisation.ts';
import type { ApiRoutes } from '../http/route.ts';

export function invoiceSettingRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Invoice settings';
  api.add(
    {
      method: 'get',
      path: '/api/invoice-settings',
      role: 'viewer',
      tag,
      summary: 'List invoice settings',
      response: z.array(InvoiceSetting),
    },
    ({ auth }) => listSettings(db, auth.practiceId),
  );
  api.add(
    {
      method: 'get',
      path: '/api/invoice-settings/:id',
      role: 'viewer',
      tag,
      summary: 'Get an invoice setting',
      params: IdParams,
      response: InvoiceSetting,
      errors: [404],
    },
    ({ auth, params }) => getSetting(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/api/invoice-settings',
      role: 'administrator',
      tag,
      summary: 'Create an invoice setting',
      body: CreateInvoiceSetting,
      response: InvoiceSetting,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) => createSetting(db, auth, body),
  );
  api.add(
    {
      method: 'put',
      path: '/api/invoice-settings/:id/interface',
      role: 'administrator',
      tag,
      summary: 'Link the invoice setting to its accounts interface (null unlinks)',
      params: IdParams,
      body: LinkInterface,
      response: InvoiceSetting,
      errors: [404, 409],
    },
    ({ auth, params, body }) => linkSettingToInterface(db, auth, params.id, body.interfaceId),
  );
}
