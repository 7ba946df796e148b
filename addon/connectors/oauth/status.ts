// Connection status for the Connections page (Xero certification §6.4 "Connection": tenant name, status,
// connect/reconnect, disconnect) and Disconnect.
import { and, eq } from 'drizzle-orm';
import { accountsInterfaces, connections } from '../../../db/schema.ts';
import { recordAudit } from '../../domain/audit.ts';
import { ConnectorError } from '../errors.ts';
import { missingScopes, missingScopesMessage, type ScopeNeed } from '../scopes.ts';
import type { InterfaceOptions } from '../types.ts';
import type { OAuthProvider } from './attempts.ts';
import type { Actor } from './connect.ts';
import { adapterFor, type ConnectionDeps, isOAuthProvider } from './deps.ts';
import { flowError } from './errors.ts';
import { accessTokenFor, markReconnectNeeded } from './tokens.ts';

/** MYOB emails a reminder before consent expires (myob.md §1.4); we show "renewal due" 30 days ahead. */
export const RENEWAL_WINDOW_MS = 30 * 86_400_000;

export interface ConnectionStatus {
  status: 'not_connected' | 'connected' | 'reconnect_needed' | 'disconnected';
  provider: string;
  tenantName: string | null;
  connectedBy: string | null;
  connectedAt: string | null;
  consentExpiresAt: string | null;
  renewalDue: boolean;
  scopes: string[];
  /** What the options need beyond the granted scopes, each with its reason (Reconnect asks for them). */
  missingScopes: ScopeNeed[];
  permissionMessage: string | null;
  lastError: { code: string; message: string } | null;
  /** Several organisations were approved and none is chosen yet. */
  organisationChoicePending: boolean;
}

export async function connectionStatus(
  deps: ConnectionDeps,
  practiceId: string,
  interfaceId: string,
): Promise<ConnectionStatus> {
  const [row] = await deps.db
    .select({ iface: accountsInterfaces, conn: connections })
    .from(accountsInterfaces)
    .leftJoin(
      connections,
      and(
        eq(connections.practiceId, accountsInterfaces.practiceId),
        eq(connections.interfaceId, accountsInterfaces.id),
      ),
    )
    .where(and(eq(accountsInterfaces.practiceId, practiceId), eq(accountsInterfaces.id, interfaceId)));
  if (!row) throw flowError(404, 'not_connected', 'Accounts interface was not found in this practice.');
  const { iface, conn } = row;
  const consent = conn?.consentExpiresAt ?? null;
  const hasTokens = Boolean(conn?.refreshTokenEnc || conn?.accessTokenEnc);
  const scopes = hasTokens && conn?.scopes ? conn.scopes.split(' ') : [];
  const missing = hasTokens ? missingScopes(iface.provider, scopes, iface.options as InterfaceOptions) : [];
  return {
    status: iface.status as ConnectionStatus['status'],
    provider: iface.provider,
    tenantName: iface.tenantName,
    connectedBy: hasTokens ? (conn?.connectedBy ?? null) : null,
    connectedAt: hasTokens ? (conn?.connectedAt?.toISOString() ?? null) : null,
    consentExpiresAt: hasTokens ? (consent?.toISOString() ?? null) : null,
    renewalDue: hasTokens && consent !== null && consent.getTime() - deps.clock.now() < RENEWAL_WINDOW_MS,
    scopes,
    missingScopes: missing,
    permissionMessage: missingScopesMessage(missing),
    lastError: conn?.lastError ?? null,
    organisationChoicePending: hasTokens && !iface.tenantId,
  };
}

export interface CheckedConnection extends ConnectionStatus {
  /** When the platform was asked; null when there was nothing to ask (not connected). */
  checkedAt: string | null;
  /** The platform could not be reached: the status shown is the last one known. */
  unreachable: boolean;
}

/**
 * Asks the platform, cheaply, whether the connection still works: the token (refreshed if due: a revoked
 * one answers invalid_grant) and, where the platform can say, whether the organisation is still connected.
 * So a connection removed inside Xero shows as Reconnect needed when the page opens, not at the hourly job.
 */
