import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { erasePersonalRows, lockUser } from '@/db/queries/personal-data';

/**
 * The signed-in person deletes their account: their personal data is erased
 * (erasePersonalRows says what stays and why) and the deletion audited, in one
 * transaction. False when the account is already deleted (or never was).
 */
export async function deleteAccount(userId: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user || user.deletedAt) return false;
    await erasePersonalRows(tx, user);
    await recordAudit({ actorUserId: userId, action: 'user.deleted', entityType: 'user', entityId: userId }, tx);
    return true;
  });
}
