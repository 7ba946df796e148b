// api.xero.com/connections (xero-identity.yaml): the tenants a token's user has connected to the app, with
// the authEventId filter, and DELETE /connections/{id} (204; 404 when unknown).
import { json } from '../../common/http.ts';
import type { XeroContext } from '../context.ts';
import { identityTimestamp } from '../dates.ts';
import type { ConnectionRecord, Grant } from '../state.ts';

export function activeConnections(ctx: XeroContext, grant: Grant): ConnectionRecord[] {
  return ctx.state.identity.connections.filter(
    (c) => c.active && c.clientId === grant.clientId && c.userId === grant.userId,
  );
}

export function connectionJson(ctx: XeroContext, c: ConnectionRecord) {
  const org = ctx.state.orgs[c.tenantId];
  return {
    id: c.id,
    authEventId: c.authEventId,
    tenantId: c.tenantId,
    tenantType: 'ORGANISATION',
    tenantName: org?.profile.Name ?? '',
    createdDateUtc: identityTimestamp(c.createdAt),
    updatedDateUtc: identityTimestamp(c.updatedAt),
  };
}

export function connectionsRoute(
  ctx: XeroContext,
  request: Request,
  grant: Grant,
  id: string | undefined,
): Response {
  const method = request.method.toUpperCase();
  if (method === 'GET' && !id) {
    const authEventId = new URL(request.url).searchParams.get('authEventId')?.toLowerCase();
    const list = activeConnections(ctx, grant).filter((c) => !authEventId || c.authEventId === authEventId);
    return json(list.map((c) => connectionJson(ctx, c)));
  }
  if (method === 'DELETE' && id) {
    const conn = activeConnections(ctx, grant).find((c) => c.id === id.toLowerCase());
    if (!conn)
      return json({ Title: 'Not Found', Status: 404, Detail: 'Connection not found' }, { status: 404 });
    conn.active = false;
    ctx.changed();
    return new Response(null, { status: 204 });
  }
  return json({ Title: 'Method Not Allowed', Status: 405 }, { status: 405 });
}
