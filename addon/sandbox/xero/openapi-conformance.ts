// Test support: checks one HTTP exchange with Xero (request and response) against Xero's official OpenAPI
// descriptions, kept beside the repository in ../shared/specs/xero (CI puts a copy of shared/ there).
// - Request: the operation exists for the method and path; every query parameter is one the operation
//   declares, with a value of its type; required headers are present (xero-tenant-id) and typed
//   (If-Modified-Since a date-time, Idempotency-Key at most 128 characters as the spec says); the JSON body
//   validates against the operation's request schema.
// - Response: a status the operation declares is validated against its schema (the spec's `required` lists
//   apply). Statuses the accounting spec leaves out are checked against what Xero documents for them
//   (BEHAVIOURS.md "Errors"): 401/403 problem details (the App Store spec's ProblemDetails, keys compared
//   without case, as Xero sends both casings), the plain-text 404, and the 429's Retry-After and
//   X-Rate-Limit-Problem headers. A 400 must carry ErrorNumber, Type and Message (the Error schema's fields),
//   or be problem details (Idempotency-Key misuse).
// Not used by the sandbox itself.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { type Exchange, type ExchangeEvents, recordExchanges } from '../common/exchanges.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const XERO_SPEC_DIR = resolve(repoRoot, '../shared/specs/xero');

/** Throws, naming the path, when the specs are not beside the repository: conformance never skips. */
export function requireXeroSpecs(): void {
  if (!existsSync(resolve(XERO_SPEC_DIR, 'xero_accounting.yaml'))) {
    throw new Error(
      `Xero OpenAPI specs not found at ${XERO_SPEC_DIR}: conformance tests need ../shared/specs beside the repository`,
    );
  }
}

