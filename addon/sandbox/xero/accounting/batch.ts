// Batch writes and summarizeErrors (xero.md §2.7). Every element is validated and, when valid, stored on
// its own, in order. With summarizeErrors=false the answer is 200 and each element carries its own
// StatusAttributeString ("OK"/"ERROR") and ValidationErrors. Otherwise (Xero's default when the parameter
// is absent) one bad element turns the answer into a 400 ValidationException listing only the bad
// elements, while the valid ones are still created and their ids are not returned.
import type { XeroContext } from '../context.ts';
import { queryParam } from './list-query.ts';
import { badRequest, envelope, validationException } from './responses.ts';

export interface ElementResult {
  ok: boolean;
  /** The element as returned: the stored record's JSON, or the rejected input with its errors. */
  json: Record<string, unknown>;
}

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Reads `{ "<Collection>": [...] }` or a single element object. */
export function batchElements(body: unknown, collection: string): Record<string, unknown>[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const obj = body as Record<string, unknown>;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === collection.toLowerCase());
  if (key === undefined) return [obj];
  const list = obj[key];
  if (!Array.isArray(list)) return undefined;
  return list.map((e) =>
    typeof e === 'object' && e !== null && !Array.isArray(e) ? (e as Record<string, unknown>) : {},
  );
}

export function summarizeErrorsParam(url: URL): boolean {
  return queryParam(url, 'summarizeErrors')?.toLowerCase() !== 'false';
}

export function unitdpParam(url: URL): 2 | 4 {
  return queryParam(url, 'unitdp') === '4' ? 4 : 2;
}

export async function readJson(request: Request, bodyText: string): Promise<unknown> {
  void request;
  if (!bodyText.trim()) return undefined;
  try {
    return JSON.parse(bodyText);
  } catch {
    return Symbol.for('invalid-json');
  }
}

export function batchResponse(
  ctx: XeroContext,
  providerName: string,
  collection: string,
  results: ElementResult[],
  summarizeErrors: boolean,
): Response {
  if (summarizeErrors && results.some((r) => !r.ok)) {
    return validationException(results.filter((r) => !r.ok).map((r) => r.json));
  }
  return envelope(ctx, providerName, { [collection]: results.map((r) => r.json) });
}

export function invalidBody(collection: string): Response {
  return badRequest(`The request body must be JSON with a ${collection} list or a single element.`);
}
