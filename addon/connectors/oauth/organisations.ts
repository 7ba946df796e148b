// The organisation (Xero tenant / MYOB company file) is chosen once and stored (DESIGN §9.4): one
// approved -> connected at once; several (Xero) -> the web app's chooser lists them, live from Xero's
// GET /connections for this authorisation (xero.md §1.2), and one is picked. A later change needs Reconnect.
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { accountsInterfaces, connections } from '../../../db/schema.ts';
import { recordAudit } from '../../domain/audit.ts';
import { redirectUri } from '../settings.ts';
import type { Tenant, TokenGrant } from '../types.ts';
import type { OAuthProvider } from './attempts.ts';
import type { CallbackOutcome } from './callback.ts';
import type { Actor } from './connect.ts';
import { adapterFor, type ConnectionDeps, isOAuthProvider } from './deps.ts';
import { type FlowErrorCode, flowError } from './errors.ts';
import { accessTokenFor, storeGrant } from './tokens.ts';

type InterfaceRow = typeof accountsInterfaces.$inferSelect;

const scoped = (practiceId: string, interfaceId: string) =>
  and(eq(accountsInterfaces.practiceId, practiceId), eq(accountsInterfaces.id, interfaceId));

export interface GrantToConnect {
  practiceId: string;
  interfaceId: string;
  provider: OAuthProvider;
  actor: string;
  grant: TokenGrant;
  tenants: Tenant[];
  allowTenantChange: boolean;
}

/**
 * Reconnect expects the same organisation: a different one is refused (its tokens are not kept) unless the
 * person confirmed the move when starting (?changeOrganisation=true); mappings and links are kept either way.
 */
export async function connectGrant(deps: ConnectionDeps, g: GrantToConnect): Promise<CallbackOutcome> {
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const [iface] = await tx
      .select()
      .from(accountsInterfaces)
      .where(scoped(g.practiceId, g.interfaceId))
      .for('update');
    if (!iface || iface.provider !== g.provider) {
      return { fail: ['not_connected', 'The accounts interface no longer exists.'] as const };
    }
    const current = iface.tenantId ? g.tenants.find((t) => t.tenantId === iface.tenantId) : undefined;
    if (iface.tenantId && !current && !g.allowTenantChange) {
      const approved = g.tenants.map((t) => `"${t.name}"`).join(', ');
      return {
        fail: [
          'organisation_mismatch',
          `This interface posts to "${iface.tenantName ?? iface.tenantId}", but ${approved} was approved instead. ` +
            `Reconnect and choose "${iface.tenantName ?? 'the same organisation'}", or use "Connect a different organisation" ` +
            'if this interface should really move (its mappings then need checking).',
        ] as const,
      };
    }
    const pick = current ?? (g.tenants.length === 1 ? g.tenants[0] : undefined);
    const owner = pick
      ? await boundElsewhere(tx, g.practiceId, g.interfaceId, g.provider, pick.tenantId)
      : undefined;
    if (pick && owner) return { fail: ['organisation_in_use', inUseMessage(pick.name, owner)] as const };
    await storeGrant(tx, deps.tokenKey, {
      practiceId: g.practiceId,
      interfaceId: g.interfaceId,
      provider: g.provider,
      grant: g.grant,
      connectedBy: g.actor,
      consentExpiresAt: adapterFor(deps, g.provider).consentExpiresAt(now),
      now,
    });
    if (pick) {
      await setTenant(tx, { practiceId: g.practiceId, actor: g.actor }, iface, pick);
    } else {
      await tx
        .update(accountsInterfaces)
        .set({ tenantId: null, tenantName: null, status: 'not_connected', updatedAt: new Date() })
        .where(scoped(g.practiceId, g.interfaceId));
      await recordAudit(
        tx,
        { practiceId: g.practiceId, actor: g.actor },
        {
          action: 'interface.authorised',
          entity: 'interface',
          entityId: g.interfaceId,
          oldValue: { tenantId: iface.tenantId, tenantName: iface.tenantName },
          newValue: { organisationsOffered: g.tenants.map((t) => t.name) },
        },
      );
    }
    return { picked: Boolean(pick), fail: undefined };
  });
  if (result.fail) {
    const [code, message] = result.fail;
    await recordFailure(deps, g.practiceId, g.interfaceId, g.provider, code, message);
    await releaseRefused(deps, g);
    return { kind: 'failed', practiceId: g.practiceId, interfaceId: g.interfaceId, code, message };
  }
  if (!result.picked) return { kind: 'choose', practiceId: g.practiceId, interfaceId: g.interfaceId };
  await notifyConnected(deps, g.practiceId, g.interfaceId);
  return { kind: 'connected', practiceId: g.practiceId, interfaceId: g.interfaceId };
}