type Spec = {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};
type Parameter = {
  in: string;
  name: string;
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

const SPECS = {
  accounting: 'xero_accounting.yaml',
  identity: 'xero-identity.yaml',
  webhooks: 'xero-webhooks.yaml',
  appstore: 'xero-app-store.yaml',
} as const;
type SpecName = keyof typeof SPECS;

const PROBLEM_DETAILS = {
  401: new Set(['AuthenticationUnsuccessful', 'AuthorizationUnsuccessful']),
  403: new Set(['AuthenticationUnsuccessful']),
} as const;
const RATE_LIMIT_PROBLEMS = new Set(['minute', 'day', 'concurrent', 'appminute']);

function lowerKeys(value: Record<string, unknown>): Record<string, unknown> {
  // Xero sends "Type": null in its PascalCase bodies; ProblemDetails types it as a string.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
}

export function xeroConformance() {
  requireXeroSpecs();
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
  // Xero's own examples carry UTC timestamps without an offset ("2019-12-07T18:46:19.5165400").
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i);
  const specs = {} as Record<SpecName, Spec>;
  for (const [name, file] of Object.entries(SPECS) as [SpecName, string][]) {
    specs[name] = parse(readFileSync(resolve(XERO_SPEC_DIR, file), 'utf8')) as Spec;
    ajv.addSchema(specs[name], name);
  }
  const compiled = new Map<string, ValidateFunction>();
  const validator = (spec: SpecName, pointer: string): ValidateFunction => {
    const key = `${spec}#${pointer}`;
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile({ $ref: key });
      compiled.set(key, v);
    }
    return v;
  };
  const errorsOf = (v: ValidateFunction, data: unknown) =>
    v(data) ? [] : (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

  const pointerOf = (path: string[]) =>
    `/${path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

  function locate(url: URL): { spec: SpecName; template: string; rel: string } | undefined {
    if (url.hostname !== 'api.xero.com') return undefined;
    let spec: SpecName;
    let rel: string;
    if (url.pathname.toLowerCase().startsWith('/api.xro/2.0/')) {
      spec = 'accounting';
      rel = url.pathname.slice('/api.xro/2.0'.length);
    } else if (/^\/connections(\/|$)/i.test(url.pathname)) {
      spec = 'identity';
      rel = url.pathname;
    } else return undefined;
    const candidates = Object.keys(specs[spec].paths).filter((template) => {
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      return new RegExp(`^${pattern}/?$`, 'i').test(rel);
    });
    // The most literal template wins (/Contacts/{ContactID}/History before /Contacts/{ContactID}).
    candidates.sort((a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length);
    return candidates[0] ? { spec, template: candidates[0], rel } : undefined;
  }

  function resolveParameter(spec: SpecName, p: Parameter): Parameter {
    if (!p.$ref) return p;
    const name = p.$ref.split('/').pop()!;
    return specs[spec].components.parameters![name] as Parameter;
  }

  function operationOf(ex: Pick<Exchange, 'method' | 'url'>) {
    const where = locate(ex.url);
    if (!where) return undefined;
    const item = specs[where.spec].paths[where.template]!;
    const method = ex.method.toLowerCase();
    const op = item[method] as Operation | undefined;
    const parameters = [...((item.parameters as Parameter[]) ?? []), ...(op?.parameters ?? [])].map((p) =>
      resolveParameter(where.spec, p),
    );
    return { ...where, method, op, parameters };
  }

  function valueProblems(name: string, raw: string, schema: Record<string, unknown> | undefined): string[] {
    if (!schema) return [];
    const values = schema.type === 'array' ? raw.split(',') : [raw];
    const itemSchema = (schema.type === 'array' ? schema.items : schema) as Record<string, unknown>;
    const problems: string[] = [];
    for (const value of values) {
      let typed: unknown = value;
      if (itemSchema.type === 'integer' || itemSchema.type === 'number') {
        if (!/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${name}=${value} is not a number`);
        typed = Number(value);
      } else if (itemSchema.type === 'boolean') {
        if (!/^(true|false)$/i.test(value)) problems.push(`${name}=${value} is not true/false`);
        continue;
      }
      const v = ajv.compile({ ...itemSchema, example: undefined });
      if (!v(typed)) problems.push(`${name}=${value}: ${v.errors?.[0]?.message ?? 'invalid'}`);
    }
    return problems;
  }

  /** What is wrong with the request, by Xero's OpenAPI (empty when it conforms). */
  function requestProblems(
    ex: Pick<Exchange, 'method' | 'url' | 'requestHeaders' | 'requestBody'>,
  ): string[] {
    const found = operationOf(ex);
    const at = `${ex.method} ${ex.url.pathname}`;
    if (!found) return [`${at}: no such path in Xero's OpenAPI`];
    const { op, parameters, spec, template, method } = found;
    if (!op) return [`${at}: ${method.toUpperCase()} is not an operation of ${template}`];
    const problems: string[] = [];
    for (const key of new Set(ex.url.searchParams.keys())) {
      const declared = parameters.find((p) => p.in === 'query' && p.name.toLowerCase() === key.toLowerCase());
      if (!declared) problems.push(`${at}: query parameter ${key} is not declared`);
      else problems.push(...valueProblems(key, ex.url.searchParams.get(key)!, declared.schema));
    }
    for (const p of parameters) {
      if (p.in === 'query' && p.required && !ex.url.searchParams.has(p.name))
        problems.push(`${at}: required query parameter ${p.name} is missing`);
      if (p.in !== 'header') continue;
      const value = ex.requestHeaders.get(p.name);
      if (value === null || value === '') {
        if (p.required) problems.push(`${at}: required header ${p.name} is missing`);
        continue;
      }
      problems.push(...valueProblems(`header ${p.name}`, value, p.schema));
      // OAS idempotencyKey: "128 character max."
      if (p.name.toLowerCase() === 'idempotency-key' && value.length > 128)
        problems.push(`${at}: Idempotency-Key is longer than 128 characters`);
    }
    // Headers the spec declares on no operation here would be sent for nothing: If-Modified-Since on a write.
    for (const name of ['if-modified-since', 'idempotency-key']) {
      if (
        ex.requestHeaders.has(name) &&
        !parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name)
      )
        problems.push(`${at}: header ${name} is not declared for this operation`);
    }
    const content = op.requestBody?.content?.['application/json'];
    if (content?.schema) {
      if (!ex.requestBody) {
        if (op.requestBody?.required) problems.push(`${at}: the request body is required`);
      } else {
        let body: unknown;
        try {
          body = JSON.parse(ex.requestBody);
        } catch {
          return [...problems, `${at}: the request body is not JSON`];
        }
        const v = validator(
          spec,
          pointerOf(['paths', template, method, 'requestBody', 'content', 'application/json', 'schema']),
        );
        problems.push(...errorsOf(v, body).map((e) => `${at} body: ${e}`));
      }
    } else if (ex.requestBody && method !== 'get') {
      problems.push(`${at}: the operation takes no body`);
    }
    return problems;
  }

  function problemDetailsProblems(at: string, status: 401 | 403, ex: Exchange): string[] {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(ex.responseBody);
    } catch {
      return [`${at} ${status}: the body is not JSON`];
    }
    const lower = lowerKeys(body);
    const problems = errorsOf(validator('appstore', '/components/schemas/ProblemDetails'), lower).map(
      (e) => `${at} ${status}: ${e}`,
    );
    const detail = String(lower.detail ?? '');
    const known =
      PROBLEM_DETAILS[status].has(detail) || (status === 401 && detail.startsWith('TokenExpired'));
    if (!known) problems.push(`${at} ${status}: detail "${detail}" is not one Xero sends`);
    if (lower.status !== status) problems.push(`${at} ${status}: status field ${String(lower.status)}`);
    if (lower.title !== (status === 401 ? 'Unauthorized' : 'Forbidden'))
      problems.push(`${at} ${status}: title "${String(lower.title)}"`);
    if (typeof lower.instance !== 'string') problems.push(`${at} ${status}: no instance`);
    return problems;
  }

  /** What is wrong with the response, by Xero's OpenAPI and Xero's documented error answers. */
  function responseProblems(ex: Exchange): string[] {
    const found = operationOf(ex);
    const at = `${ex.method} ${ex.url.pathname}`;
    if (!found?.op) return [`${at}: no operation to check the response against`];
    let declared = found.op.responses?.[String(ex.status)] as
      | { $ref?: string; content?: Record<string, { schema?: unknown }> }
      | undefined;
    let pointerBase = ['paths', found.template, found.method, 'responses', String(ex.status)];
    if (declared?.$ref) {
      const name = declared.$ref.split('/').pop()!;
      declared = specs[found.spec].components.responses![name] as typeof declared;
      pointerBase = ['components', 'responses', name];
    }
    if (declared) {
      const schema = declared.content?.['application/json']?.schema;
      if (!schema) return ex.responseBody ? [`${at} ${ex.status}: a body where the spec has none`] : [];
      let body: unknown;
      try {
        body = JSON.parse(ex.responseBody);
      } catch {
        return [`${at} ${ex.status}: the body is not JSON`];
      }
      const pointer = pointerOf([...pointerBase, 'content', 'application/json', 'schema']);
      const problems = errorsOf(validator(found.spec, pointer), body).map((e) => `${at} ${ex.status}: ${e}`);
      if (ex.status === 400) problems.push(...badRequestProblems(at, body));
      return problems;
    }
    switch (ex.status) {
      case 401:
      case 403:
        return problemDetailsProblems(at, ex.status, ex);
      case 404:
        return ex.responseBody === "The resource you're looking for cannot be found"
          ? []
          : [`${at} 404: body "${ex.responseBody.slice(0, 80)}"`];
      case 429: {
        const problems: string[] = [];
        if (!/^\d+$/.test(ex.responseHeaders.get('retry-after') ?? ''))
          problems.push(`${at} 429: no Retry-After`);
        if (!RATE_LIMIT_PROBLEMS.has(ex.responseHeaders.get('x-rate-limit-problem') ?? ''))
          problems.push(
            `${at} 429: X-Rate-Limit-Problem "${ex.responseHeaders.get('x-rate-limit-problem')}"`,
          );
        return problems;
      }
      default:
        return [`${at}: status ${ex.status} is neither in the spec nor one Xero documents`];
    }
  }

  function badRequestProblems(at: string, body: unknown): string[] {
    if (typeof body !== 'object' || body === null) return [`${at} 400: the body is not an object`];
    const b = body as Record<string, unknown>;
    if (typeof b.ErrorNumber === 'number' && typeof b.Type === 'string' && typeof b.Message === 'string')
      return [];
    const lower = lowerKeys(b);
    if (lower.status === 400 && typeof lower.title === 'string' && typeof lower.detail === 'string')
      return [];
    return [`${at} 400: neither an Error (ErrorNumber, Type, Message) nor problem details`];
  }

  /** Validates data against a named component schema of one spec. */
  function schemaProblems(spec: SpecName, schema: string, data: unknown): string[] {
    return errorsOf(validator(spec, `/components/schemas/${schema}`), data);
  }

  return { requestProblems, responseProblems, schemaProblems };
}

/** Records every exchange with api.xero.com passing through an msw server. */
export function recordXeroExchanges(events: ExchangeEvents) {
  return recordExchanges(events, 'api.xero.com');
}
