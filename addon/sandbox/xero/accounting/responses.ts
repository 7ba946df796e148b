// Response shapes of the Accounting API (xero.md §2, §2.8): the envelope {Id, Status, ProviderName,
// DateTimeUTC, <Collection>}, the 400 ValidationException with Elements, the RFC 7807-style 401/403, the
// plain-text 404, QueryParseException for a bad `where`, HighVolumeException for an inefficient query on a
// large organisation, and the 429 of a rate limit.
import { json } from '../../common/http.ts';
import { newId, type XeroContext } from '../context.ts';
import { msDate } from '../dates.ts';

export function envelope(
  ctx: XeroContext,
  providerName: string,
  body: Record<string, unknown>,
  status = 200,
): Response {
  return json(
    {
      Id: newId(ctx),
      Status: 'OK',
      ProviderName: providerName,
      DateTimeUTC: msDate(ctx.clock.now()),
      ...body,
    },
    { status },
  );
}

/**
 * Xero's 401 and 403 bodies, in the casing each one comes in (BEHAVIOURS.md "Errors"):
 * - expired token: 401 PascalCase {Type, Title, Status, Detail "TokenExpired: token expired at …", Instance,
 *   Extensions};
 * - missing scope: 401 PascalCase, Detail "AuthorizationUnsuccessful" (no field names the scope);
 * - invalid or revoked token: 401 camelCase {title, status, detail "AuthenticationUnsuccessful", instance} with
 *   WWW-Authenticate: Bearer error=invalid_token;
 * - xero-tenant-id missing, wrong or no longer connected: 403 camelCase, detail "AuthenticationUnsuccessful".
 * The Xero-Correlation-Id header repeats the instance.
 */
export type AuthFailure = 'token-expired' | 'token-invalid' | 'scope-missing' | 'tenant-forbidden';

export function authProblem(ctx: XeroContext, failure: AuthFailure, detail?: string): Response {
  const instance = newId(ctx);
  const headers: Record<string, string> = { 'Xero-Correlation-Id': instance };
  switch (failure) {
    case 'token-expired':
    case 'scope-missing':
      return json(
        {
          Type: null,
          Title: 'Unauthorized',
          Status: 401,
          Detail: failure === 'scope-missing' ? 'AuthorizationUnsuccessful' : (detail ?? 'TokenExpired'),
          Instance: instance,
          Extensions: {},
        },
        { status: 401, headers },
      );
    case 'token-invalid':
      return json(
        { title: 'Unauthorized', status: 401, detail: 'AuthenticationUnsuccessful', instance },
        { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer error=invalid_token' } },
      );
    case 'tenant-forbidden':
      return json(
        { title: 'Forbidden', status: 403, detail: 'AuthenticationUnsuccessful', instance },
        { status: 403, headers },
      );
  }
}

/** xero.md §2.8: `{"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred","Elements":[…]}`. */
export function validationException(
  elements: unknown[],
  message = 'A validation exception occurred',
): Response {
  return json(
    { ErrorNumber: 10, Type: 'ValidationException', Message: message, Elements: elements },
    { status: 400 },
  );
}

export function queryParseError(message: string): Response {
  return json({ ErrorNumber: 16, Type: 'QueryParseException', Message: message }, { status: 400 });
}

/**
 * 400 HighVolumeException (ErrorNumber 51): a list query that is not filtered efficiently on an organisation
 * above the high-volume threshold. https://developer.xero.com/documentation/api/efficient-data-retrieval
 */
export function highVolume(collection: string): Response {
  return json(
    {
      ErrorNumber: 51,
      Type: 'HighVolumeException',
      Message: `Your request is not filtering ${collection.toLowerCase()} efficiently, given the extremely high volume for this organisation. Please check the documentation for filtering and paging high-volume organisations.`,
    },
    { status: 400 },
  );
}

/**
 * 429: the limit hit in X-Rate-Limit-Problem, seconds to wait in Retry-After; the body is the form-encoded
 * oauth_problem text Xero has kept from OAuth 1.0a (text/html).
 */
export function rateLimited(
  problem: string,
  retryAfterSeconds: number,
  headers: Record<string, string>,
): Response {
  return new Response(
    'oauth_problem=rate%20limit%20exceeded&oauth_problem_advice=please%20wait%20before%20retrying%20the%20xero%20api',
    {
      status: 429,
      headers: {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'Retry-After': String(retryAfterSeconds),
        'X-Rate-Limit-Problem': problem,
      },
    },
  );
}

export function notFound(): Response {
  return new Response("The resource you're looking for cannot be found", {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

export function badRequest(message: string): Response {
  return json({ ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message }, { status: 400 });
}
