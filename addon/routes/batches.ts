import { z } from 'zod';
import { Id, IdParams } from '../contract/common.ts';
import {
  AvailableInvoice,
  AvailableQuery,
  Batch,
  BatchSummary,
  CreateBatch,
  Preview,
} from '../contract/link.ts';
import type { AppDeps } from '../deps.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import { AppError } from '../http/errors.ts';
import type { ApiRoutes } from '../http/route.ts';
import {
  availableInvoices,
  createBatch,
  deleteOpenBatch,
  getBatch,
  listBatches,
  setParked,
  skipItem,
} from '../link/batches.ts';
import { buildPreview } from '../link/preview.ts';
import { startUpload } from '../link/push.ts';
import { linkOf } from './reference.ts';

export function batchRoutes(api: ApiRoutes, deps: AppDeps) {
  const { db } = deps;
  const tag = 'Batches';
  const queue = () => {
    if (!deps.boss)
      throw new AppError(
        503,
        'queue_unavailable',
        'Uploads are not running on this server; try again shortly.',
      );
    return deps.boss;
  };
  api.add(
    {
      method: 'get',
      path: '/api/batches/available',
      role: 'viewer',
      tag,
      summary: 'Committed invoices not yet sent to this accounts file, nor parked, nor in a batch on the way',
      query: AvailableQuery,
      response: z.array(AvailableInvoice),
    },
    ({ auth, query }) => availableInvoices(db, auth.practiceId, query.interfaceId, query),
  );
  api.add(
    {
      method: 'get',
      path: '/api/batches',
      role: 'viewer',
      tag,
      summary: 'List batches, newest first',
      response: z.array(BatchSummary),
    },
    ({ auth }) => listBatches(db, auth.practiceId),
  );
  api.add(
    {
      method: 'post',
      path: '/api/batches',
      role: 'biller',
      tag,
      summary: 'Create a numbered batch',
      body: CreateBatch,
      response: Batch,
      status: 201,
      errors: [404],
    },
    ({ auth, body }) => createBatch(db, auth, body),
  );
  api.add(
    {
      method: 'get',
      path: '/api/batches/:id',
      role: 'viewer',
      tag,
      summary: 'A batch with each invoice’s status and error',
      params: IdParams,
      response: Batch,
      errors: [404],
    },
    ({ auth, params }) => getBatch(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/batches/:id',
      role: 'biller',
      tag,
      summary: 'Delete a batch that has not started',
      params: IdParams,
      response: null,
      errors: [404, 409],
    },
    async ({ auth, params }) => {
      await deleteOpenBatch(db, auth.practiceId, params.id);
      return undefined;
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/batches/:id/preview',
      role: 'biller',
      tag,
      summary: 'Preview the batch: codes and their sources, contacts, jobs, ledger totals and every problem',
      params: IdParams,
      response: Preview,
      errors: [404],
    },
    async ({ auth, params }) => {
      const batch = await getBatch(db, auth.practiceId, params.id);
      const iface = await getInterfaceRow(db, auth.practiceId, batch.interfaceId);
      const ids = batch.items.filter((i) => i.status !== 'skipped').map((i) => i.invoiceId);
      return (await buildPreview(linkOf(deps), iface, ids, { remote: true })).preview;
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/batches/:id/upload',
      role: 'biller',
      tag,
      summary:
        'Upload the batch: invoices without errors are queued and sent; blocked ones are marked with why',
      params: IdParams,
      response: Batch,
      errors: [402, 404, 409],
    },
    async ({ auth, params }) => {
      await getBatch(db, auth.practiceId, params.id); // another practice's batch is not found, whatever else
      return startUpload(linkOf(deps), queue(), auth, params.id);
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/batches/:id/retry',
      role: 'biller',
      tag,
      summary: 'Send the failed invoices of a batch again',
      params: IdParams,
      response: Batch,
      errors: [402, 404],
    },
    async ({ auth, params }) => {
      await getBatch(db, auth.practiceId, params.id);
      return startUpload(linkOf(deps), queue(), auth, params.id, 'failed');
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/batches/:id/skip',
      role: 'biller',
      tag,
      summary: 'Take an invoice out of an open batch (it stays available)',
      params: IdParams,
      body: z.object({ invoiceId: Id }).strict(),
      response: Batch,
      errors: [404, 409],
    },
    ({ auth, params, body }) => skipItem(db, auth.practiceId, params.id, body.invoiceId),
  );
  const Parked = z.object({ invoiceId: Id, number: z.string(), parked: z.boolean() });
  api.add(
    {
      method: 'post',
      path: '/api/invoices/:id/park',
      role: 'biller',
      tag,
      summary: 'Park an invoice: kept out of batches until un-parked',
      params: IdParams,
      response: Parked,
      errors: [404],
    },
    ({ auth, params }) => setParked(db, auth.practiceId, params.id, true),
  );
  api.add(
    {
      method: 'post',
      path: '/api/invoices/:id/unpark',
      role: 'biller',
      tag,
      summary: 'Un-park an invoice',
      params: IdParams,
      response: Parked,
      errors: [404],
    },
    ({ auth, params }) => setParked(db, auth.practiceId, params.id, false),
  );
}
