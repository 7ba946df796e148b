// MYOB's error envelope and the error names the sandbox uses.
// Envelope: { Errors: [{ Name, Message, AdditionalDetails, ErrorCode, Severity, LearnMore }], Information }
// (myob.md §4, from the SDK's Error.cs). Names and codes come from myob.md §4 where it gives them; the few
// it does not give are marked "sandbox choice" below.
import { json } from '../common/http.ts';

export interface MyobErrorItem {
  Name: string;
  Message: string;
  AdditionalDetails: string | null;
  ErrorCode: number | null;
  Severity: 'Error' | 'Warning';
  LearnMore: string | null;
}

/** The text MYOB puts in Information on its error bodies. */
export const INFORMATION = 'Warning, error messages have not been finalised in this release and may change';

export function item(
  name: string,
  message: string,
  additionalDetails: string | null = null,
  errorCode: number | null = null,
): MyobErrorItem {
  return {
    Name: name,
    Message: message,
    AdditionalDetails: additionalDetails,
    ErrorCode: errorCode,
    Severity: 'Error',
    LearnMore: null,
  };
}

/** Thrown by handlers; the API router turns it into the envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: MyobErrorItem[],
  ) {
    super(errors.map((e) => `${e.Name}: ${e.Message}`).join('; '));
  }
}

export function errorResponse(status: number, errors: MyobErrorItem[]): Response {
  return json({ Errors: errors, Information: INFORMATION }, { status });
}

// --- catalogue -------------------------------------------------------------------------------------------

/** 400 "[Field] is required", code 100 (myob.md §4). */
export const required = (field: string) => item('Required', `${field} is required`, field, 100);
/** 400, code 50 (myob.md §4). */
export const serialization = (message: string, path: string | null = null) =>
  item('SerializationError', message, path, 50);
/** 404, code 150 (myob.md §4). */
export const notFound = (what: string) => item('NotFound', `${what} was not found`, null, 150);
/** 400 business-rule failure, code 1000 as integrators report it (myob.md §4). */
export const validation = (message: string, details: string | null = null) =>
  item('ValidationError', message, details, 1000);
/** A sales line with an import-duty or input-taxed code (myob.md §3.3). */
export const invalidTaxCode = (details: string) =>
  item('InvalidTaxCode', 'The tax code cannot be used on a sale', details, 32002);
/** Header accounts and jobs cannot be posted to (myob.md §3.2, Line_JobHeaderNotAllowed "same for Account"). */
export const headerNotAllowed = (kind: 'Account' | 'Job', details: string) =>
  item(`Line_${kind}HeaderNotAllowed`, `A header ${kind.toLowerCase()} cannot be used on a line`, details);
/** 409 on PUT with a stale RowVersion (myob.md §3.8). */
export const incorrectRowVersion = () =>
  item(
    'IncorrectRowVersion',
    'The RowVersion supplied does not match the current version of the record',
    'RowVersion',
  );

/** 403 over-limit bodies, verbatim from MYOB's error-messages page (myob.md §4). */
export const rateLimit = (period: 'per-second' | 'daily') =>
  item('RateLimitError', `API key has exceeded the ${period} rate limit`, 'Header: x-myobapi-key');
/** 403 "API key is missing or inactive" (myob.md §4). */
export const developerInactive = () =>
  item('DeveloperInactive', 'API key is missing or inactive', 'Header: x-myobapi-key');
/** 401 for a missing, expired or revoked bearer token. Sandbox choice of name (MYOB's 401s, myob.md §4). */
export const tokenInvalid = () =>
  item(
    'OAuthTokenIsInvalid',
    'The supplied OAuth token (Bearer) is not valid',
    'Header: Authorization',
    31001,
  );
/**
 * 401 "Access denied": a token for another file, or a cftoken sent for a cloud file (myob.md §1.7, §7.2; the
 * ordermentum SDK special-cases a 401 whose message is "Access denied").
 */
export const accessDenied401 = (details: string) => item('AccessDenied', 'Access denied', details);
/** 403 permission error: the consent lacks the scope this endpoint needs (myob.md §1.5, §4). */
export const scopeMissing = (scope: string) =>
  item('AccessDenied', `The granted scopes do not include ${scope}, which this endpoint needs`, 'Scope');
