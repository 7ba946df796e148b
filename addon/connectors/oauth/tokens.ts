// The token store: encrypted at rest, refreshed single-flight per connection, in this process (a map of
// promises) and across processes (SELECT ... FOR UPDATE on the connection row), DESIGN §6.
//
// Why a rotated refresh token is never lost (issue #6): the refresh call is made while this process holds
// the row lock, and the response is written in the same transaction. The new access token is handed out
// only after COMMIT. A crash (or any throw) between the token response and the commit rolls back to the
// token we sent, which the platform still accepts: Xero for 30 minutes after rotation (xero.md §1.5); MYOB
// only if it keeps the previous token alive for a grace (myob.md §1.4: unverified; the sandbox models it
// with `refreshGraceMs`). No client-side design can do better: the new token exists only in the response.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { accountsInterfaces, connections } from '../../../db/schema.ts';
import { ConnectorError } from '../errors.ts';
import type { TokenGrant } from '../types.ts';
import { oauthFailure } from './adapter.ts';
import type { OAuthProvider } from './attempts.ts';
import { cryptoContext, decryptSecret, encryptSecret } from './crypto.ts';
import { adapterFor, type ConnectionDeps, isOAuthProvider } from './deps.ts';

/** Refresh this long before the platform's expiry (the MYOB SDK uses 60 s, myob.md §1.4), for clock skew and slow calls. */
export const SAFETY_MARGIN_MS = 2 * 60_000;

type ConnectionRow = typeof connections.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const inflight = new WeakMap<Db, Map<string, Promise<string>>>();

export interface Scope {
  /** Scope every query by practice when the caller knows it (the engine does). */
  practiceId?: string | undefined;
}

/** A valid access token for the interface's connection, refreshing it (once, everywhere) when needed. */
export async function accessTokenFor(
  deps: ConnectionDeps,
  interfaceId: string,
  scope: Scope = {},
): Promise<string> {
  const row = await readRow(deps.db, interfaceId, scope.practiceId);
  if (!row?.refreshTokenEnc && !row?.accessTokenEnc) throw notConnected(row);
  if (row.accessTokenEnc && isFresh(row, deps.clock.now())) {
    return decryptSecret(deps.tokenKey, row.accessTokenEnc, cryptoContext.access(interfaceId));
  }
  return singleFlight(deps.db, interfaceId, () =>
    refreshLocked(deps, row.practiceId, interfaceId, 'expired'),
  );
}

/** Refreshes now even if the access token is still valid (idle refresh); single-flight like accessTokenFor. */
export function refreshNow(deps: ConnectionDeps, practiceId: string, interfaceId: string, idleSince: number) {
  return singleFlight(deps.db, interfaceId, () => refreshLocked(deps, practiceId, interfaceId, idleSince));
}

function singleFlight(db: Db, interfaceId: string, run: () => Promise<string>): Promise<string> {
  let map = inflight.get(db);
  if (!map) {
    map = new Map();
    inflight.set(db, map);
  }
  const running = map.get(interfaceId);
  if (running) return running;
  const promise = run().finally(() => map.delete(interfaceId));
  map.set(interfaceId, promise);
  return promise;
}

const isFresh = (row: ConnectionRow, now: number) =>
  Boolean(row.accessExpiresAt && row.accessExpiresAt.getTime() - SAFETY_MARGIN_MS > now);

type Outcome = { ok: true; token: string } | { ok: false; error: ConnectorError };

/**
 * `mode` 'expired': refresh unless another process already did. A number: refresh unless someone refreshed
 * after that moment (idle refresh).
 */
