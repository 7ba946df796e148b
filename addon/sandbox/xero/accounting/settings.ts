// Reference data (xero.md §2.1-§2.3): /Organisation, /Accounts (where, order, If-Modified-Since),
// /TaxRates, /TrackingCategories (includeArchived) and PUT /TrackingCategories/{id}/Options.
import { json } from '../../common/http.ts';
import { newId } from '../context.ts';
import { batchElements, invalidBody, readJson } from './batch.ts';
import type { ApiCall } from './call.ts';
import { listQuery, queryParam } from './list-query.ts';
import { envelope, notFound, queryParseError, validationException } from './responses.ts';
import { accountJson, organisationJson, taxRateJson, trackingCategoryJson } from './serialize.ts';
import { WhereSyntaxError } from './where.ts';

function guard(fn: () => Response): Response {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WhereSyntaxError) return queryParseError(e.message);
    throw e;
  }
}

const notAllowed = () => json({ Message: 'The requested method is not supported' }, { status: 405 });

export function organisationRoute(call: ApiCall): Response {
  if (call.method !== 'GET') return notAllowed();
  return envelope(call.ctx, call.providerName, { Organisations: [organisationJson(call.org)] });
}

export function accountsRoute(call: ApiCall): Response {
  if (call.method !== 'GET') return notAllowed();
  const currency = call.org.profile.BaseCurrency;
  const view = (a: (typeof call.org.accounts)[number]) => accountJson(a, currency);
  const id = call.segments[1];
  if (id) {
    const a = call.org.accounts.find((x) => x.AccountID === id.toLowerCase());
    return a ? envelope(call.ctx, call.providerName, { Accounts: [view(a)] }) : notFound();
  }
  return guard(() => {
    const result = listQuery(call.org.accounts, call.url, call.request, {
      updatedAt: (a) => a.updatedAt,
      view,
      paged: false,
      defaultOrder: (a, b) => (a.Code < b.Code ? -1 : a.Code > b.Code ? 1 : 0),
    });
    return envelope(call.ctx, call.providerName, { Accounts: result.items.map(view) });
  });
}

export function taxRatesRoute(call: ApiCall): Response {
  if (call.method !== 'GET') return notAllowed();
  const taxType = call.segments[1];
  if (taxType) {
    const t = call.org.taxRates.find((x) => x.TaxType === taxType);
    return t ? envelope(call.ctx, call.providerName, { TaxRates: [taxRateJson(t)] }) : notFound();
  }
  return guard(() => {
    const result = listQuery(call.org.taxRates, call.url, call.request, {
      updatedAt: () => 0,
      view: taxRateJson,
      paged: false,
    });
    return envelope(call.ctx, call.providerName, { TaxRates: result.items.map(taxRateJson) });
  });
}

async function createOptions(call: ApiCall, categoryId: string): Promise<Response> {
  const category = call.org.tracking.find((c) => c.TrackingCategoryID === categoryId.toLowerCase());
  if (!category) return notFound();
  const elements = batchElements(await readJson(call.request, call.bodyText), 'Options');
  if (!elements) return invalidBody('Options');
  const errors: string[] = [];
  const names = elements.map((e) => (typeof e.Name === 'string' ? e.Name.trim() : ''));
  for (const name of names) {
    if (!name) errors.push('Tracking option name must be specified.');
    else if (name.length > 100) errors.push('Tracking option name must be 100 characters or fewer.');
    else if (category.Options.some((o) => o.Name.toLowerCase() === name.toLowerCase())) {
      errors.push('For each specified tracking option the name must be unique.');
    }
  }
  if (errors.length)
    return validationException([{ ValidationErrors: errors.map((Message) => ({ Message })) }]);
  const created = names.map((Name) => ({
    TrackingOptionID: newId(call.ctx),
    Name,
    Status: 'ACTIVE' as const,
  }));
  category.Options.push(...created);
  call.ctx.changed();
  return envelope(call.ctx, call.providerName, {
    Options: created.map((o) => ({ ...o, TrackingCategoryID: category.TrackingCategoryID })),
  });
}

export async function trackingRoute(call: ApiCall): Promise<Response> {
  const [, id, sub] = call.segments;
  if (id && sub?.toLowerCase() === 'options' && call.method === 'PUT') return createOptions(call, id);
  if (call.method !== 'GET' || sub) return notAllowed();
  const includeArchived = queryParam(call.url, 'includeArchived') === 'true';
  const view = (c: (typeof call.org.tracking)[number]) => trackingCategoryJson(c, includeArchived);
  let items = call.org.tracking.filter((c) => includeArchived || c.Status === 'ACTIVE');
  if (id) {
    items = call.org.tracking.filter((c) => c.TrackingCategoryID === id.toLowerCase());
    if (!items.length) return notFound();
  }
  return guard(() => {
    const result = listQuery(items, call.url, call.request, { updatedAt: () => 0, view, paged: false });
    return envelope(call.ctx, call.providerName, { TrackingCategories: result.items.map(view) });
  });
}
