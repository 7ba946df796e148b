import { describe, expect, it } from 'vitest';
import { classifyMyobError, isRateLimit, networkError } from './errors.ts';

const body = (
  Name: string,
  Message = 'm',
  AdditionalDetails: string | null = null,
  ErrorCode: number | null = null,
) => ({
  Errors: [{ Name, Message, AdditionalDetails, ErrorCode, Severity: 'Error', LearnMore: null }],
  Information: 'Warning, error messages have not been finalised in this release and may change',
});

describe('MYOB Errors[] -> ConnectorError (myob.md §4)', () => {
  it.each([
    [
      403,
      'RateLimitError',
      body('RateLimitError', 'API key has exceeded the per-second rate limit'),
      false,
      'rate_limited',
      true,
    ],
    [
      403,
      'RateLimitError',
      body('RateLimitError', 'API key has exceeded the daily rate limit'),
      true,
      'rate_limited',
      true,
    ],
    [
      403,
      'AccessDenied',
      body('AccessDenied', 'The granted scopes do not include sme-sales'),
      false,
      'forbidden',
      false,
    ],
    [
      403,
      'DeveloperInactive',
      body('DeveloperInactive', 'API key is missing or inactive'),
      false,
      'forbidden',
      false,
    ],
    // A permission 403 whose message happens to mention rate limits is still a permission error.
    [403, 'AccessDenied', body('AccessDenied', 'rate limit'), false, 'forbidden', false],
    [401, 'OAuthTokenIsInvalid', body('OAuthTokenIsInvalid'), false, 'auth_expired', false],
    [
      400,
      'Required',
      body('Required', 'FreightTaxCode is required', 'FreightTaxCode', 100),
      true,
      'validation',
      false,
    ],
    [404, 'NotFound', body('NotFound', 'Invoice x was not found', null, 150), false, 'not_found', false],
    [409, 'IncorrectRowVersion', body('IncorrectRowVersion'), true, 'conflict', false],
    [
      504,
      'GatewayTimeout',
      body('GatewayTimeout', 'Connection to the API has timed out'),
      false,
      'provider_unavailable',
      true,
    ],
    [
      504,
      'GatewayTimeout',
      body('GatewayTimeout', 'Connection to the API has timed out'),
      true,
      'uncertain_outcome',
      true,
    ],
    [500, 'InternalServerError', body('InternalServerError'), true, 'uncertain_outcome', true],
    [503, 'plain text', 'Service Unavailable', false, 'provider_unavailable', true],
    [405, 'MethodNotAllowed', body('MethodNotAllowed'), true, 'internal', false],
  ] as const)('%d %s (write %s) -> %s', (status, _name, b, write, code, retryable) => {
    const e = classifyMyobError({ status, body: b, operation: 'op', write });
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.provider).toBe('myob');
    expect(e.httpStatus).toBe(status);
  });

  it('puts every MYOB error in plain words, with a hint for the known ones', () => {
    const e = classifyMyobError({
      status: 400,
      operation: 'invoices.push',
      write: true,
      body: {
        Errors: [
          {
            Name: 'Line_AccountHeaderNotAllowed',
            Message: 'A header account cannot be used on a line',
            AdditionalDetails: 'Lines[0].Account 4-0000',
          },
          {
            Name: 'InvalidTaxCode',
            Message: 'The tax code cannot be used on a sale',
            ErrorCode: 32002,
            AdditionalDetails: 'Lines[1].TaxCode',
          },
          {
            Name: 'Required',
            Message: 'FreightTaxCode is required',
            ErrorCode: 100,
            AdditionalDetails: 'FreightTaxCode',
          },
        ],
      },
    });
    expect(e.details).toEqual([
      'A header account cannot take invoice lines: map the line to a detail account. MYOB says: A header account cannot be used on a line (Lines[0].Account 4-0000)',
      'This tax code cannot be used on a sale (Import Duty or Input Taxed codes). MYOB says: The tax code cannot be used on a sale (Lines[1].TaxCode)',
      'FreightTaxCode is required (FreightTaxCode)',
    ]);
    expect(e.message).toMatch(/^MYOB rejected the data\./);
  });

  it('only a 403 with Name RateLimitError is a rate limit', () => {
    expect(isRateLimit(403, body('RateLimitError'))).toBe(true);
    expect(isRateLimit(429, body('RateLimitError'))).toBe(false);
    expect(isRateLimit(403, body('AccessDenied'))).toBe(false);
    expect(isRateLimit(403, undefined)).toBe(false);
  });

  it('a lost connection is uncertain for a write, unavailable for a read; never carries a token', () => {
    expect(networkError('invoices.push', true, new TypeError('fetch failed')).code).toBe('uncertain_outcome');
    expect(networkError('reference.accounts', false, new TypeError('fetch failed')).code).toBe(
      'provider_unavailable',
    );
    const e = classifyMyobError({
      status: 401,
      operation: 'x',
      write: false,
      body: 'WWW-Authenticate failed for Bearer abc.def',
    });
    expect(e.body).not.toContain('abc.def');
  });
});
