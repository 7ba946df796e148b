import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog } from '../../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRoutes } from '../http/route.ts';

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export function auditRoutes(api: ApiRoutes, { db }: AppDeps) {
  api.add(
    {
      method: 'get',
      path: '/api/audit-log',
      role: 'administrator',
      tag: 'Audit log',
      summary: 'Settings changes, newest first: who, when, old and new value',
      query: z.object({
        before: z.iso.datetime().optional(),
        entity: z.string().max(50).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: z.array(AuditEntry),
    },
    async ({ auth, query }) => {
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.practiceId, auth.practiceId),
            query.before ? lt(auditLog.at, new Date(query.before)) : undefined,
            query.entity ? eq(auditLog.entity, query.entity) : undefined,
          ),
        )
        .orderBy(desc(auditLog.at))
        .limit(query.limit);
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    },
  );
}
