// The OAuth `state` parameter: an HMAC-signed, short-lived reference to an oauth_attempts row (DESIGN §4).
// It carries no practice or token, only what the callback needs to find the attempt and refuse a stale or
// forged one; the attempt row (single use) holds the rest.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Xero's and MYOB's codes live 5 minutes (xero.md §1.5, myob.md §1.2); 10 minutes allows a slow consent page. */
export const STATE_TTL_MS = 10 * 60_000;

export type AttemptPurpose = 'connect' | 'signup';

export interface StatePayload {
  /** oauth_attempts.id */
  attemptId: string;
  purpose: AttemptPurpose;
  /** Epoch ms after which the state is refused. */
  expiresAt: number;
  /** Reconnect only: the person confirmed that the interface may move to another organisation. */
  allowTenantChange?: boolean | undefined;
  /**
   * SHA-256 of the random secret put in the starting browser's binding cookie (base64url). The callback
   * compares the cookie it receives against this, so a cookie from another flow never fits.
   */
  bindingHash: string;
}

export class StateError extends Error {
  constructor(
    readonly code: 'state_invalid' | 'state_expired',
    message: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

// A key of its own, derived from the session secret, so a state signature can never double as a session
// cookie signature (cookie-parser signs with the raw secret).
const stateKey = (secret: string) => createHmac('sha256', secret).update('aal/oauth-state/v1').digest();

const sign = (secret: string, body: string) => createHmac('sha256', stateKey(secret)).update(body).digest();

export function signState(secret: string, payload: StatePayload): string {
  const compact = {
    a: payload.attemptId,
    p: payload.purpose,
    e: payload.expiresAt,
    b: payload.bindingHash,
    ...(payload.allowTenantChange ? { c: 1 } : {}),
  };
  const body = Buffer.from(JSON.stringify(compact)).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

export function verifyState(secret: string, state: string | null | undefined, now: number): StatePayload {
  const invalid = () =>
    new StateError(
      'state_invalid',
      'This sign-in link is not valid (it was altered or did not come from us). Start connecting again.',
    );
  if (!state || state.length > 1024) throw invalid();
  const [body, signature, extra] = state.split('.');
  if (!body || !signature || extra !== undefined) throw invalid();
  const expected = sign(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: { a?: unknown; p?: unknown; e?: unknown; c?: unknown; b?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    typeof parsed.a !== 'string' ||
    (parsed.p !== 'connect' && parsed.p !== 'signup') ||
    typeof parsed.e !== 'number' ||
    typeof parsed.b !== 'string'
  ) {
    throw invalid();
  }
  if (now > parsed.e) {
    throw new StateError(
      'state_expired',
      'This sign-in took longer than 10 minutes and has expired. Start connecting again.',
    );
  }
  return {
    attemptId: parsed.a,
    purpose: parsed.p,
    expiresAt: parsed.e,
    allowTenantChange: parsed.c === 1,
    bindingHash: parsed.b,
  };
}

/** A fresh per-attempt secret for the binding cookie, and the hash the state carries. */
export function newBinding(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: bindingHashOf(secret) };
}

export const bindingHashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** Whether the cookie's secret is the one this state was issued with (constant time). */
export function bindingMatches(state: StatePayload, cookieSecret: string | undefined): boolean {
  if (!cookieSecret) return false;
  const given = Buffer.from(bindingHashOf(cookieSecret));
  const expected = Buffer.from(state.bindingHash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
