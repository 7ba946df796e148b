// Test support: checks one HTTP exchange with MYOB's API (request and response) against the schema written
// from MYOB's documented fields (myob-schema.json, sources in its $comment): the required headers, the write
// bodies (nothing MYOB does not document; no UID, RowID or RowVersion on a POST), the entities and paged
// lists MYOB returns, and the Errors envelope of every failure. Not used by the sandbox itself.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type Exchange, type ExchangeEvents, recordExchanges } from '../common/exchanges.ts';

const COMPANY_FILE_ROUTE = /^\/accountright\/[0-9a-f-]{36}\/(.+?)\/?$/i;
const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The resource, its entity schema, the schema of a list item, and the schema of a write body. */
const RESOURCES: { path: string; entity: string; listItem: string; write?: string }[] = [
  {
    path: 'Sale/Invoice/Service',
    entity: 'ServiceInvoice',
    listItem: 'ServiceInvoice',
    write: 'ServiceInvoiceWrite',
  },
  { path: 'Sale/Invoice', entity: 'SaleInvoiceAnyLayout', listItem: 'SaleInvoiceAnyLayout' },
  { path: 'Contact/Customer', entity: 'Customer', listItem: 'Customer', write: 'CustomerWrite' },
  { path: 'GeneralLedger/Account', entity: 'Account', listItem: 'Account' },
  { path: 'GeneralLedger/TaxCode', entity: 'TaxCode', listItem: 'TaxCode' },
  { path: 'GeneralLedger/Job', entity: 'Job', listItem: 'Job', write: 'JobWrite' },
];

export function myobConformance() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
  ajv.addSchema(JSON.parse(readFileSync(new URL('./myob-schema.json', import.meta.url), 'utf8')), 'myob');
  const cache = new Map<string, ValidateFunction>();
  const problemsOf = (name: string, data: unknown): string[] => {
    let v = cache.get(name);
    if (!v) {
      v = ajv.getSchema(`myob#/definitions/${name}`);
      if (!v) throw new Error(`no MYOB schema ${name}`);
      cache.set(name, v);
    }
    return v(data)
      ? []
      : (v.errors ?? []).slice(0, 5).map((e) => `${name}${e.instancePath} ${e.message ?? ''}`);
  };

  function route(url: URL) {
    const m = COMPANY_FILE_ROUTE.exec(url.pathname);
    if (!m) return undefined;
    const segments = m[1]!.split('/');
    const last = segments.at(-1)!;
    const hasUid = UID.test(last);
    const path = (hasUid ? segments.slice(0, -1) : segments).join('/');
    const resource = RESOURCES.find((r) => r.path.toLowerCase() === path.toLowerCase());
    return { resource, hasUid, path };
  }

  /** What is wrong with the request, by MYOB's documented headers and fields. */
  function requestProblems(
    ex: Pick<Exchange, 'method' | 'url' | 'requestHeaders' | 'requestBody'>,
  ): string[] {
    const found = route(ex.url);
    if (!found) return [];
    const at = `${ex.method} ${found.path}`;
    const problems: string[] = [];
    if (!/^Bearer \S+$/.test(ex.requestHeaders.get('authorization') ?? ''))
      problems.push(`${at}: no Bearer token`);
    if (!ex.requestHeaders.get('x-myobapi-key')) problems.push(`${at}: no x-myobapi-key`);
    if (ex.requestHeaders.get('x-myobapi-version') !== 'v2')
      problems.push(`${at}: x-myobapi-version is not v2`);
    if (ex.method === 'POST' || ex.method === 'PUT') {
      if (!/^application\/json/i.test(ex.requestHeaders.get('content-type') ?? ''))
        problems.push(`${at}: Content-Type is not application/json`);
      if (!found.resource?.write) return [...problems, `${at}: MYOB documents no write here`];
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(ex.requestBody);
      } catch {
        return [...problems, `${at}: the body is not JSON`];
      }
      problems.push(...problemsOf(found.resource.write, body).map((p) => `${at} body: ${p}`));
      if (ex.method === 'POST') {
        const ids = JSON.stringify(body).match(/"(UID|RowID|RowVersion)":/g) ?? [];
        // References ({"UID": ...} of a customer, account, tax code) are fine; the record's own ids are not.
        if ('UID' in body || 'RowVersion' in body)
          problems.push(`${at}: a POST carries UID or RowVersion (409)`);
        if (ids.some((i) => i !== '"UID":')) problems.push(`${at}: a POST carries RowID or RowVersion (409)`);
      }
    }
    return problems;
  }

  /** What is wrong with the response, by MYOB's documented shapes. */
  function responseProblems(ex: Exchange): string[] {
    const found = route(ex.url);
    if (!found) return [];
    const at = `${ex.method} ${found.path} ${ex.status}`;
    const parse = (): unknown => {
      try {
        return JSON.parse(ex.responseBody);
      } catch {
        return undefined;
      }
    };
    if (ex.status >= 400) {
      const body = parse();
      return body === undefined
        ? [`${at}: the error body is not JSON`]
        : problemsOf('ErrorResponse', body).map((p) => `${at}: ${p}`);
    }
    if (!found.resource) return [];
    if (ex.status === 201) {
      const problems = ex.responseHeaders.get('location') ? [] : [`${at}: no Location header`];
      if (ex.responseBody)
        problems.push(...problemsOf(found.resource.entity, parse()).map((p) => `${at}: ${p}`));
      return problems;
    }
    if (!ex.responseBody) return ex.method === 'GET' ? [`${at}: an empty body`] : [];
    const body = parse();
    if (ex.method === 'GET' && !found.hasUid) {
      const list = problemsOf('PagedCollection', body);
      if (list.length) return list.map((p) => `${at}: ${p}`);
      return (body as { Items: unknown[] }).Items.flatMap((item, i) =>
        problemsOf(found.resource!.listItem, item).map((p) => `${at} Items[${i}]: ${p}`),
      );
    }
    return problemsOf(found.resource.entity, body).map((p) => `${at}: ${p}`);
  }

  return { requestProblems, responseProblems, schemaProblems: problemsOf };
}

/** Records every exchange with api.myob.com passing through an msw server. */
export function recordMyobExchanges(events: ExchangeEvents) {
  return recordExchanges(events, 'api.myob.com');
}
