// The admin host (myob.sandbox.test; /sandbox/myob/ in demo mode): index page, inspection API and the one
// control a person needs from the page (recording a payment as if keyed in MYOB).
import { html, json, redirect } from '../common/http.ts';
import type { MyobContext } from './context.ts';
import { ApiError } from './errors.ts';
import { indexPage } from './index-page.ts';
import { consentViews, duplicates, stateView } from './inspect.ts';
import type { CallStats } from './limits.ts';

export interface AdminDeps {
  ctx: MyobContext;
  stats: CallStats;
  payInvoice(businessId: string, invoiceUid: string): unknown;
}

export async function handleAdmin(deps: AdminDeps, request: Request, path: string): Promise<Response> {
  const { ctx } = deps;
  // Demo mode may mount the admin service at /sandbox/myob/ or /sandbox/myob/admin/ (common/express.ts).
  const clean = path.replace(/^\/admin(?=\/|$)/, '').replace(/\/+$/, '') || '/';
  if (request.method === 'GET') {
    if (clean === '/') return html(indexPage(ctx));
    if (clean === '/inspect/state') return json(stateView(ctx));
    if (clean === '/inspect/calls') return json(deps.stats.view());
    if (clean === '/inspect/duplicates') return json(duplicates(ctx));
    if (clean === '/inspect/consents') return json(consentViews(ctx));
  }
  if (request.method === 'POST' && clean === '/control/pay-invoice') {
    const form = new URLSearchParams(await request.text());
    try {
      deps.payInvoice(form.get('businessId') ?? '', form.get('invoiceUid') ?? '');
    } catch (e) {
      if (e instanceof ApiError) return json({ Errors: e.errors }, { status: e.status });
      throw e;
    }
    return redirect(`${ctx.urls.admin}/`, 303);
  }
  return json({ error: 'not_found', path }, { status: 404 });
}
