import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, TokenCryptoError } from './crypto.ts';

const key = randomBytes(32);

describe('token crypto (AES-256-GCM, v1 format)', () => {
  it('round-trips with a fresh IV each time', () => {
    const a = encryptSecret(key, 'refresh-token-123', 'ctx');
    const b = encryptSecret(key, 'refresh-token-123', 'ctx');
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('refresh-token');
    expect(decryptSecret(key, a, 'ctx')).toBe('refresh-token-123');
  });

  it('fails loudly on tampering, another key, another context or an unknown version', () => {
    const value = encryptSecret(key, 'secret', 'ctx');
    const [v, iv, tag, ct] = value.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => decryptSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'), 'ctx')).toThrow(
      TokenCryptoError,
    );
    expect(() => decryptSecret(randomBytes(32), value, 'ctx')).toThrow(TokenCryptoError);
    expect(() => decryptSecret(key, value, 'other-row')).toThrow(TokenCryptoError);
    expect(() => decryptSecret(key, value.replace(/^v1/, 'v2'), 'ctx')).toThrow(/version/);
    expect(() => decryptSecret(key, 'garbage', 'ctx')).toThrow(TokenCryptoError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => encryptSecret(randomBytes(16), 'x', 'ctx')).toThrow(/32 bytes/);
  });
});
