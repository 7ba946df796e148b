// What a resource handler gets, and small helpers shared by the handlers.
import { json } from '../../common/http.ts';
import type { MyobContext } from '../context.ts';
import { ApiError, notFound, serialization } from '../errors.ts';
import { queryPage } from '../odata.ts';
import type { CompanyFileRecord } from '../types.ts';

export interface ApiRequest {
  ctx: MyobContext;
  file: CompanyFileRecord;
  method: string;
  url: URL;
  /** Public URL of the resource collection, e.g. https://api.myob.com/accountright/<id>/Sale/Invoice/Service. */
  collectionUrl: string;
  /** Path segments after the resource name: [] for the collection, [uid] for one record. */
  rest: string[];
  body(): Promise<Record<string, unknown>>;
}

export type ResourceHandler = (req: ApiRequest) => Promise<Response> | Response;

export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, [serialization('The request body is not valid JSON')]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, [serialization('The request body must be a JSON object')]);
  }
  return parsed as Record<string, unknown>;
}

export function list<T>(req: ApiRequest, items: T[]): Response {
  return json(queryPage(items, req.url, req.collectionUrl));
}

export function methodNotAllowed(req: ApiRequest): Response {
  throw new ApiError(405, [
    {
      Name: 'MethodNotAllowed',
      Message: `The requested resource does not support http method '${req.method}'`,
      AdditionalDetails: null,
      ErrorCode: null,
      Severity: 'Error',
      LearnMore: null,
    },
  ]);
}

export function findOr404<T extends { uid: string }>(items: T[], uid: string, what: string): T {
  const found = items.find((i) => i.uid === uid.toLowerCase());
  if (!found) throw new ApiError(404, [notFound(`${what} ${uid}`)]);
  return found;
}

/** 201 Created with the new record's URI in Location; the body only with ?returnBody=true (myob.md §3.8). */
export function created(req: ApiRequest, uid: string, view: () => unknown): Response {
  const location = `${req.collectionUrl}/${uid}`;
  const returnBody = req.url.searchParams.get('returnBody')?.toLowerCase() === 'true';
  if (returnBody) return json(view(), { status: 201, headers: { location } });
  return new Response(null, { status: 201, headers: { location } });
}

/** PUT answers 200 with the record when returnBody=true, else 200 with no body. */
export function updated(req: ApiRequest, view: () => unknown): Response {
  const returnBody = req.url.searchParams.get('returnBody')?.toLowerCase() === 'true';
  return returnBody ? json(view()) : new Response(null, { status: 200 });
}

/** "YYYY-MM-DDTHH:MM:SS" from epoch ms, MYOB's date-time form. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

// --- reading request fields ---------------------------------------------------------------------------

export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError(400, [serialization(`${key} must be a string`, key)]);
  return v;
}

export function bool(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ApiError(400, [serialization(`${key} must be true or false`, key)]);
  return v;
}

export function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The UID of a reference such as { "UID": "…" }, lower-cased; undefined when absent. */
export function refUid(value: unknown): string | undefined {
  const uid = obj(value)?.UID;
  return typeof uid === 'string' && uid ? uid.toLowerCase() : undefined;
}
