// api.xero.com: /connections and the Accounting API under /api.xro/2.0/. Order of checks, as Xero: bearer
// token (401), xero-tenant-id reachable by the token (403), scope (401 AuthorizationUnsuccessful), rate
// limits (429), then Idempotency-Key (evaluated after rate limiting), then the resource (BEHAVIOURS.md).
import { json } from '../../common/http.ts';
import type { XeroContext } from '../context.ts';
import { withIdempotency } from '../idempotency.ts';
import { activeConnections, connectionsRoute } from '../identity/connections.ts';
import { hasScope, scopeFamilyFor } from '../identity/scopes.ts';
import { checkAccessToken } from '../identity/tokens.ts';
import type { ApiCall } from './call.ts';
import { contactsRoute } from './contacts.ts';
import { documentsRoute } from './documents.ts';
import { paymentsRoute } from './payments.ts';
import { type AuthFailure, authProblem, notFound, rateLimited } from './responses.ts';
import { accountsRoute, organisationRoute, taxRatesRoute, trackingRoute } from './settings.ts';

const ACCOUNTING_PREFIX = '/api.xro/2.0/';
/** xero.md §2.7: a single POST is limited to 3.5 MB. */
const MAX_BODY_BYTES = 3.5 * 1024 * 1024;

function countCall(ctx: XeroContext, tenantId: string, route: string, limited: boolean) {
  const c = ctx.state.calls[tenantId] ?? { calls: 0, rateLimited: 0, byRoute: {} };
  ctx.state.calls[tenantId] = c;
  c.calls++;
  if (limited) c.rateLimited++;
  c.byRoute[route] = (c.byRoute[route] ?? 0) + 1;
  ctx.changed();
}

async function dispatch(call: ApiCall): Promise<Response> {
  switch (call.segments[0]?.toLowerCase()) {
    case 'organisation':
      return organisationRoute(call);
    case 'accounts':
      return accountsRoute(call);
    case 'taxrates':
      return taxRatesRoute(call);
    case 'trackingcategories':
      return trackingRoute(call);
    case 'contacts':
      return contactsRoute(call);
    case 'invoices':
      return documentsRoute(call, 'invoice');
    case 'creditnotes':
      return documentsRoute(call, 'creditnote');
    case 'payments':
      return paymentsRoute(call);
    default:
      return notFound();
  }
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const h = new Headers(response.headers);
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: h,
  });
}

export async function apiService(
  ctx: XeroContext,
  request: Request,
  path: string,
  delay: () => Promise<void>,
): Promise<Response> {
  const auth = checkAccessToken(ctx, request.headers.get('authorization'));
  const refused = (detail: string) =>
    authProblem(
      ctx,
      (detail.startsWith('TokenExpired') ? 'token-expired' : 'token-invalid') as AuthFailure,
      detail,
    );
  const connections = /^\/connections(?:\/([^/]+))?\/?$/i.exec(path);
  if (connections) {
    if (!auth.ok) return refused(auth.detail);
    await delay();
    return connectionsRoute(ctx, request, auth.grant, connections[1]);
  }
  if (!path.toLowerCase().startsWith(ACCOUNTING_PREFIX)) return notFound();
  if (!auth.ok) return refused(auth.detail);

  const grant = auth.grant;
  const tenantId = request.headers.get('xero-tenant-id')?.trim().toLowerCase() ?? '';
  const org = ctx.state.orgs[tenantId];
  if (!org || !activeConnections(ctx, grant).some((c) => c.tenantId === tenantId)) {
    return authProblem(ctx, 'tenant-forbidden');
  }
  const segments = path.slice(ACCOUNTING_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  const method = request.method.toUpperCase();
  const family = scopeFamilyFor(segments[0] ?? '');
  // Payments: accounting.payments; apps on the recommended set read them through accounting.invoices too.
  const families =
    family === 'accounting.payments' ? [family, 'accounting.invoices'] : family ? [family] : [];
  if (families.length && !families.some((f) => hasScope(grant.scopes, f, method))) {
    return authProblem(ctx, 'scope-missing');
  }

  const route = `/${segments[0] ?? ''}`;
  const admission = ctx.limits.admit(grant.clientId, tenantId, ctx.clock.now());
  if (!admission.ok) {
    countCall(ctx, tenantId, route, true);
    return rateLimited(admission.problem, admission.retryAfterSeconds, admission.headers);
  }
  countCall(ctx, tenantId, route, false);
  try {
    await delay();
    const bodyText = method === 'GET' || method === 'HEAD' ? '' : await request.text();
    if (Buffer.byteLength(bodyText) > MAX_BODY_BYTES) {
      return withHeaders(
        json({ Title: 'Payload Too Large', Status: 413 }, { status: 413 }),
        admission.headers,
      );
    }
    const call: ApiCall = {
      ctx,
      org,
      tenantId,
      clientId: grant.clientId,
      providerName:
        ctx.options.clients.find((c) => c.clientId === grant.clientId)?.name ?? 'Abtrac Accounts Link',
      request,
      url: new URL(request.url),
      method,
      segments,
      bodyText,
    };
    const response = await withIdempotency(ctx, grant.clientId, request, `${tenantId}\n${bodyText}`, () =>
      dispatch(call),
    );
    return withHeaders(response, admission.headers);
  } finally {
    admission.release();
  }
}
