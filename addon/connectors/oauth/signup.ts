// Sign up with Xero (xero.md §1.8, certification §6.4 item 1): the first visit creates the practice (named
// after the approved Xero organisation), its admin user (id_token email and name), the first Xero interface
// connected to that organisation; a later visit by the same Xero user (matched by email) signs them in.
import { asc, sql } from 'drizzle-orm';
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
  const email = grant.identity?.email?.trim().toLowerCase();
  if (!email) {
    throw flowError(
      400,
      'signup_failed',
      'Xero did not share your email address, which Abtrac needs for your account. Sign up again and allow access to your profile and email.',
    );
  }
  // Sign-in looks across practices by nature; it only ever yields that user's own practice.
  const [existing] = await deps.db
    .select({ id: users.id, practiceId: users.practiceId })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .orderBy(asc(users.createdAt))
    .limit(1);
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
      .values({ practiceId, email, name: grant.identity?.name || email })
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
