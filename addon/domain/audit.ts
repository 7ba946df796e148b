// Every settings change is recorded: who, when, what, the old and the new value.
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import type { Auth } from '../http/auth.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export async function recordAudit(db: Db, auth: Auth, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    practiceId: auth.practiceId,
    actor: auth.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    oldValue: entry.oldValue ?? null,
    newValue: entry.newValue ?? null,
  });
}
