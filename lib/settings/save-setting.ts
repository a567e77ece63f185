import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockSetting, writeSetting } from '@/db/queries/settings';

/** Admin: writes a setting and its audit entry in one transaction; the entry keeps the old value. */
export async function saveSetting(actorUserId: string, key: string, value: unknown, auditAction: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const before = await lockSetting(tx, key);
    await writeSetting(tx, key, value);
    await recordAudit(
      { actorUserId, action: auditAction, entityType: 'setting', entityId: key, data: { from: before ?? null, to: value } },
      tx,
    );
  });
}
