// Token encryption at rest (DESIGN §7): AES-256-GCM, a fresh random 12-byte IV per value, the GCM tag kept
// beside the ciphertext, and a version prefix so the format (or the key) can change later without guessing.
//   v1.<iv>.<tag>.<ciphertext>   (each part base64url)
// `context` is bound as additional authenticated data: a ciphertext copied into another row or column
// (e.g. one practice's refresh token pasted into another's connection) fails to decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TokenCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCryptoError';
  }
}

function checkKey(key: Buffer) {
  if (key.length !== 32) throw new TokenCryptoError('The token key must be 32 bytes (AES-256).');
}

export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Throws TokenCryptoError on a wrong format, a wrong key, a wrong context or any tampering. */
export function decryptSecret(key: Buffer, value: string, context: string): string {
  checkKey(key);
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new TokenCryptoError('Encrypted value has an unknown format or version.');
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new TokenCryptoError('Encrypted value is malformed.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // Never echo the value or the cause: the point is that nothing readable leaves this function.
    throw new TokenCryptoError(
      'Encrypted value failed authentication (tampered, or encrypted with another key).',
    );
  }
}

/** AAD contexts, one per column, so values cannot be swapped between rows or columns. */
export const cryptoContext = {
  access: (interfaceId: string) => `connections:${interfaceId}:access`,
  refresh: (interfaceId: string) => `connections:${interfaceId}:refresh`,
  previousRefresh: (interfaceId: string) => `connections:${interfaceId}:previous_refresh`,
  verifier: (attemptId: string) => `oauth_attempts:${attemptId}:verifier`,
};
