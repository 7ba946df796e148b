// Sign up with Xero (xero.md §1.8, certification §6.4 item 1): the first visit creates the practice (named
// after the approved Xero organisation), its admin user (id_token email and name), the first Xero interface
// connected to that organisation; a later visit by the same Xero user signs them in. People are known by
// the id_token's (iss, sub), never by email alone.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { accountsInterfaces, practices, users } from '../../../db/schema.ts';
import { recordAudit } from '../../domain/audit.ts';
import type { Tenant, TokenGrant } from '../types.ts';
import type { ConsumedAttempt } from './attempts.ts';
import type { CallbackOutcome } from './callback.ts';
import type { ConnectionDeps } from './deps.ts';
import { flowError } from './errors.ts';
import { notifyConnected, setTenant } from './organisations.ts';
import { storeGrant } from './tokens.ts';

export async function signUpOrSignIn(
  deps: ConnectionDeps,
  attempt: ConsumedAttempt,
  grant: TokenGrant,
  tenants: Tenant[],
): Promise<CallbackOutcome> {
  const identity = grant.identity;
  const email = identity?.email?.trim().toLowerCase();
  if (!identity?.sub || !email) {
    throw flowError(
      400,
      'signup_failed',
      'Xero did not share your email address, which Abtrac needs for your account. Sign up again and allow access to your profile and email.',
    );
  }
  const existing = await knownUser(deps, identity.issuer, identity.sub, email, tenants);
  if (existing) {
    await recordAudit(
      deps.db,
      { practiceId: existing.practiceId, actor: email },
      {
        action: 'user.signed_in_with_xero',
        entity: 'user',
        entityId: existing.id,
      },
    );
    return { kind: 'signed_in', practiceId: existing.practiceId, userId: existing.id };
  }

  const now = deps.clock.now();
  // Several organisations approved: the practice takes the first one's name; the chooser picks the ledger.
  const [first] = [...tenants].sort((a, b) => a.name.localeCompare(b.name));
  const created = await deps.db.transaction(async (tx) => {
    const [practice] = await tx.insert(practices).values({ name: first!.name }).returning();
    const practiceId = practice!.id;
    const [user] = await tx
      .insert(users)
      .values({
        practiceId,
        email,
        name: identity.name || email,
        role: 'administrator',
        issuer: identity.issuer,
        subject: identity.sub,
      })
      .returning();
    const [iface] = await tx
      .insert(accountsInterfaces)
      .values({ practiceId, displayName: 'Xero', provider: 'xero' })
      .returning();
    const auth = { practiceId, actor: email };
    await recordAudit(tx, auth, {
      action: 'practice.created_by_xero_signup',
      entity: 'practice',
      entityId: practiceId,
      newValue: { name: practice!.name, adminEmail: email },
    });
    await storeGrant(tx, deps.tokenKey, {
      practiceId,
      interfaceId: iface!.id,
      provider: 'xero',
      grant,
      connectedBy: email,
      consentExpiresAt: null,
      now,
    });
    if (tenants.length === 1) await setTenant(tx, auth, iface!, tenants[0]!);
    return { practiceId, userId: user!.id, interfaceId: iface!.id };
  });
  deps.log.info(
    { practiceId: created.practiceId, attemptId: attempt.attemptId },
    'practice created by Sign up with Xero',
  );
  if (tenants.length === 1) await notifyConnected(deps, created.practiceId, created.interfaceId);
  return { kind: 'signed_up', ...created, choose: tenants.length > 1 };
}

/**
 * The user this Xero identity already is: by (iss, sub); or, for an administrator made before identities
 * were kept (no issuer yet), by email *and* a practice interface connected to one of the organisations
 * this very sign-in approved (proof that the person administers that practice's Xero), which then records
 * the identity so later sign-ins match it directly.
 */
async function knownUser(
  deps: ConnectionDeps,
  issuer: string,
  subject: string,
  email: string,
  tenants: Tenant[],
): Promise<{ id: string; practiceId: string } | undefined> {
  const [byIdentity] = await deps.db
    .select({ id: users.id, practiceId: users.practiceId })
    .from(users)
    .where(and(eq(users.issuer, issuer), eq(users.subject, subject)));
  if (byIdentity) return byIdentity;
  const tenantIds = tenants.map((t) => t.tenantId);
  const [legacy] = await deps.db
    .select({ id: users.id, practiceId: users.practiceId })
    .from(users)
    .innerJoin(accountsInterfaces, eq(accountsInterfaces.practiceId, users.practiceId))
    .where(
      and(
        isNull(users.issuer),
        sql`lower(${users.email}) = ${email}`,
        inArray(accountsInterfaces.tenantId, tenantIds),
      ),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!legacy) return undefined;
  await deps.db.update(users).set({ issuer, subject }).where(eq(users.id, legacy.id));
  return legacy;
}
