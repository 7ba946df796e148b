// oauth_attempts: one row per started flow, holding what the callback may complete (practice, interface,
// provider, purpose) and the PKCE verifier, encrypted. Single use: the callback marks it used in a locked
// transaction BEFORE the code is exchanged, so a replayed callback (same state, same code) finds it used.
import { randomUUID } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '../../../db/client.ts';
import { oauthAttempts } from '../../../db/schema.ts';
import { cryptoContext, decryptSecret, encryptSecret, TokenCryptoError } from './crypto.ts';
import { flowError } from './errors.ts';
import { type AttemptPurpose, STATE_TTL_MS } from './state.ts';

export type OAuthProvider = 'xero' | 'myob';

export interface NewAttempt {
  practiceId: string | null;
  interfaceId: string | null;
  provider: OAuthProvider;
  purpose: AttemptPurpose;
  startedBy: string | null;
}

export interface StartedAttempt {
  attemptId: string;
  codeChallenge: string;
}

export interface ConsumedAttempt extends NewAttempt {
  attemptId: string;
  codeVerifier: string;
}

/** Rows older than this are deleted when a new flow starts (they can never complete). */
const KEEP_MS = 24 * 3_600_000;

export async function createAttempt(
  db: Db,
  tokenKey: Buffer,
  input: NewAttempt,
  now: number,
): Promise<StartedAttempt> {
  const attemptId = randomUUID();
  // RFC 7636: 32 random bytes, base64url = 43 characters (Xero wants 43-128, xero.md §1.6).
  const verifier = client.randomPKCECodeVerifier();
  await db.delete(oauthAttempts).where(lt(oauthAttempts.createdAt, new Date(now - KEEP_MS)));
  await db.insert(oauthAttempts).values({
    id: attemptId,
    ...input,
    codeVerifierEnc: encryptSecret(tokenKey, verifier, cryptoContext.verifier(attemptId)),
    createdAt: new Date(now),
  });
  return { attemptId, codeChallenge: await client.calculatePKCECodeChallenge(verifier) };
}

/**
 * Marks the attempt used and returns it with its verifier; the verifier is wiped from the row in the
 * same statement batch. Refuses an unknown, already used, expired or verifier-less attempt.
 */
export async function consumeAttempt(
  db: Db,
  tokenKey: Buffer,
  attemptId: string,
  purpose: AttemptPurpose,
  now: number,
): Promise<ConsumedAttempt> {
  if (!/^[0-9a-f-]{36}$/i.test(attemptId)) throw unknown();
  return db
    .transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(oauthAttempts)
        .where(eq(oauthAttempts.id, attemptId))
        .for('update');
      if (!row || row.purpose !== purpose) throw unknown();
      if (row.usedAt) {
        throw flowError(
          400,
          'attempt_used',
          'This sign-in has already been completed (the link was used twice). Start connecting again if needed.',
        );
      }
      if (now - row.createdAt.getTime() > STATE_TTL_MS) {
        throw flowError(
          400,
          'state_expired',
          'This sign-in took longer than 10 minutes and has expired. Start again.',
        );
      }
      let codeVerifier = '';
      try {
        codeVerifier = row.codeVerifierEnc
          ? decryptSecret(tokenKey, row.codeVerifierEnc, cryptoContext.verifier(row.id))
          : '';
      } catch (e) {
        if (!(e instanceof TokenCryptoError)) throw e;
      }
      // Used either way: a broken attempt must not be retried with the same state.
      await tx
        .update(oauthAttempts)
        .set({ usedAt: new Date(now), codeVerifierEnc: '' })
        .where(eq(oauthAttempts.id, row.id));
      if (!codeVerifier) {
        return { missing: true } as const;
      }
      return {
        attemptId: row.id,
        practiceId: row.practiceId,
        interfaceId: row.interfaceId,
        provider: row.provider as OAuthProvider,
        purpose: row.purpose,
        startedBy: row.startedBy,
        codeVerifier,
      };
    })
    .then((r) => {
      if ('missing' in r) {
        throw flowError(
          400,
          'verifier_missing',
          'This sign-in cannot be completed safely (its PKCE verifier is missing). Start again.',
        );
      }
      return r;
    });
}

function unknown() {
  return flowError(
    400,
    'attempt_unknown',
    'This sign-in is not one we started. Start connecting again from Abtrac.',
  );
}
