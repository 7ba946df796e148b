// Invitations: an administrator names a colleague's email and role; the mailed link carries a token signed
// with the session secret (the invitation id and its expiry), so a made-up or altered link is refused
// before any lookup. The link works once (accepted_at) and until it expires or is revoked; the colleague
// joins the practice at their first sign-in through it, as the identity they signed in with.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invitations, practices, type Role, users } from '../../db/schema.ts';
import { recordAudit } from '../domain/audit.ts';
import type { Auth } from '../http/auth.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import type { Mailer } from '../mail/index.ts';

export const INVITATION_DAYS = 7;
export const JOIN_PATH = '/join';

export class InvitationError extends AppError {}

const refused = (code: string, message: string) => new InvitationError(400, code, message);

function signature(secret: string, id: string, exp: number): string {
  return createHmac('sha256', secret).update(`invitation:${id}:${exp}`).digest('base64url');
}

export function invitationToken(secret: string, id: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${exp}.${signature(secret, id, exp)}`;
}

/** The invitation id a token names, if its signature is ours and it has not expired. */
export function readInvitationToken(secret: string, token: string, now: Date): string {
  const [id, expText, sig, ...rest] = token.split('.');
  const exp = Number(expText);
  const expected = id && Number.isInteger(exp) ? Buffer.from(signature(secret, id, exp)) : undefined;
  const given = Buffer.from(sig ?? '');
  if (rest.length || !expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw refused('invitation_invalid', 'This invitation link is not valid. Ask for a new invitation.');
  }
  if (exp * 1000 <= now.getTime()) {
    throw refused('invitation_expired', 'This invitation has expired. Ask an administrator for a new one.');
  }
  return id!;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

const view = (row: typeof invitations.$inferSelect): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  invitedBy: row.invitedBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});

export async function listInvitations(db: Db, practiceId: string, now: Date): Promise<InvitationView[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.practiceId, practiceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map(view);
}

export async function createInvitation(
  db: Db,
  auth: Auth,
  input: { email: string; role: Role },
  options: { secret: string; publicUrl: string; mailer: Mailer; now: Date },
): Promise<{ invitation: InvitationView; link: string; mailed: boolean }> {
  const email = input.email.trim().toLowerCase();
  const [member] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.practiceId, auth.practiceId), sql`lower(${users.email}) = ${email}`));
  if (member) {
    throw conflict('already_a_member', `${email} is already a member of this practice.`, {
      email: 'already a member',
    });
  }
  const expiresAt = new Date(options.now.getTime() + INVITATION_DAYS * 86_400_000);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(invitations)
      .values({ practiceId: auth.practiceId, email, role: input.role, invitedBy: auth.actor, expiresAt })
      .returning();
    await recordAudit(tx, auth, {
      action: 'invitation.created',
      entity: 'invitation',
      entityId: created!.id,
      newValue: { email, role: input.role },
    });
    return created!;
  });
  const [practice] = await db
    .select({ name: practices.name })
    .from(practices)
    .where(eq(practices.id, auth.practiceId));
  const link = `${options.publicUrl}${JOIN_PATH}?invitation=${encodeURIComponent(invitationToken(options.secret, row.id, expiresAt))}`;
  const text = [
    `${auth.actor} invited you to join ${practice?.name ?? 'their practice'} in Abtrac Accounts Link as ${input.role}.`,
    '',
    `Open this link and sign in to accept (it works once, until ${expiresAt.toUTCString()}):`,
    link,
    '',
    'If you did not expect this invitation, ignore this message.',
  ].join('\n');
  const mailed = await options.mailer.sendMail({
    to: email,
    subject: `Join ${practice?.name ?? 'your practice'} in Abtrac Accounts Link`,
    text,
  });
  return { invitation: view(row), link, mailed };
}

export async function revokeInvitation(db: Db, auth: Auth, id: string): Promise<void> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.practiceId, auth.practiceId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
      ),
    )
    .returning();
  if (!row) throw notFound('The invitation');
  await recordAudit(db, auth, {
    action: 'invitation.revoked',
    entity: 'invitation',
    entityId: id,
    oldValue: { email: row.email, role: row.role },
  });
}

/** What the join page shows before sign-in; refuses used, revoked, expired or tampered links. */
export async function describeInvitation(db: Db, secret: string, token: string, now: Date) {
  const row = await liveInvitation(db, readInvitationToken(secret, token, now), now);
  const [practice] = await db
    .select({ name: practices.name })
    .from(practices)
    .where(eq(practices.id, row.practiceId));
  return {
    practiceName: practice?.name ?? '',
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
  };
}

async function liveInvitation(db: Db, id: string, now: Date) {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
  if (!row || row.revokedAt) {
    throw refused('invitation_invalid', 'This invitation was withdrawn. Ask an administrator for a new one.');
  }
  if (row.acceptedAt) {
    throw refused(
      'invitation_used',
      'This invitation has already been used. Sign in instead, or ask for a new one.',
    );
  }
  if (row.expiresAt <= now) {
    throw refused('invitation_expired', 'This invitation has expired. Ask an administrator for a new one.');
  }
  return row;
}

export interface Identity {
  issuer: string;
  subject: string;
  email: string | undefined;
  name: string | undefined;
}

/**
 * Accepts an invitation for a verified identity: the invitation is claimed with one conditional update (so
 * two browsers racing with the same link cannot both join), then the identity becomes a user of the
 * practice with the invited role. An identity that already belongs to another practice is refused.
 */
export async function acceptInvitation(
  db: Db,
  secret: string,
  token: string,
  identity: Identity,
  now: Date,
): Promise<{ practiceId: string; userId: string }> {
  const id = readInvitationToken(secret, token, now);
  await liveInvitation(db, id, now);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invitations.id, id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning();
    if (!claimed) {
      throw refused(
        'invitation_used',
        'This invitation has already been used. Sign in instead, or ask for a new one.',
      );
    }
    const [known] = await tx
      .select()
      .from(users)
      .where(and(eq(users.issuer, identity.issuer), eq(users.subject, identity.subject)));
    if (known && known.practiceId !== claimed.practiceId) {
      throw new InvitationError(
        409,
        'identity_in_other_practice',
        'The account you signed in with already belongs to another practice. Sign in with a different account to accept this invitation.',
      );
    }
    let userId: string;
    if (known) {
      // Already a member (under another address): the invitation is used up, their role stays as it is,
      // so an invitation can never demote someone (nor the practice's last administrator).
      userId = known.id;
    } else {
      // A member invited again by the same address (e.g. one made before identities were kept) takes the
      // identity; otherwise the person is new to the practice.
      const [byEmail] = await tx
        .select()
        .from(users)
        .where(
          and(eq(users.practiceId, claimed.practiceId), eq(users.email, claimed.email), isNull(users.issuer)),
        );
      if (byEmail) {
        userId = byEmail.id;
        await tx
          .update(users)
          .set({ role: claimed.role, issuer: identity.issuer, subject: identity.subject })
          .where(eq(users.id, byEmail.id));
      } else {
        const [created] = await tx
          .insert(users)
          .values({
            practiceId: claimed.practiceId,
            email: claimed.email,
            name: identity.name || identity.email || claimed.email,
            role: claimed.role,
            issuer: identity.issuer,
            subject: identity.subject,
          })
          .returning({ id: users.id });
        userId = created!.id;
      }
    }
    await tx.update(invitations).set({ acceptedUserId: userId }).where(eq(invitations.id, id));
    await recordAudit(
      tx,
      { practiceId: claimed.practiceId, actor: claimed.email },
      {
        action: 'invitation.accepted',
        entity: 'user',
        entityId: userId,
        newValue: { email: claimed.email, role: claimed.role, issuer: identity.issuer },
      },
    );
    return { practiceId: claimed.practiceId, userId };
  });
}
