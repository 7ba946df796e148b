// Who is asking, for which practice, and with which role. Every request acts for exactly one practice:
// from an API key (machine clients), from a server-side session (people), or, in demo mode, as the demo
// practice's administrator when it carries no credentials at all.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { RequestHandler } from 'express';
import type { Db } from '../../db/client.ts';
import { apiKeys, users } from '../../db/schema.ts';
import { AppError } from './errors.ts';
import type { Role } from './roles.ts';
import { currentSession } from './sessions.ts';

/** Who acts, as the engine and the audit log need it. */
export interface Auth {
  practiceId: string;
  /** For the audit log: a user's email or "api-key:<name>". */
  actor: string;
  userId?: string | undefined;
}

/** Who acts on an API request: also their role and how they signed in. */
export interface RequestAuth extends Auth {
  role: Role;
  /** How the request signed in; only a session can be signed out. */
  via: 'session' | 'api-key' | 'demo';
  sessionId?: string | undefined;
}

export { SESSION_COOKIE } from './sessions.ts';

const API_KEY_PREFIX = 'aal_';
/** last_used_at is written at most this often. */
const KEY_TOUCH_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Creates an API key for a practice; the key itself is shown once and only its hash is kept. Keys made
 * without a role are administrators, as every key was before roles existed.
 */
export async function createApiKey(
  db: Db,
  practiceId: string,
  name: string,
  options: { role?: Role; createdBy?: string } = {},
): Promise<string> {
  return (await insertApiKey(db, practiceId, name, options)).key;
}

/** createApiKey, also answering the stored row (for the API's list and audit). */
export async function insertApiKey(
  db: Db,
  practiceId: string,
  name: string,
  options: { role?: Role; createdBy?: string } = {},
) {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      practiceId,
      name,
      keyHash: hashApiKey(key),
      role: options.role ?? 'administrator',
      createdBy: options.createdBy,
    })
    .returning();
  return { key, row: row! };
}

export interface AuthOptions {
  db: Db;
  /** The practice signed in when a request carries no credentials (demo mode only). */
  demoPracticeId?: (() => string | undefined) | undefined;
  /** A session unused for this long has ended. */
  idleMs: number;
  now?: () => Date;
}

export function authenticate({ db, demoPracticeId, idleMs, now }: AuthOptions): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header?.startsWith(`Bearer ${API_KEY_PREFIX}`)) {
      const [row] = await db
        .select({
          id: apiKeys.id,
          practiceId: apiKeys.practiceId,
          name: apiKeys.name,
          role: apiKeys.role,
          lastUsedAt: apiKeys.lastUsedAt,
        })
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hashApiKey(header.slice(7))), isNull(apiKeys.revokedAt)));
      if (!row) throw new AppError(401, 'unauthenticated', 'The API key is not valid or has been revoked.');
      const at = now?.() ?? new Date();
      if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > KEY_TOUCH_MS) {
        await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, row.id));
      }
      res.locals.auth = {
        practiceId: row.practiceId,
        actor: `api-key:${row.name}`,
        role: row.role,
        via: 'api-key',
      } satisfies RequestAuth;
      return next();
    }
    const session = await currentSession(db, req, { idleMs, now });
    if (session) {
      res.locals.auth = {
        practiceId: session.practiceId,
        actor: session.email,
        userId: session.userId,
        role: session.role,
        via: 'session',
        sessionId: session.sessionId,
      } satisfies RequestAuth;
      return next();
    }
    const demo = demoPracticeId?.();
    if (demo) {
      // The demo needs no sign-in: its first administrator acts, and no session is made for it.
      const [user] = await db
        .select()
        .from(users)
        .where(and(eq(users.practiceId, demo), eq(users.role, 'administrator')))
        .orderBy(asc(users.createdAt))
        .limit(1);
      res.locals.auth = {
        practiceId: demo,
        actor: user?.email ?? 'demo',
        userId: user?.id,
        role: 'administrator',
        via: 'demo',
      } satisfies RequestAuth;
      return next();
    }
    throw new AppError(401, 'unauthenticated', 'Sign in first: this request carries no session or API key.');
  };
}
