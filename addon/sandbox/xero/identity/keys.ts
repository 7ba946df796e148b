// The RS256 key that signs id_tokens and access tokens, published at the JWKS URL (xero.md §1.1). It is
// created once and kept in the state, so tokens issued before a demo restart still verify afterwards.
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import type { IdentityState } from '../state.ts';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

// RSA generation is slow (~0.3 s); a process makes one key and every fresh sandbox state stores a copy.
let processKey: Promise<JWK> | undefined;
function newPrivateJwk(): Promise<JWK> {
  processKey ??= generateKeyPair('RS256', { extractable: true }).then((pair) => exportJWK(pair.privateKey));
  return processKey;
}

export class SigningKeys {
  private ready?: Promise<{ key: PrivateKey; publicJwk: JWK; kid: string }>;

  constructor(private readonly identity: IdentityState) {}

  private load() {
    this.ready ??= (async () => {
      let jwk = this.identity.signingKey as JWK | undefined;
      if (!jwk) {
        jwk = { ...(await newPrivateJwk()) };
        this.identity.signingKey = jwk as Record<string, unknown>;
      }
      const key = (await importJWK(jwk, 'RS256')) as PrivateKey;
      const { kty, n, e } = jwk;
      const kid = await calculateJwkThumbprint({ kty, n, e } as JWK);
      return { key, publicJwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' } as JWK, kid };
    })();
    return this.ready;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.load()).publicJwk] };
  }

  async sign(payload: JWTPayload, typ = 'JWT'): Promise<string> {
    const { key, kid } = await this.load();
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ }).sign(key);
  }
}
