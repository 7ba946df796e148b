// Who is asking, and for which practice. Every request acts for exactly one practice: from an API key
// (machine clients), from a signed session cookie (people), or, in demo mode, the demo practice.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.ts';
import { apiKeys, practices, users } from '../../db/schema.ts';
import { AppError } from './errors.ts';

export interface Auth {
  practiceId: string;
  /** For the audit log: a user's email or "api-key:<name>". */
  actor: string;
  userId?: string | undefined;
}

export const SESSION_COOKIE = 'aal_session';
const SESSION_DAYS = 14;
const API_KEY_PREFIX = 'aal_';

interface SessionPayload {
  p: string;
  u?: string | undefined;
  e: number;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates an API key for a practice; the key itself is shown once and only its hash is kept. */
export async function createApiKey(db: Db, practiceId: string, name: string): Promise<string> {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  await db.insert(apiKeys).values({ practiceId, name, keyHash: hashApiKey(key) });
  return key;
}

export function startSession(res: Response, practiceId: string, userId: string | undefined, secure: boolean) {
  const payload: SessionPayload = { p: practiceId, u: userId, e: Date.now() + SESSION_DAYS * 86_400_000 };
  res.cookie(SESSION_COOKIE, JSON.stringify(payload), {
    signed: true,
    httpOnly: true,
    // Lax: cross-site requests other than top-level GET navigations carry no session, which keeps
    // state-changing requests from other sites out (CSRF).
    sameSite: 'lax',
    secure,
    maxAge: SESSION_DAYS * 86_400_000,
    path: '/',
  });
}

export interface AuthOptions {
  db: Db;
  /** The practice signed in when a request carries no credentials (demo mode only). */
  demoPracticeId?: () => string | undefined;
  secureCookies: boolean;
}

export function authenticate({ db, demoPracticeId, secureCookies }: AuthOptions): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header?.startsWith(`Bearer ${API_KEY_PREFIX}`)) {
      const [row] = await db
        .select({ practiceId: apiKeys.practiceId, name: apiKeys.name })
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hashApiKey(header.slice(7))), isNull(apiKeys.revokedAt)));
      if (!row) throw new AppError(401, 'unauthenticated', 'The API key is not valid or has been revoked.');
      res.locals.auth = { practiceId: row.practiceId, actor: `api-key:${row.name}` } satisfies Auth;
      return next();
    }
    const session = readSession(req.signedCookies?.[SESSION_COOKIE]);
    if (session) {
      const [row] = await db.select({ id: practices.id }).from(practices).where(eq(practices.id, session.p));
      if (row) {
        const user = session.u
          ? (await db.select().from(users).where(eq(users.id, session.u)))[0]
          : undefined;
        res.locals.auth = {
          practiceId: row.id,
          actor: user?.email ?? 'session',
          userId: user?.id,
        } satisfies Auth;
        return next();
      }
    }
    const demo = demoPracticeId?.();
    if (demo) {
      const [user] = await db.select().from(users).where(eq(users.practiceId, demo)).limit(1);
      startSession(res, demo, user?.id, secureCookies);
      res.locals.auth = { practiceId: demo, actor: user?.email ?? 'demo', userId: user?.id } satisfies Auth;
      return next();
    }
    throw new AppError(401, 'unauthenticated', 'Sign in first: this request carries no session or API key.');
  };
}

function readSession(value: unknown): SessionPayload | undefined {
  // cookie-parser sets a tampered signed cookie to false.
  if (typeof value !== 'string') return undefined;
  try {
    const payload = JSON.parse(value) as SessionPayload;
    return typeof payload.p === 'string' && payload.e > Date.now() ? payload : undefined;
  } catch {
    return undefined;
  }
}