async function refreshLocked(
  deps: ConnectionDeps,
  practiceId: string,
  interfaceId: string,
  mode: 'expired' | number,
): Promise<string> {
  const outcome = await deps.db.transaction(async (tx): Promise<Outcome> => {
    const [row] = await tx
      .select()
      .from(connections)
      .where(and(eq(connections.practiceId, practiceId), eq(connections.interfaceId, interfaceId)))
      .for('update');
    if (!row?.refreshTokenEnc) return { ok: false, error: notConnected(row) };
    const now = deps.clock.now();
    // Re-read under the lock: another process may have refreshed while we waited for it.
    const done =
      mode === 'expired'
        ? isFresh(row, now)
        : (row.lastRefreshedAt?.getTime() ?? row.connectedAt?.getTime() ?? 0) > mode && isFresh(row, now);
    if (done && row.accessTokenEnc) {
      return {
        ok: true,
        token: decryptSecret(deps.tokenKey, row.accessTokenEnc, cryptoContext.access(interfaceId)),
      };
    }
    if (!isOAuthProvider(row.provider)) return { ok: false, error: notConnected(row) };
    const refreshToken = decryptSecret(
      deps.tokenKey,
      row.refreshTokenEnc,
      cryptoContext.refresh(interfaceId),
    );
    let grant: TokenGrant;
    try {
      grant = await adapterFor(deps, row.provider).refresh(refreshToken);
    } catch (e) {
      const error = oauthFailure(row.provider, 'refresh', e);
      if (error.code !== 'reconnect_needed') throw error; // transient: nothing changes, try again later
      await markReconnectNeeded(tx, row, error.message);
      deps.log.warn({ interfaceId, provider: row.provider, code: error.code }, 'refresh token refused');
      return { ok: false, error };
    }
    await deps.testHooks?.afterRefreshResponse?.(interfaceId);
    await tx
      .update(connections)
      .set({
        accessTokenEnc: encryptSecret(deps.tokenKey, grant.accessToken, cryptoContext.access(interfaceId)),
        accessExpiresAt: new Date(grant.accessExpiresAt),
        // Not every platform rotates on every refresh; keep the one we have when none comes back.
        ...(grant.refreshToken && grant.refreshToken !== refreshToken
          ? {
              refreshTokenEnc: encryptSecret(
                deps.tokenKey,
                grant.refreshToken,
                cryptoContext.refresh(interfaceId),
              ),
              previousRefreshTokenEnc: encryptSecret(
                deps.tokenKey,
                refreshToken,
                cryptoContext.previousRefresh(interfaceId),
              ),
              rotatedAt: new Date(now),
            }
          : {}),
        lastRefreshedAt: new Date(now),
        scopes: grant.scopes.join(' ') || row.scopes,
        lastError: null,
      })
      .where(and(eq(connections.practiceId, practiceId), eq(connections.interfaceId, interfaceId)));
    return { ok: true, token: grant.accessToken };
  });
  // Only here, after COMMIT, does the new access token leave this module.
  if (!outcome.ok) throw outcome.error;
  return outcome.token;
}

export async function markReconnectNeeded(
  tx: Tx | Db,
  row: Pick<ConnectionRow, 'practiceId' | 'interfaceId'>,
  message: string,
) {
  // The dead tokens are wiped; the tenant, mappings and links stay so Reconnect restores everything.
  await tx
    .update(connections)
    .set({
      accessTokenEnc: null,
      refreshTokenEnc: null,
      previousRefreshTokenEnc: null,
      accessExpiresAt: null,
      lastError: { code: 'reconnect_needed', message },
    })
    .where(and(eq(connections.practiceId, row.practiceId), eq(connections.interfaceId, row.interfaceId)));
  await tx
    .update(accountsInterfaces)
    .set({ status: 'reconnect_needed', updatedAt: new Date() })
    .where(
      and(eq(accountsInterfaces.practiceId, row.practiceId), eq(accountsInterfaces.id, row.interfaceId)),
    );
}

function notConnected(row: ConnectionRow | undefined): ConnectorError {
  return new ConnectorError({
    code: 'reconnect_needed',
    message: row?.lastError?.message ?? 'This accounts interface is not connected. Connect it first.',
    provider: row?.provider ?? 'unknown',
    operation: 'accessToken',
  });
}

