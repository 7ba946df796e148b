// Xero's failures turned into one ConnectorError (DESIGN.md §5). xero-node 20 rejects with a JSON *string*
// `{"response":{"statusCode":400,"body":{...},"headers":{...}}}`, statusCode 0 for network faults
// (xero.md §7.5 item 1); client.ts parses it into XeroFailure and this file classifies it from the status
// and Xero's own fields (Type, Detail / detail, Elements[].ValidationErrors[]), never from sandbox-only text
// (docs/platforms/xero.md, "Errors").
// ConnectorError bounds and scrubs the body it keeps.
import { ConnectorError, type ConnectorErrorCode } from '../errors.ts';

export const PROVIDER = 'xero';

/** What is left of a failed call once xero-node's rejection is parsed. */
export interface XeroFailure {
  /** 0 when no HTTP response came back (reset, DNS, timeout). */
  status: number;
  body: unknown;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Set when the call never reached the wire or its answer could not be read. */
  cause?: unknown;
}

/** Parses whatever xero-node rejected with. Never keeps request headers (they may hold a token). */
export function parseXeroRejection(rejection: unknown): XeroFailure {
  let value: unknown = rejection;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { status: 0, body: value, headers: {} };
    }
  }
  if (value && typeof value === 'object' && 'response' in value) {
    const response = (value as { response?: unknown }).response;
    if (response && typeof response === 'object') {
      const r = response as { statusCode?: unknown; status?: unknown; body?: unknown; data?: unknown };
      const status = Number(r.statusCode ?? r.status ?? 0) || 0;
      const body = r.body ?? r.data ?? (value as { body?: unknown }).body;
      return { status, body, headers: lowerHeaders((response as { headers?: unknown }).headers) };
    }
  }
  return { status: 0, body: undefined, headers: {}, cause: rejection };
}

export function lowerHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

interface ValidationElement {
  ValidationErrors?: { Message?: unknown }[] | null;
  InvoiceNumber?: unknown;
  CreditNoteNumber?: unknown;
  Name?: unknown;
}

/** The messages in `Elements[].ValidationErrors[]` (xero.md §2.8: the useful text is there, not in Message). */
export function validationMessages(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e) => (e && typeof e === 'object' ? (e as { Message?: unknown }).Message : undefined))
    .filter((m): m is string => typeof m === 'string' && m.trim() !== '')
    .map((m) => m.trim());
}

