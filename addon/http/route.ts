// Declares an API route once: the same zod schemas validate the request and describe it in the
// OpenAPI document served at /api/openapi.json.
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { ErrorBody } from '../contract/common.ts';
import type { RequestAuth } from './auth.ts';
import { AppError, fromZod } from './errors.ts';
import { assertRole, type Role } from './roles.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ZObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends ZObject, Q extends ZObject, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Express-style path, e.g. /api/offices/:id */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Response body schema; `null` for 204 No Content. */
  response: R | null;
  status?: number;
  /** Other statuses this route answers with, for the document. */
  errors?: number[];
  /** The weakest role allowed to call it (roles.ts); checked before the request is read. */
  role: Role;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  auth: RequestAuth;
  req: Request;
  res: Response;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is invalid; `fields` names what to fix.',
  401: 'Not signed in.',
  403: 'The caller’s role may not do this; the message names the role needed.',
  402: 'The practice has no active subscription for this action.',
  404: 'Not found in this practice.',
  409: 'Conflicts with the current state; the message says why.',
};

export class ApiRoutes {
  readonly paths: ZodOpenApiPathsObject = {};

  constructor(private readonly router: Router) {}

  add<P extends ZObject, Q extends ZObject, B extends z.ZodType, R extends z.ZodType>(
    spec: RouteSpec<P, Q, B, R>,
    handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R> | undefined>,
  ): void {
    this.document(spec);
    this.router[spec.method](spec.path, async (req, res) => {
      const auth = res.locals.auth as RequestAuth;
      assertRole(auth.role, spec.role);
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body ?? {}, 'body');
      const result = await handler({ params, query, body, auth, req, res } as RouteContext<
        z.infer<P>,
        z.infer<Q>,
        z.infer<B>
      >);
      if (res.headersSent) return;
      if (spec.response === null) res.status(spec.status ?? 204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }

  /** The role each declared route needs, by "method /openapi/path", for the tests that walk every route. */
  readonly roles: Record<string, Role> = {};

  private document(spec: RouteSpec<ZObject, ZObject, z.ZodType, z.ZodType>) {
    const openApiPath = spec.path.replace(/:(\w+)/g, '{$1}');
    const status = String(spec.status ?? (spec.response === null ? 204 : 200));
    this.roles[`${spec.method} ${openApiPath}`] = spec.role;
    const op: ZodOpenApiOperationObject = {
      summary: `${spec.summary} (role: ${spec.role})`,
      'x-required-role': spec.role,
      tags: [spec.tag],
      requestParams: {
        ...(spec.params ? { path: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
      },
      responses: {
        [status]:
          spec.response === null
            ? { description: 'Done.' }
            : { description: 'OK', content: { 'application/json': { schema: spec.response } } },
      },
    };
    if (spec.body) op.requestBody = { content: { 'application/json': { schema: spec.body } } };
    const errors = new Set([
      ...(spec.body || spec.query || spec.params ? [400] : []),
      401,
      ...(spec.role === 'viewer' ? [] : [403]),
      ...(spec.errors ?? []),
    ]);
    for (const code of errors) {
      (op.responses as Record<string, unknown>)[String(code)] = {
        description: ERROR_TEXT[code] ?? 'Error',
        content: { 'application/json': { schema: ErrorBody } },
      };
    }
    this.paths[openApiPath] = { ...this.paths[openApiPath], [spec.method]: op };
  }
}

/** JSON nested deeper than any request of this API needs; deeper bodies are refused before validation. */
export const MAX_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The first part of a request no column (nor any ledger) can store, or that only an attacker sends: a
 * NUL character, a lone UTF-16 surrogate ("x\ud800" is valid JSON but not text: PostgreSQL refuses it in
 * jsonb, and text would keep a replacement character), or nesting deeper than MAX_DEPTH. Walked with an
 * explicit stack, so no body can exhaust the call stack.
 */
export function unstorablePart(value: unknown): { path: string; problem: string } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  const name = (path: string[]) => path.join('.') || 'body';
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path: name(path), problem: 'must not contain NUL characters' };
      // With the u flag a well-formed pair is one code point: only unpaired halves match.
      if (LONE_SURROGATE.test(v)) return { path: name(path), problem: 'must be valid Unicode text' };
    } else if (v && typeof v === 'object') {
      if (path.length >= MAX_DEPTH) {
        return { path: name(path), problem: `must not be nested more than ${MAX_DEPTH} levels deep` };
      }
      for (const [key, inner] of Object.entries(v)) {
        if (LONE_SURROGATE.test(key) || key.includes('\u0000')) {
          return { path: name(path), problem: 'has a field name that is not valid Unicode text' };
        }
        stack.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return undefined;
}

function parse<T extends z.ZodType | undefined>(
  schema: T,
  value: unknown,
  where: 'body' | 'query' | 'params',
) {
  if (!schema) return undefined;
  const bad = unstorablePart(value);
  if (bad) {
    throw new AppError(400, 'validation_failed', `${bad.path}: ${bad.problem}`, { [bad.path]: bad.problem });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error, where);
  return result.data;
}
