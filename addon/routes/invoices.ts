import { IdParams } from '../contract/common.ts';
import { Invoice, InvoiceInput, InvoiceListQuery, InvoicePage } from '../contract/invoices.ts';
import type { AppDeps } from '../deps.ts';
import { commitInvoice, createInvoice, getInvoice, listInvoices, updateInvoice } from '../domain/invoices.ts';
import type { ApiRoutes } from '../http/route.ts';

export function invoiceRoutes(api: ApiRoutes, { db }: AppDeps) {
  const tag = 'Invoices';
  api.add(
    {
      method: 'get',
      path: '/api/invoices',
      role: 'viewer',
      tag,
      summary: 'List invoices, newest first, with filters and cursor paging',
      query: InvoiceListQuery,
      response: InvoicePage,
    },
    ({ auth, query }) => listInvoices(db, auth.practiceId, query),
  );
  api.add(
    {
      method: 'get',
      path: '/api/invoices/:id',
      role: 'viewer',
      tag,
      summary: 'Get an invoice with its lines',
      params: IdParams,
      response: Invoice,
      errors: [404],
    },
    ({ auth, params }) => getInvoice(db, auth.practiceId, params.id),
  );
  api.add(
    {
      method: 'post',
      path: '/api/invoices',
      role: 'biller',
      tag,
      summary: 'Create a draft invoice; amounts are computed per line',
      body: InvoiceInput,
      response: Invoice,
      status: 201,
      errors: [409],
    },
    ({ auth, body }) => createInvoice(db, auth.practiceId, body),
  );
  api.add(
    {
      method: 'put',
      path: '/api/invoices/:id',
      role: 'biller',
      tag,
      summary: 'Replace a draft invoice',
      params: IdParams,
      body: InvoiceInput,
      response: Invoice,
      errors: [404, 409],
    },
    ({ auth, params, body }) => updateInvoice(db, auth.practiceId, params.id, body),
  );
  api.add(
    {
      method: 'post',
      path: '/api/invoices/:id/commit',
      role: 'biller',
      tag,
      summary: 'Commit a draft invoice, making it final and ready for the accounts link',
      params: IdParams,
      response: Invoice,
      errors: [404, 409],
    },
    ({ auth, params }) => commitInvoice(db, auth.practiceId, params.id),
  );
}
