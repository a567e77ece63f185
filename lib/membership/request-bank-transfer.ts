import 'server-only';
import { getDb } from '@/db/client';
import { cancelMembershipRow, insertPendingOfflineMembership, lockLiveMembership, setMembershipTier } from '@/db/queries/memberships';
import type { Membership } from '@/db/schema';

/**
 * "Pay by bank transfer": a pending membership, without access until staff record the
 * payment. Asked again, the pending request takes the new tier; any other live membership
 * is cancelled in its favour. One transaction, the live membership locked.
 */
export async function requestBankTransferMembership(userId: string, tierId: string): Promise<Membership> {
  return getDb().transaction(async (tx) => {
    const live = await lockLiveMembership(tx, userId);
    if (live?.status === 'pending' && live.source === 'offline') return setMembershipTier(tx, live.id, tierId);
    if (live) await cancelMembershipRow(tx, live.id, new Date());
    return insertPendingOfflineMembership(tx, userId, tierId);
  });
}