/** Another interface of the practice (any, when `interfaceId` is null) bound to this organisation, if any. */
async function boundElsewhere(
  db: Db,
  practiceId: string,
  interfaceId: string | null,
  provider: string,
  tenantId: string,
) {
  const [other] = await db
    .select({ displayName: accountsInterfaces.displayName })
    .from(accountsInterfaces)
    .where(
      and(
        eq(accountsInterfaces.practiceId, practiceId),
        eq(accountsInterfaces.provider, provider),
        eq(accountsInterfaces.tenantId, tenantId),
        interfaceId ? ne(accountsInterfaces.id, interfaceId) : undefined,
      ),
    );
  return other?.displayName;
}

/**
 * One organisation, one interface: two interfaces on one organisation would share Xero's one connection,
 * so disconnecting either would silently cut off the other.
 */
const inUseMessage = (organisation: string, owner: string) =>
  `"${organisation}" is already connected to the accounts interface "${owner}", and an organisation can serve only one interface. ` +
  `Link your invoice settings to "${owner}" instead (Invoice settings), or disconnect "${owner}" first and then connect this one.`;

/**
 * A refused connection must not stay active in the ledger: Xero keeps a connection for every organisation
 * approved (docs/platforms/xero.md), so the ones this practice does not use elsewhere are removed there again.
 */
async function releaseRefused(deps: ConnectionDeps, g: GrantToConnect) {
  const adapter = adapterFor(deps, g.provider);
  for (const tenant of g.tenants) {
    if (!tenant.connectionId) continue;
    if (await boundElsewhere(deps.db, g.practiceId, null, g.provider, tenant.tenantId)) continue;
    try {
      await adapter.disconnect(g.grant.accessToken, tenant);
    } catch (err) {
      deps.log.warn(
        { interfaceId: g.interfaceId, code: (err as { code?: string }).code },
        'releasing a refused connection failed',
      );
    }
  }
}

/** Stores the chosen organisation on the interface and the connection; audit-logged. */
export async function setTenant(db: Db, auth: Actor, iface: InterfaceRow, tenant: Tenant) {
  await db
    .update(accountsInterfaces)
    .set({ tenantId: tenant.tenantId, tenantName: tenant.name, status: 'connected', updatedAt: new Date() })
    .where(scoped(auth.practiceId, iface.id));
  await db
    .update(connections)
    .set({ externalConnectionId: tenant.connectionId ?? null })
    .where(and(eq(connections.practiceId, auth.practiceId), eq(connections.interfaceId, iface.id)));
  await recordAudit(db, auth, {
    action: 'interface.connected',
    entity: 'interface',
    entityId: iface.id,
    oldValue: { status: iface.status, tenantId: iface.tenantId, tenantName: iface.tenantName },
    newValue: { status: 'connected', tenantId: tenant.tenantId, tenantName: tenant.name },
  });
}

