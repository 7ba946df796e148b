import { describe, expect, it } from 'vitest';
import { boundedBody, scrubSecrets } from './errors.ts';

describe('error bodies never carry a token', () => {
  it.each([
    ['Authorization: Bearer abc.def-ghi_jkl', 'abc.def-ghi_jkl'],
    ['{"access_token":"eyJhbGciOi.xyz","refresh_token":"r-123"}', 'eyJhbGciOi.xyz'],
    ['refresh_token=r-123&client_secret=s3cret', 's3cret'],
  ])('scrubs %s', (text, secret) => {
    expect(scrubSecrets(text)).not.toContain(secret);
  });
  it('keeps bodies bounded', () => {
    expect(boundedBody('x'.repeat(10_000)).length).toBeLessThanOrEqual(2_001);
  });
});