export async function checkConnection(
  deps: ConnectionDeps,
  practiceId: string,
  interfaceId: string,
): Promise<CheckedConnection> {
  const before = await connectionStatus(deps, practiceId, interfaceId);
  const [iface] = await deps.db
    .select()
    .from(accountsInterfaces)
    .where(and(eq(accountsInterfaces.practiceId, practiceId), eq(accountsInterfaces.id, interfaceId)));
  if (!iface || before.status !== 'connected' || !iface.tenantId || !isOAuthProvider(iface.provider)) {
    return { ...before, checkedAt: null, unreachable: false };
  }
  const adapter = adapterFor(deps, iface.provider as OAuthProvider);
  let unreachable = false;
  try {
    const token = await accessTokenFor(deps, interfaceId, { practiceId });
    const tenant = { tenantId: iface.tenantId, name: iface.tenantName ?? '' };
    if (adapter.stillConnected && !(await adapter.stillConnected(token, tenant))) {
      await markReconnectNeeded(
        deps.db,
        { practiceId, interfaceId },
        `"${iface.tenantName ?? iface.tenantId}" is no longer connected to this app in Xero (it was disconnected there, under Settings, Connected apps). Choose Reconnect and approve it again.`,
      );
    }
  } catch (e) {
    if (!(e instanceof ConnectorError)) throw e;
    if (e.code === 'reconnect_needed') {
      // A refused refresh is already recorded by the token store; a refused call is recorded here.
      if ((await connectionStatus(deps, practiceId, interfaceId)).status === 'connected') {
        await markReconnectNeeded(deps.db, { practiceId, interfaceId }, e.message);
      }
    } else {
      unreachable = true;
    }
  }
  return {
    ...(await connectionStatus(deps, practiceId, interfaceId)),
    checkedAt: new Date(deps.clock.now()).toISOString(),
    unreachable,
  };
}

/**
 * Ends the connection at the platform (Xero DELETE /connections/{id}, xero.md §1.7; MYOB has no such call),
 * wipes the tokens and keeps the organisation, mappings and links so Reconnect restores everything.
 */
export async function disconnectInterface(
  deps: ConnectionDeps,
  auth: Actor,
  interfaceId: string,
): Promise<{ platformDisconnected: boolean }> {
  const [iface] = await deps.db
    .select()
    .from(accountsInterfaces)
    .where(and(eq(accountsInterfaces.practiceId, auth.practiceId), eq(accountsInterfaces.id, interfaceId)));
  if (!iface) throw flowError(404, 'not_connected', 'Accounts interface was not found in this practice.');
  if (!isOAuthProvider(iface.provider)) {
    throw flowError(
      400,
      'not_oauth',
      'This interface works with import files: there is nothing to disconnect.',
    );
  }
  const provider = iface.provider as OAuthProvider;
  const [conn] = await deps.db
    .select()
    .from(connections)
    .where(and(eq(connections.practiceId, auth.practiceId), eq(connections.interfaceId, interfaceId)));
  let platformDisconnected = false;
  if (conn?.refreshTokenEnc || conn?.accessTokenEnc) {
    try {
      const token = await accessTokenFor(deps, interfaceId, { practiceId: auth.practiceId });
      await adapterFor(deps, provider).disconnect(token, {
        tenantId: iface.tenantId ?? '',
        name: iface.tenantName ?? '',
        connectionId: conn.externalConnectionId ?? undefined,
      });
      platformDisconnected = provider === 'xero' && Boolean(conn.externalConnectionId);
    } catch (err) {
      // Already revoked or unreachable: the local disconnect still happens; the person is told.
      deps.log.warn({ interfaceId, code: (err as { code?: string }).code }, 'platform disconnect failed');
    }
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(connections)
      .set({
        accessTokenEnc: null,
        refreshTokenEnc: null,
        previousRefreshTokenEnc: null,
        accessExpiresAt: null,
        rotatedAt: null,
        externalConnectionId: null,
        lastError: null,
      })
      .where(and(eq(connections.practiceId, auth.practiceId), eq(connections.interfaceId, interfaceId)));
    await tx
      .update(accountsInterfaces)
      .set({ status: 'disconnected', updatedAt: new Date() })
      .where(and(eq(accountsInterfaces.practiceId, auth.practiceId), eq(accountsInterfaces.id, interfaceId)));
    await recordAudit(tx, auth, {
      action: 'interface.disconnected',
      entity: 'interface',
      entityId: interfaceId,
      oldValue: { status: iface.status, tenantName: iface.tenantName },
      newValue: { status: 'disconnected', platformDisconnected },
    });
  });
  return { platformDisconnected };
}
