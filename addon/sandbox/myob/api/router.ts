// api.myob.com/accountright/...: the gateway checks in MYOB's order as far as it is known: API key
// (403 DeveloperInactive), rate limit per key (403 RateLimitError, myob.md §4), bearer token (401),
// x-myobapi-version (400), company file and consent (401 Access denied), cftoken on a cloud file (401,
// myob.md §1.7), then the endpoint's scope (403, myob.md §1.5) and the resource itself.
import { randomUUID } from 'node:crypto';
import { json } from '../../common/http.ts';
import type { MyobContext } from '../context.ts';
import {
  ApiError,
  accessDenied401,
  developerInactive,
  errorResponse,
  item,
  notFound,
  rateLimit,
  required,
  scopeMissing,
  tokenInvalid,
} from '../errors.ts';
import type { CallStats, KeyLimits } from '../limits.ts';
import { consentIsActive } from '../oauth.ts';
import { grants } from '../scopes.ts';
import { accountsResource } from './accounts.ts';
import { companyFileResource } from './company-file.ts';
import { customersResource } from './customers.ts';
import { anyLayoutResource, serviceInvoicesResource } from './invoices.ts';
import { jobsResource } from './jobs.ts';
import { paymentsResource } from './payments.ts';
import { type ResourceHandler, readJsonBody } from './request.ts';
import { taxCodesResource } from './tax-codes.ts';

interface Resource {
  path: string;
  scope: string;
  handler: ResourceHandler;
}

/** Longest paths first so Sale/Invoice/Service wins over Sale/Invoice. Scopes per myob.md §1.5. */
const RESOURCES: Resource[] = [
  { path: 'Sale/Invoice/Service', scope: 'sme-sales', handler: serviceInvoicesResource },
  { path: 'Sale/Invoice', scope: 'sme-sales', handler: anyLayoutResource },
  { path: 'Sale/CustomerPayment', scope: 'sme-sales', handler: paymentsResource },
  { path: 'GeneralLedger/Account', scope: 'sme-general-ledger', handler: accountsResource },
  { path: 'GeneralLedger/TaxCode', scope: 'sme-general-ledger', handler: taxCodesResource },
  { path: 'GeneralLedger/Job', scope: 'sme-general-ledger', handler: jobsResource },
  { path: 'Contact/Customer', scope: 'sme-contacts-customer', handler: customersResource },
  { path: '', scope: 'sme-company-file', handler: companyFileResource },
];

function matchResource(segments: string[]): { resource: Resource; rest: string[] } | undefined {
  for (const resource of RESOURCES) {
    const parts = resource.path ? resource.path.split('/') : [];
    if (parts.length > segments.length) continue;
    if (parts.every((p, i) => p.toLowerCase() === segments[i]!.toLowerCase())) {
      const rest = segments.slice(parts.length);
      if (rest.length <= 1 && (resource.path || rest.length === 0)) return { resource, rest };
    }
  }
  return undefined;
}

export interface ApiDeps {
  ctx: MyobContext;
  limits: KeyLimits;
  stats: CallStats;
}

/**
 * MYOB publishes no URL limit; its API runs on IIS, whose request filtering refuses a query string over
 * 2,048 bytes (maxQueryString's default) with 404.15 before the application sees it. The sandbox does the
 * same, so a client that builds long OData filters finds out here rather than in production.
 */
export const MAX_QUERY_STRING_BYTES = 2_048;

export async function handleApi(deps: ApiDeps, request: Request, path: string): Promise<Response> {
  const query = new URL(request.url).search.replace(/^\?/, '');
  if (Buffer.byteLength(query) > MAX_QUERY_STRING_BYTES) {
    return new Response(
      'HTTP Error 404.15 - Not Found. The request filtering module is configured to deny a request where the query string is too long.',
      { status: 404, headers: { 'content-type': 'text/html' } },
    );
  }
  const requestId = randomUUID();
  const response = await route(deps, request, path).catch((e: unknown) => {
    if (e instanceof ApiError) return errorResponse(e.status, e.errors);
    return errorResponse(500, [item('InternalServerError', 'An unexpected error occurred')]);
  });
  response.headers.set('x-myobapi-requestid', requestId);
  return response;
}

async function route({ ctx, limits, stats }: ApiDeps, request: Request, path: string): Promise<Response> {
  const now = ctx.clock.now();
  const segments = path.split('/').filter(Boolean);
  if (segments[0]?.toLowerCase() !== 'accountright') throw new ApiError(404, [notFound(path)]);
  const businessId = (segments[1] ?? '').toLowerCase();

  const apiKey = request.headers.get('x-myobapi-key') ?? '';
  if (!ctx.apps.some((a) => a.apiKey === apiKey)) throw new ApiError(403, [developerInactive()]);

  const verdict = limits.take(apiKey, now);
  if (!verdict.ok) {
    stats.record(apiKey, businessId, 403, true, now);
    throw new ApiError(403, [rateLimit(verdict.period)]);
  }
  const response = await authorised(ctx, request, segments, apiKey).catch((e: unknown) => {
    if (e instanceof ApiError) return errorResponse(e.status, e.errors);
    throw e;
  });
  stats.record(apiKey, businessId, response.status, false, now);
  return response;
}

async function authorised(ctx: MyobContext, request: Request, segments: string[], apiKey: string) {
  const now = ctx.clock.now();
  const data = ctx.state.data;
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
  const token = bearer ? data.accessTokens.find((t) => t.token === bearer) : undefined;
  const consent = token ? data.consents.find((c) => c.id === token.consentId) : undefined;
  if (
    !token ||
    token.dead ||
    token.expiresAt <= now ||
    token.apiKey !== apiKey ||
    !consentIsActive(consent, now)
  ) {
    throw new ApiError(401, [tokenInvalid()]);
  }
  if (request.headers.get('x-myobapi-version')?.toLowerCase() !== 'v2') {
    throw new ApiError(400, [
      { ...required('x-myobapi-version'), AdditionalDetails: 'Header: x-myobapi-version' },
    ]);
  }
  // GET /accountright/: new keys no longer get a company-file list (myob.md §1.6).
  if (segments.length === 1) {
    if (request.method !== 'GET') throw new ApiError(405, [item('MethodNotAllowed', 'GET only')]);
    return json([]);
  }
  const file = ctx.state.findFile(segments[1]!);
  if (!file) throw new ApiError(404, [notFound(`Company file ${segments[1]}`)]);
  // One consent = one file (myob.md §1.5): the token does not open any other file.
  if (consent.businessId !== file.id) throw new ApiError(401, [accessDenied401('Company file')]);
  // Every sandbox file is a cloud file: the cftoken header makes every request 401 (myob.md §1.7).
  if (request.headers.has('x-myobapi-cftoken')) {
    throw new ApiError(401, [
      accessDenied401('Header: x-myobapi-cftoken must not be sent for a cloud company file'),
    ]);
  }
  const match = matchResource(segments.slice(2));
  if (!match) throw new ApiError(404, [notFound(segments.slice(2).join('/'))]);
  if (!grants(token.scopes, match.resource.scope))
    throw new ApiError(403, [scopeMissing(match.resource.scope)]);
  const collectionPath = match.resource.path ? `/${match.resource.path}` : '';
  return match.resource.handler({
    ctx,
    file,
    method: request.method.toUpperCase(),
    url: new URL(request.url),
    collectionUrl: `${ctx.urls.api}/accountright/${file.id}${collectionPath}`,
    rest: match.rest,
    body: () => readJsonBody(request),
  });
}