async function readRow(db: Db, interfaceId: string, practiceId: string | undefined) {
  const [row] = await db
    .select()
    .from(connections)
    .where(
      practiceId
        ? and(eq(connections.practiceId, practiceId), eq(connections.interfaceId, interfaceId))
        : eq(connections.interfaceId, interfaceId),
    );
  return row;
}

// ------------------------------------------------------------------ storing a new grant (connect flow)

export interface GrantToStore {
  practiceId: string;
  interfaceId: string;
  provider: OAuthProvider;
  grant: TokenGrant;
  connectedBy: string | null;
  consentExpiresAt: Date | null;
  now: number;
}

/** Writes a fresh grant (connect or reconnect): tokens encrypted, previous token and error cleared. */
export async function storeGrant(db: Db | Tx, key: Buffer, g: GrantToStore): Promise<void> {
  const values = {
    provider: g.provider,
    accessTokenEnc: encryptSecret(key, g.grant.accessToken, cryptoContext.access(g.interfaceId)),
    refreshTokenEnc: g.grant.refreshToken
      ? encryptSecret(key, g.grant.refreshToken, cryptoContext.refresh(g.interfaceId))
      : null,
    previousRefreshTokenEnc: null,
    rotatedAt: null,
    accessExpiresAt: new Date(g.grant.accessExpiresAt),
    lastRefreshedAt: new Date(g.now),
    scopes: g.grant.scopes.join(' '),
    externalConnectionId: null,
    connectedBy: g.connectedBy,
    connectedAt: new Date(g.now),
    consentExpiresAt: g.consentExpiresAt,
    lastError: null,
  };
  await db
    .insert(connections)
    .values({ interfaceId: g.interfaceId, practiceId: g.practiceId, ...values })
    .onConflictDoUpdate({
      target: connections.interfaceId,
      set: values,
      // Never let a row of another practice be overwritten (the primary key is the interface id).
      setWhere: eq(connections.practiceId, g.practiceId),
    });
}

// ------------------------------------------------------------------ keeping idle connections alive

export interface IdleRefreshReport {
  checked: number;
  refreshed: number;
  failed: { practiceId: string; interfaceId: string; code: string }[];
}

/**
 * Refreshes connected interfaces nobody used for the provider's idle period (Xero: 14 of 60 days;
 * MYOB: daily), so refresh tokens never die of idleness (xero.md §1.5, myob.md §1.4). The scheduler calls it.
 */
export async function refreshIdleConnections(deps: ConnectionDeps, now: number): Promise<IdleRefreshReport> {
  const rows = await deps.db
    .select({
      practiceId: connections.practiceId,
      interfaceId: connections.interfaceId,
      provider: connections.provider,
      lastRefreshedAt: connections.lastRefreshedAt,
      connectedAt: connections.connectedAt,
    })
    .from(connections)
    .innerJoin(
      accountsInterfaces,
      and(
        eq(accountsInterfaces.practiceId, connections.practiceId),
        eq(accountsInterfaces.id, connections.interfaceId),
      ),
    )
    .where(and(eq(accountsInterfaces.status, 'connected'), isNotNull(connections.refreshTokenEnc)));
  const report: IdleRefreshReport = { checked: rows.length, refreshed: 0, failed: [] };
  for (const r of rows) {
    if (!isOAuthProvider(r.provider)) continue;
    const idleSince = now - adapterFor(deps, r.provider).idleRefreshDays * 86_400_000;
    const last = r.lastRefreshedAt?.getTime() ?? r.connectedAt?.getTime() ?? 0;
    if (last > idleSince) continue;
    try {
      await refreshNow(deps, r.practiceId, r.interfaceId, idleSince);
      report.refreshed++;
    } catch (e) {
      const code = e instanceof ConnectorError ? e.code : 'internal';
      report.failed.push({ practiceId: r.practiceId, interfaceId: r.interfaceId, code });
      deps.log.warn({ interfaceId: r.interfaceId, code }, 'idle refresh failed');
    }
  }
  return report;
}
