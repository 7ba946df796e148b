// Server-side sessions: the cookie carries a random token, the database holds its hash, so a session can be
// revoked (sign out, sign out everywhere, removal from the practice) and ends after idle time. A new session
// is made at every sign-in and the one the browser had is revoked (rotation: a planted cookie dies at sign-in).
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Request, Response } from 'express';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'aal_session';
/** However active, a session ends this long after sign-in. */
export const SESSION_MAX_MS = 14 * 86_400_000;
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionOptions {
  idleMs: number;
  secureCookies: boolean;
  now?: () => Date;
}

export interface SignedInSession {
  sessionId: string;
  practiceId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function tokenOf(req: Request): string | undefined {
  // cookie-parser sets a tampered signed cookie to false.
  const value = (req.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 20 ? value : undefined;
}

/** The signed-in person this request's cookie names, if the session is live; marks it seen. */
export async function currentSession(
  db: Db,
  req: Request,
  options: Pick<SessionOptions, 'idleMs' | 'now'>,
): Promise<SignedInSession | undefined> {
  const token = tokenOf(req);
  if (!token) return undefined;
  const now = options.now?.() ?? new Date();
  const [row] = await db
    .select({
      sessionId: sessions.id,
      practiceId: sessions.practiceId,
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      role: users.role,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.practiceId, sessions.practiceId)))
    .where(and(eq(sessions.tokenHash, hash(token)), isNull(sessions.revokedAt)));
  if (!row) return undefined;
  if (row.expiresAt <= now || row.lastSeenAt.getTime() + options.idleMs <= now.getTime()) {
    await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, row.sessionId));
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  const { lastSeenAt: _seen, expiresAt: _expires, ...session } = row;
  return session;
}

/** Signs a user in on this browser: a fresh session, and the browser's previous one (if any) revoked. */
export async function startSession(
  db: Db,
  req: Request,
  res: Response,
  who: { practiceId: string; userId: string },
  options: SessionOptions,
): Promise<void> {
  const now = options.now?.() ?? new Date();
  const previous = tokenOf(req);
  if (previous) {
    await db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.tokenHash, hash(previous)), isNull(sessions.revokedAt)));
  }
  const token = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    practiceId: who.practiceId,
    userId: who.userId,
    tokenHash: hash(token),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
  });
  await db.update(users).set({ lastSignedInAt: now }).where(eq(users.id, who.userId));
  res.cookie(SESSION_COOKIE, token, {
    signed: true,
    httpOnly: true,
    // Lax: cross-site requests other than top-level GET navigations carry no session.
    sameSite: 'lax',
    secure: options.secureCookies,
    maxAge: SESSION_MAX_MS,
    path: '/',
  });
}

/** Ends this browser's session (sign out). */
export async function endSession(db: Db, req: Request, res: Response, secureCookies: boolean): Promise<void> {
  const token = tokenOf(req);
  if (token) {
    await db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.tokenHash, hash(token)), isNull(sessions.revokedAt)));
  }
  res.clearCookie(SESSION_COOKIE, {
    path: '/',
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
  });
}

/** Signs a user out everywhere: every live session of theirs ends at its next request. */
export async function revokeUserSessions(db: Db, practiceId: string, userId: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.practiceId, practiceId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}
