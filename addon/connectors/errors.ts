// One error type for every provider, classified from status codes and structured bodies, never from
// message text. It never carries a token: bodies are bounded and scrubbed before they are stored.

export const CONNECTOR_ERROR_CODES = [
  'auth_expired',
  'reconnect_needed',
  'forbidden',
  /** The connection was not granted a scope the call needs (Xero 401 AuthorizationUnsuccessful): Reconnect. */
  'scope_missing',
  'rate_limited',
  'validation',
  'not_found',
  'conflict',
  'duplicate',
  'provider_unavailable',
  'uncertain_outcome',
  'not_entitled',
  'unsupported',
  'internal',
] as const;
export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<ConnectorErrorCode> = new Set([
  'rate_limited',
  'provider_unavailable',
  'uncertain_outcome',
]);
const MAX_BODY = 2_000;

export interface ConnectorErrorInit {
  code: ConnectorErrorCode;
  message: string;
  provider: string;
  operation: string;
  httpStatus?: number | undefined;
  /** Seconds to wait before retrying, from the platform's Retry-After. */
  retryAfterSeconds?: number | undefined;
  /** Field-level problems, e.g. Xero ValidationErrors or MYOB Errors[], already in plain words. */
  details?: readonly string[] | undefined;
  body?: unknown;
  cause?: unknown;
}

export class ConnectorError extends Error {
  readonly code: ConnectorErrorCode;
  readonly provider: string;
  readonly operation: string;
  readonly httpStatus: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly details: readonly string[];
  /** The platform's response body, scrubbed of anything token-like and cut to a bounded size. */
  readonly body: string | undefined;

  constructor(init: ConnectorErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ConnectorError';
    this.code = init.code;
    this.provider = init.provider;
    this.operation = init.operation;
    this.httpStatus = init.httpStatus;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.details = init.details ?? [];
    this.body = init.body === undefined ? undefined : boundedBody(init.body);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      provider: this.provider,
      operation: this.operation,
      details: this.details,
    };
  }
}

const SECRETISH =
  /("?(?:access_token|refresh_token|id_token|client_secret|authorization)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi;
const BEARER = /Bearer\s+[A-Za-z0-9\-._~+/]+=*/g;

export function scrubSecrets(text: string): string {
  // Bearer tokens first: the key pattern would otherwise take the word "Bearer" as the value and leave the token.
  return text.replace(BEARER, 'Bearer [redacted]').replace(SECRETISH, '$1"[redacted]"');
}

export function boundedBody(body: unknown): string {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  const scrubbed = scrubSecrets(text);
  return scrubbed.length > MAX_BODY ? `${scrubbed.slice(0, MAX_BODY)}…` : scrubbed;
}

export function isConnectorError(e: unknown): e is ConnectorError {
  return e instanceof ConnectorError;
}
