import 'server-only';
import { membershipLifecycleSql } from './lifecycle';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findMembershipParties, lockEndedNonStripeMemberships, markMembershipLapsed } from '@/db/queries/memberships';
import { queueMembershipMails } from '@/lib/payments/sync';

/**
 * Marks offline and complimentary memberships lapsed once their period and grace period
 * are over, and tells the member (the same "membership ended" mail Stripe members get).
 * Each membership changes, mails and is audited in one transaction.
 */
export async function lapseEndedMemberships(graceDays: number): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await lapseBatch(graceDays, BATCH);
    total += batch;
    if (batch < BATCH) return total;
  }
}

const BATCH = 200;

function lapseBatch(graceDays: number, limit: number): Promise<number> {
  return getDb().transaction(async (tx) => {
    const ended = await lockEndedNonStripeMemberships(tx, membershipLifecycleSql(graceDays), limit);
    for (const previous of ended) {
      const membership = await markMembershipLapsed(tx, previous.id);
      const { user, tier } = await findMembershipParties(tx, membership);
      await queueMembershipMails(tx, { membership, user, tier }, previous.status);
      await recordAudit(
        {
          actorUserId: null,
          action: 'membership.lapsed',
          entityType: 'membership',
          entityId: membership.id,
          data: { userId: user.id, source: membership.source, endedAt: membership.currentPeriodEnd },
        },
        tx,
      );
    }
    return ended.length;
  });
}
