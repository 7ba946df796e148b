// The practice's people and machine keys, as an administrator manages them: roles, removal, signing a
// person out everywhere, API keys created (shown once), listed and revoked. A practice always keeps at
// least one administrator, so nobody can lock the practice out of its own settings.
import { and, asc, count, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiKeys, type Role, sessions, users } from '../../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import { type Auth, insertApiKey } from '../http/auth.ts';
import { conflict, notFound } from '../http/errors.ts';
import { revokeUserSessions } from '../http/sessions.ts';

export async function listMembers(db: Db, practiceId: string, now: Date) {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      issuer: users.issuer,
      lastSignedInAt: users.lastSignedInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.practiceId, practiceId))
    .orderBy(asc(users.createdAt));
  const live = await db
    .select({ userId: sessions.userId, n: count() })
    .from(sessions)
    .where(and(eq(sessions.practiceId, practiceId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .groupBy(sessions.userId);
  const byUser = new Map(live.map((r) => [r.userId, Number(r.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    signsInWith: r.issuer,
    lastSignedInAt: r.lastSignedInAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    activeSessions: byUser.get(r.id) ?? 0,
  }));
}

async function member(db: Db, practiceId: string, id: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.id, id)));
  if (!row) throw notFound('The user');
  return row;
}

async function assertAnotherAdministrator(db: Db, practiceId: string, userId: string) {
  const [other] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), eq(users.role, 'administrator'), ne(users.id, userId)));
  if (!other || Number(other.n) === 0) {
    throw conflict(
      'last_administrator',
      'This is the practice’s only administrator. Make someone else an administrator first.',
    );
  }
}

export async function setMemberRole(db: Db, auth: Auth, id: string, role: Role) {
  const row = await member(db, auth.practiceId, id);
  if (row.role === 'administrator' && role !== 'administrator') {
    await assertAnotherAdministrator(db, auth.practiceId, id);
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ role }).where(eq(users.id, id));
    await recordAudit(tx, auth, {
      action: 'user.role_changed',
      entity: 'user',
      entityId: id,
      oldValue: { role: row.role },
      newValue: { role },
    });
  });
}

export async function removeMember(db: Db, auth: Auth, id: string) {
  const row = await member(db, auth.practiceId, id);
  if (row.role === 'administrator') await assertAnotherAdministrator(db, auth.practiceId, id);
  await db.transaction(async (tx) => {
    // Sessions go with the user (ON DELETE CASCADE): removal signs them out everywhere.
    await tx.delete(users).where(eq(users.id, id));
    await recordAudit(tx, auth, {
      action: 'user.removed',
      entity: 'user',
      entityId: id,
      oldValue: { email: row.email, role: row.role },
    });
  });
}

export async function signMemberOutEverywhere(db: Db, auth: Auth, id: string): Promise<number> {
  await member(db, auth.practiceId, id);
  const ended = await revokeUserSessions(db, auth.practiceId, id);
  await recordAudit(db, auth, {
    action: 'user.signed_out_everywhere',
    entity: 'user',
    entityId: id,
    newValue: { sessionsEnded: ended },
  });
  return ended;
}

const keyView = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

export async function listApiKeys(db: Db, practiceId: string) {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.practiceId, practiceId), isNull(apiKeys.revokedAt)))
    .orderBy(asc(apiKeys.createdAt));
  return rows.map(keyView);
}

export async function issueApiKey(db: Db, auth: Auth, input: { name: string; role: Role }) {
  const { key, row } = await insertApiKey(db, auth.practiceId, input.name, {
    role: input.role,
    createdBy: auth.actor,
  });
  await recordAudit(db, auth, {
    action: 'api_key.created',
    entity: 'api_key',
    entityId: row.id,
    newValue: { name: input.name, role: input.role },
  });
  return { key, apiKey: keyView(row) };
}

export async function revokeApiKey(db: Db, auth: Auth, id: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.practiceId, auth.practiceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw notFound('The API key');
  await recordAudit(db, auth, {
    action: 'api_key.revoked',
    entity: 'api_key',
    entityId: id,
    oldValue: { name: row.name, role: row.role },
  });
}
