// Response shapes of the Accounting API (xero.md §2, §2.8): the envelope {Id, Status, ProviderName,
// DateTimeUTC, <Collection>}, the 400 ValidationException with Elements, the RFC 7807-style 401/403, the
// plain-text 404, and QueryParseException for a bad `where`.
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

export function problem(
  ctx: XeroContext,
  status: 401 | 403,
  detail: string,
  extensions: Record<string, unknown> = {},
): Response {
  return json(
    {
      Type: null,
      Title: status === 401 ? 'Unauthorized' : 'Forbidden',
      Status: status,
      Detail: detail,
      Instance: newId(ctx),
      Extensions: extensions,
    },
    { status },
  );
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

export function notFound(): Response {
  return new Response("The resource you're looking for cannot be found", {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

export function badRequest(message: string): Response {
  return json({ ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message }, { status: 400 });
}
