// MYOB's error envelope, `{ Errors: [{ Name, Message, AdditionalDetails, ErrorCode, Severity, LearnMore }],
// Information }` (myob.md §4, SDK Error.cs), turned into one ConnectorError. The code comes from the HTTP
// status and the structured Name / ErrorCode only, never from Message text (DESIGN.md §5); the Message and
// AdditionalDetails are only copied into `details` so a person can read them.
import { ConnectorError, type ConnectorErrorCode } from '../errors.ts';

export const PROVIDER = 'myob';

export interface MyobErrorItem {
  Name?: string | null;
  Message?: string | null;
  AdditionalDetails?: string | null;
  ErrorCode?: number | null;
  Severity?: string | null;
}

/** The Errors[] of a body, or [] when the body is not MYOB's envelope. */
export function errorItems(body: unknown): MyobErrorItem[] {
  if (!body || typeof body !== 'object') return [];
  const errors = (body as { Errors?: unknown }).Errors;
  return Array.isArray(errors) ? errors.filter((e): e is MyobErrorItem => !!e && typeof e === 'object') : [];
}

/**
 * Over-limit is HTTP 403 with Name RateLimitError, not 429; every other 403 is a permission error and must
 * not be retried (myob.md §4: "Do not retry every 403").
 */
export function isRateLimit(status: number, body: unknown): boolean {
  return status === 403 && errorItems(body).some((e) => e.Name === 'RateLimitError');
}

/**
 * Plain-language hints for the errors integrators meet most (myob.md §4, §7.2), keyed by Name or ErrorCode.
 * The platform's own Message follows the hint, so nothing is lost when MYOB words it differently.
 */
const HINTS: Record<string, string> = {
  Line_AccountHeaderNotAllowed:
    'A header account cannot take invoice lines: map the line to a detail account.',
  Line_JobHeaderNotAllowed: 'A header job cannot take invoice lines: use a detail job.',
  InvalidTaxCode: 'This tax code cannot be used on a sale (Import Duty or Input Taxed codes).',
  '32002': 'This tax code cannot be used on a sale (Import Duty or Input Taxed codes).',
  DatePriorToBeginningOfFinancialYear: 'The invoice date is before the start of the financial year in MYOB.',
  '25008': 'The invoice date is before the start of the financial year in MYOB.',
  '4223': 'The date is in a locked period in MYOB, or the due date is before the invoice date.',
  '4227': 'The MYOB file requires a category on every sale.',
  '4245': 'The MYOB file requires a job on every invoice line.',
  IncorrectRowVersion: 'The record was changed in MYOB since it was read; read it again and retry.',
};

/** "FreightTaxCode is required (field FreightTaxCode)": each error in words a person can act on. */
export function describeErrors(items: readonly MyobErrorItem[]): string[] {
  return items.map((e) => {
    const hint = (e.Name && HINTS[e.Name]) || (e.ErrorCode != null && HINTS[String(e.ErrorCode)]) || '';
    const message = e.Message?.trim() || e.Name || 'MYOB reported an error';
    const where = e.AdditionalDetails?.trim() ? ` (${e.AdditionalDetails.trim()})` : '';
    return hint ? `${hint} MYOB says: ${message}${where}` : `${message}${where}`;
  });
}

export interface ClassifyInput {
  status: number;
  body: unknown;
  operation: string;
  /** A write (POST/PUT/DELETE): a 5xx may have been applied, so it is uncertain rather than unavailable. */
  write: boolean;
  retryAfterSeconds?: number | undefined;
}

function codeFor(status: number, body: unknown, write: boolean): ConnectorErrorCode {
  if (isRateLimit(status, body)) return 'rate_limited';
  if (status === 401) return 'auth_expired';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 422) return 'validation';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409) return 'conflict';
  // GatewayTimeout (504) and other 5xx: MYOB may have committed a POST before failing (myob.md §5).
  if (status >= 500) return write ? 'uncertain_outcome' : 'provider_unavailable';
  return 'internal';
}

const SUMMARY: Record<ConnectorErrorCode, string> = {
  auth_expired: 'MYOB did not accept the access token; the connection needs a token refresh or reconnect.',
  scope_missing: 'The MYOB connection was not granted a permission this needs: reconnect and allow it.',
  reconnect_needed: 'The MYOB connection must be made again.',
  forbidden:
    'MYOB refused access: the connection lacks a permission (scope or file role) or the API key is inactive.',
  rate_limited: 'MYOB rate limit reached (8 calls a second or 1,000,000 a day per API key).',
  validation: 'MYOB rejected the data.',
  not_found: 'MYOB has no such record.',
  conflict: 'MYOB reported a conflict.',
  duplicate: 'MYOB already has this record.',
  provider_unavailable: 'MYOB is not answering properly; try again later.',
  uncertain_outcome:
    'MYOB may or may not have saved this; it will be looked up by number before anything is sent again.',
  not_entitled: 'Not entitled.',
  unsupported: 'Not supported by MYOB.',
  internal: 'Unexpected answer from MYOB.',
};

/** One ConnectorError from an HTTP answer and MYOB's structured body. */
export function classifyMyobError(input: ClassifyInput): ConnectorError {
  const code = codeFor(input.status, input.body, input.write);
  const details = describeErrors(errorItems(input.body));
  return new ConnectorError({
    code,
    message: details.length ? `${SUMMARY[code]} ${details.join(' ')}` : SUMMARY[code],
    provider: PROVIDER,
    operation: input.operation,
    httpStatus: input.status,
    retryAfterSeconds: input.retryAfterSeconds,
    details,
    body: input.body,
  });
}

/**
 * The connection failed (reset, timeout) with no answer. For a write the platform may have applied it
 * ("ghost invoices", myob.md §5), so it is uncertain; the engine looks the number up before any resend.
 */
export function networkError(operation: string, write: boolean, cause: unknown): ConnectorError {
  const code: ConnectorErrorCode = write ? 'uncertain_outcome' : 'provider_unavailable';
  return new ConnectorError({
    code,
    message: `${SUMMARY[code]} (no answer from MYOB: the connection failed or timed out)`,
    provider: PROVIDER,
    operation,
    cause,
  });
}

/** A problem found before anything is sent (field limits, missing links), in the same error type. */
export function validationError(operation: string, details: string[]): ConnectorError {
  return new ConnectorError({
    code: 'validation',
    message: `Not sent to MYOB: ${details.join(' ')}`,
    provider: PROVIDER,
    operation,
    details,
  });
}

export function conflictError(operation: string, message: string): ConnectorError {
  return new ConnectorError({ code: 'conflict', message, provider: PROVIDER, operation, details: [message] });
}
