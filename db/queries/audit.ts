import 'server-only';
import type { Database } from '../client';
import { getDb } from '../client';
import { auditLog } from '../schema';

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends to the audit log; pass a transaction to record it with the change it describes. */
export async function recordAudit(entry: AuditEntry, db: Pick<Database, 'insert'> = getDb()): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    data: entry.data ?? {},
  });
}
