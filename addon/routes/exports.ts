import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { ExportListQuery, ExportRecord, ExportSelection } from '../contract/exports.ts';
import { Preview } from '../contract/link.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRoutes } from '../http/route.ts';
import {
  confirmExport,
  createExport,
  downloadExport,
  getExport,
  listExports,
  previewExport,
} from '../link/exports.ts';
import { linkOf } from './reference.ts';

export function exportRoutes(api: ApiRoutes, deps: AppDeps) {
  const tag = 'Exports';
  api.add(
    {
      method: 'get',
      path: '/api/exports',
      role: 'viewer',
      tag,
      summary: 'Import files written, newest first',
      query: ExportListQuery,
      response: z.array(ExportRecord),
    },
    ({ auth, query }) => listExports(linkOf(deps), auth.practiceId, query.interfaceId),
  );
  api.add(
    {
      method: 'post',
      path: '/api/exports/preview',
      role: 'biller',
      tag,
      summary: 'Preview an export: codes, contacts, totals and the package’s own limits',
      body: ExportSelection,
      response: Preview,
      errors: [404],
    },
    ({ auth, body }) => previewExport(linkOf(deps), auth, body),
  );
  api.add(
    {
      method: 'post',
      path: '/api/exports',
      role: 'biller',
      tag,
      summary: 'Write the import file for the invoices that are ready',
      body: ExportSelection,
      response: ExportRecord,
      status: 201,
      errors: [402, 404],
    },
    ({ auth, body }) => createExport(linkOf(deps), auth, body),
  );
  api.add(
    {
      method: 'get',
      path: '/api/exports/:id',
      role: 'viewer',
      tag,
      summary: 'An export record',
      params: IdParams,
      response: ExportRecord,
      errors: [404],
    },
    ({ auth, params }) => getExport(linkOf(deps), auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'get',
      path: '/api/exports/:id/files/:index',
      role: 'viewer',
      tag,
      summary: 'Download one file of an export (as the package imports it)',
      params: IdParams.extend({ index: z.coerce.number().int().min(0).max(9999) }),
      response: z.string().meta({ description: 'The file itself, in the package’s format' }),
      errors: [404],
    },
    async ({ auth, params, res }) => {
      await downloadExport(linkOf(deps), auth.practiceId, params.id, params.index, res);
      return undefined;
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/exports/:id/confirm',
      role: 'biller',
      tag,
      summary: 'Confirm the package imported the file: its invoices now count as exported',
      params: IdParams,
      response: ExportRecord,
      errors: [404, 409],
    },
    ({ auth, params }) => confirmExport(linkOf(deps), auth, params.id),
  );
}