/** A failed connect leaves a readable message for the status API; existing tokens are left as they were. */
export async function recordFailure(
  deps: ConnectionDeps,
  practiceId: string,
  interfaceId: string,
  provider: OAuthProvider,
  code: FlowErrorCode,
  message: string,
) {
  await deps.db
    .insert(connections)
    .values({ practiceId, interfaceId, provider, lastError: { code, message } })
    .onConflictDoUpdate({
      target: connections.interfaceId,
      set: { lastError: { code, message } },
      setWhere: eq(connections.practiceId, practiceId),
    });
}

export async function notifyConnected(deps: ConnectionDeps, practiceId: string, interfaceId: string) {
  try {
    await deps.onConnected?.(practiceId, interfaceId);
  } catch (err) {
    // The connection itself succeeded; the reference pull reports its own failures.
    deps.log.error({ err, practiceId, interfaceId }, 'onConnected failed');
  }
}

async function interfaceRow(deps: ConnectionDeps, auth: Actor, interfaceId: string) {
  const [iface] = await deps.db.select().from(accountsInterfaces).where(scoped(auth.practiceId, interfaceId));
  if (!iface) throw flowError(404, 'not_connected', 'Accounts interface was not found in this practice.');
  if (!isOAuthProvider(iface.provider)) {
    throw flowError(
      400,
      'not_oauth',
      'This interface works with import files: there is no organisation to choose.',
    );
  }
  return { ...iface, provider: iface.provider as OAuthProvider };
}

/** The organisations approved in the pending authorisation, for the chooser. */
export async function pendingOrganisations(
  deps: ConnectionDeps,
  auth: Actor,
  interfaceId: string,
): Promise<Tenant[]> {
  const iface = await interfaceRow(deps, auth, interfaceId);
  if (iface.tenantId) {
    throw flowError(
      409,
      'organisation_already_chosen',
      `This interface is already connected to "${iface.tenantName}". To use another organisation, Reconnect.`,
    );
  }
  const [conn] = await deps.db
    .select({ refresh: connections.refreshTokenEnc, access: connections.accessTokenEnc })
    .from(connections)
    .where(and(eq(connections.practiceId, auth.practiceId), eq(connections.interfaceId, interfaceId)));
  if (!conn?.refresh && !conn?.access) {
    throw flowError(
      409,
      'no_pending_choice',
      'There is no organisation to choose: connect the interface first.',
    );
  }
  const accessToken = await accessTokenFor(deps, interfaceId, { practiceId: auth.practiceId });
  const adapter = adapterFor(deps, iface.provider);
  return adapter.tenants(
    { accessToken, refreshToken: undefined, accessExpiresAt: 0, scopes: [] },
    new URL(redirectUri(deps.settings, iface.provider)),
  );
}

/** Picks one of the pending organisations; stored once (a later change needs Reconnect). */
export async function chooseOrganisation(
  deps: ConnectionDeps,
  auth: Actor,
  interfaceId: string,
  tenantId: string,
) {
  const offered = await pendingOrganisations(deps, auth, interfaceId);
  const pick = offered.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase());
  if (!pick) {
    throw flowError(
      400,
      'organisation_not_offered',
      'That organisation was not among those approved. Choose one from the list, or Reconnect to approve it.',
    );
  }
  await deps.db.transaction(async (tx) => {
    const [iface] = await tx
      .select()
      .from(accountsInterfaces)
      .where(scoped(auth.practiceId, interfaceId))
      .for('update');
    if (!iface) throw flowError(404, 'not_connected', 'Accounts interface was not found in this practice.');
    if (iface.tenantId) {
      throw flowError(
        409,
        'organisation_already_chosen',
        `This interface is already connected to "${iface.tenantName}".`,
      );
    }
    const owner = await boundElsewhere(tx, auth.practiceId, interfaceId, iface.provider, pick.tenantId);
    if (owner) throw flowError(409, 'organisation_in_use', inUseMessage(pick.name, owner));
    await setTenant(tx, auth, iface, pick);
  });
  await notifyConnected(deps, auth.practiceId, interfaceId);
}
