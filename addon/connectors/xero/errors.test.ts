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

describe('classifyXeroFailure', () => {
  it.each([
    ['400 ValidationException', rejection(400, validationBody), false, 'validation'],
    [
      '401',
      rejection(401, { Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired' }),
      false,
      'auth_expired',
    ],
    [
      '403 tenant gone',
      rejection(403, { Status: 403, Detail: 'AuthorizationUnsuccessful' }),
      false,
      'reconnect_needed',
    ],
    [
      '403 missing scope',
      rejection(403, {
        Status: 403,
        Detail: 'AuthorizationUnsuccessful',
        Extensions: { requiredScope: 'accounting.settings' },
      }),
      true,
      'forbidden',
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
