import { describe, expect, it } from 'vitest';
import { classifyXeroFailure, parseXeroRejection } from './errors.ts';

/** What xero-node 20 rejects with (xero.md §7.5 item 1). */
const rejection = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
  JSON.stringify({
    response: { statusCode, body, headers, request: { headers: { 'xero-tenant-id': 't' } } },
    body,
  });

const validationBody = {
  ErrorNumber: 10,
  Type: 'ValidationException',
  Message: 'A validation exception occurred',
  Elements: [
    { InvoiceNumber: 'ABT-1', ValidationErrors: [{ Message: 'Invoice # must be unique.' }] },
    { InvoiceNumber: 'ABT-2', ValidationErrors: [{ Message: "Account code '230' has been archived" }] },
  ],
};

/**
 * Xero's own 401 / 403 bodies as integrators report them (docs/platforms/xero.md, "Errors"): the key casing
 * differs between reports, and the names look inverted (a missing scope is 401 AuthorizationUnsuccessful).
 */
const REAL = {
  tokenExpired: {
    Type: null,
    Title: 'Unauthorized',
    Status: 401,
    Detail: 'TokenExpired: token expired at 01/01/2026 10:00:00',
    Instance: '4b3c2a1e-0000-4000-8000-000000000001',
    Extensions: {},
  },
  invalidToken: {
    title: 'Unauthorized',
    status: 401,
    detail: 'AuthenticationUnsuccessful',
    instance: '4b3c2a1e-0000-4000-8000-000000000002',
  },
  missingScope: {
    Type: null,
    Title: 'Unauthorized',
    Status: 401,
    Detail: 'AuthorizationUnsuccessful',
    Instance: '4b3c2a1e-0000-4000-8000-000000000003',
    Extensions: {},
  },
  wrongTenant: {
    title: 'Forbidden',
    status: 403,
    detail: 'AuthenticationUnsuccessful',
    instance: '4b3c2a1e-0000-4000-8000-000000000004',
  },
};

describe('classifyXeroFailure', () => {
  it.each([
    ['400 ValidationException', rejection(400, validationBody), false, 'validation'],
    ['401 TokenExpired (real body)', rejection(401, REAL.tokenExpired), false, 'auth_expired'],
    ['401 invalid token (lower-case keys)', rejection(401, REAL.invalidToken), false, 'auth_expired'],
    [
      '401 AuthorizationUnsuccessful: missing scope',
      rejection(401, REAL.missingScope),
      true,
      'scope_missing',
    ],
    [
      '403 AuthenticationUnsuccessful: tenant gone',
      rejection(403, REAL.wrongTenant),
      false,
      'reconnect_needed',
    ],
    ['404', rejection(404, "The resource you're looking for cannot be found"), false, 'not_found'],
    [
      '429',
      rejection(429, {}, { 'Retry-After': '17', 'X-Rate-Limit-Problem': 'minute' }),
      true,
      'rate_limited',
    ],
    ['503 read', rejection(503, {}), false, 'provider_unavailable'],
    ['503 write', rejection(503, {}), true, 'uncertain_outcome'],
    ['network fault on a write', rejection(0, 'socket hang up'), true, 'uncertain_outcome'],
    ['network fault on a read', rejection(0, 'ECONNRESET'), false, 'provider_unavailable'],
  ])('%s', (_name, raw, write, code) => {
    const e = classifyXeroFailure(parseXeroRejection(raw), { operation: 'op', write });
    expect(e.code).toBe(code);
    expect(e.provider).toBe('xero');
  });

  it('names the missing scope and why, and never reads a missing scope as an expired token', () => {
    const e = classifyXeroFailure(parseXeroRejection(rejection(401, REAL.missingScope)), {
      operation: 'resolveJobs.create',
      write: true,
      scopeNeeded: { scope: 'accounting.settings', reason: 'creating jobs as Xero tracking options' },
    });
    expect(e.code).toBe('scope_missing');
    expect(e.retryable).toBe(false);
    expect(e.message).toBe(
      'Permission missing: reconnect and allow accounting.settings (creating jobs as Xero tracking options).',
    );
  });

  it('reads Detail in any key casing', () => {
    const upper = { Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' };
    const mixed = { TITLE: 'Forbidden', STATUS: 403, DeTaIl: 'AuthenticationUnsuccessful' };
    for (const body of [upper, mixed, REAL.wrongTenant]) {
      const e = classifyXeroFailure(parseXeroRejection(rejection(403, body)), {
        operation: 'op',
        write: false,
      });
      expect(e.code).toBe('reconnect_needed');
    }
    // A 403 without Xero's detail (e.g. a plan restriction) is not read as a lost tenant.
    const other = classifyXeroFailure(parseXeroRejection(rejection(403, { title: 'Forbidden' })), {
      operation: 'op',
      write: false,
    });
    expect(other.code).toBe('forbidden');
  });

  it('keeps the validation messages in plain words, per element', () => {
    const e = classifyXeroFailure(parseXeroRejection(rejection(400, validationBody)), {
      operation: 'push',
      write: true,
    });
    expect(e.details).toEqual([
      'ABT-1: Invoice # must be unique.',
      "ABT-2: Account code '230' has been archived",
    ]);
    expect(e.message).toMatch(/^Xero rejected the request: ABT-1: Invoice # must be unique/);
  });

  it('reads Retry-After whatever the header case', () => {
    const e = classifyXeroFailure(parseXeroRejection(rejection(429, {}, { 'Retry-After': '17' })), {
      operation: 'op',
      write: false,
    });
    expect(e.retryAfterSeconds).toBe(17);
  });

  it('never keeps a token from the body', () => {
    const e = classifyXeroFailure(
      parseXeroRejection(
        rejection(400, { Message: 'bad', access_token: 'eyJSECRET', note: 'Bearer abc.def' }),
      ),
      { operation: 'op', write: false },
    );
    expect(e.body).not.toContain('eyJSECRET');
    expect(e.body).not.toContain('abc.def');
    expect(JSON.stringify(e)).not.toContain('eyJSECRET');
  });

  it('treats something that is not xero-node’s shape as a network-level failure', () => {
    expect(parseXeroRejection(new TypeError('boom'))).toMatchObject({ status: 0 });
    expect(parseXeroRejection('not json')).toMatchObject({ status: 0, body: 'not json' });
  });
});