function elementDetails(body: Record<string, unknown>): string[] {
  const elements = Array.isArray(body.Elements) ? (body.Elements as ValidationElement[]) : [];
  const out: string[] = [];
  for (const el of elements) {
    if (!el || typeof el !== 'object') continue;
    const label = [el.InvoiceNumber, el.CreditNoteNumber, el.Name].find(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    for (const m of validationMessages(el.ValidationErrors)) out.push(label ? `${label}: ${m}` : m);
  }
  return [...new Set(out)];
}

function asRecord(body: unknown): Record<string, unknown> | undefined {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A field of Xero's problem body whatever its casing (Detail / detail: both are seen, xero.md "Errors"). */
function field(body: Record<string, unknown> | undefined, name: string): unknown {
  if (!body) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** The leading word of Detail ("TokenExpired: token expired at ..." -> "TokenExpired"). */
function detailWord(body: Record<string, unknown> | undefined): string | undefined {
  const detail = field(body, 'detail');
  if (typeof detail !== 'string') return undefined;
  return /^\s*([A-Za-z]+)/.exec(detail)?.[1];
}

/** Retry-After in seconds (xero.md §3: minute and day breaches carry it; app-minute breaches may not). */
export function retryAfterSeconds(headers: Record<string, string>): number | undefined {
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  // Xero sends seconds; an HTTP-date form is not documented for it, so it is ignored (a default applies).
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : undefined;
}

export interface ClassifyContext {
  operation: string;
  /** The scope this call needs, named in a "Permission missing" message when Xero says it is missing. */
  scopeNeeded?: { scope: string; reason: string } | undefined;
  /** A write whose whole call failed may have been applied: uncertain_outcome, never a blind retry. */
  write: boolean;
}

const MESSAGES: Record<ConnectorErrorCode, string> = {
  auth_expired: 'The Xero access token was refused; it will be refreshed.',
  reconnect_needed: 'Xero no longer lets this app reach the organisation: connect to Xero again.',
  forbidden: 'Xero refused this request for the connected user.',
  scope_missing: 'Permission missing: reconnect to Xero and allow every permission the add-on asks for.',
  rate_limited: 'Xero asked us to slow down; the request will be retried after a pause.',
  validation: 'Xero rejected the request.',
  not_found: 'Xero could not find the record.',
  conflict: 'Xero reported a conflict with the current state of the record.',
  duplicate: 'The record already exists in Xero.',
  provider_unavailable: 'Xero could not be reached or had an error; try again shortly.',
  uncertain_outcome:
    'The connection to Xero failed after the request was sent: Xero may have applied it. Look the documents up before sending again.',
  not_entitled: 'This Xero plan does not allow the request.',
  unsupported: 'Xero does not support this request.',
  internal: 'Unexpected answer from Xero.',
};

/** Classifies a failed call. */
export function classifyXeroFailure(failure: XeroFailure, ctx: ClassifyContext): ConnectorError {
  const { status, headers } = failure;
  const body = asRecord(failure.body);
  let code: ConnectorErrorCode;
  let details: string[] = [];
  let retryAfter: number | undefined;
  if (status === 0 || status >= 500 || status === 408) {
    code = ctx.write ? 'uncertain_outcome' : 'provider_unavailable';
  } else if (status === 400 || status === 413 || status === 422) {
    code = 'validation';
    if (body) {
      details = elementDetails(body);
      // ValidationException without elements, QueryParseException, PostDataInvalidException, or the
      // RFC 7807 shape (idempotency-key misuse) carry their reason in Message / Detail.
      if (!details.length) {
        const reason = [field(body, 'message'), field(body, 'detail')].find(
          (v): v is string => typeof v === 'string' && v.trim() !== '',
        );
        if (reason) details = [reason.trim()];
      }
    } else if (typeof failure.body === 'string' && failure.body.trim()) {
      details = [failure.body.trim().slice(0, 300)];
    }
  } else if (status === 401) {
    // docs/platforms/xero.md "Errors": 401 TokenExpired / AuthenticationUnsuccessful is the token (refresh
    // once); 401 AuthorizationUnsuccessful is a scope the token was never granted (a refresh cannot cure it).
    if (detailWord(body) === 'AuthorizationUnsuccessful') {
      const needs = ctx.scopeNeeded ? [ctx.scopeNeeded] : [];
      code = 'scope_missing';
      details = needs.map((n) => `${n.scope} (${n.reason})`);
    } else code = 'auth_expired';
  } else if (status === 403) {
    // A 403 AuthenticationUnsuccessful means the tenant is not (or no longer) connected to this token:
    // disconnected in Xero, or access lost. Only a new connection helps.
    code = detailWord(body) === 'AuthenticationUnsuccessful' ? 'reconnect_needed' : 'forbidden';
  } else if (status === 404) {
    code = 'not_found';
  } else if (status === 429) {
    code = 'rate_limited';
    retryAfter = retryAfterSeconds(headers) ?? 60;
    const problem = headers['x-rate-limit-problem'];
    if (problem) details = [`Xero rate limit reached: ${problem}`];
  } else if (status === 409) {
    code = 'conflict';
  } else {
    code = 'internal';
  }
  const message =
    code === 'validation' && details.length
      ? `Xero rejected the request: ${details.slice(0, 3).join('; ')}`
      : code === 'scope_missing' && details.length
        ? `Permission missing: reconnect and allow ${details.join(', ')}.`
        : MESSAGES[code];
  return new ConnectorError({
    code,
    message,
    provider: PROVIDER,
    operation: ctx.operation,
    httpStatus: status || undefined,
    retryAfterSeconds: retryAfter,
    details,
    body: failure.body,
    cause: failure.cause,
  });
}

/** A failure we detect ourselves before or after a call (no HTTP status of Xero's behind it). */
export function localError(
  code: ConnectorErrorCode,
  operation: string,
  message: string,
  details: string[] = [],
): ConnectorError {
  return new ConnectorError({ code, message, provider: PROVIDER, operation, details });
}
