import 'server-only';
import { getDb } from '@/db/client';
import { findLiveMembership, lockMember, updateMembership } from '@/db/queries/memberships';
import { recordAudit } from '@/db/queries/audit';
import type { Membership } from '@/db/schema';
import { stripeControls } from '../lifecycle';
import type { MemberChange } from './result';

export type CancelPlan = { kind: 'stripe'; membershipId: string; subscriptionId: string } | { kind: 'local'; membership: Membership };

/**
 * Staff cancel now an offline or complimentary membership (or a pending one). For a live
 * Stripe membership nothing is written: the caller cancels the subscription through
 * Stripe's API, outside any transaction, and Stripe's webhook then updates the membership.
 */
export async function cancelMembershipNow(input: { actorUserId: string; userId: string }): Promise<MemberChange<CancelPlan>> {
  return getDb().transaction(async (tx) => {
    const user = await lockMember(tx, input.userId);
    if (!user) return { ok: false, error: 'unknownMember' };
    const live = await findLiveMembership(tx, user.id);
    if (!live) return { ok: false, error: 'noLiveMembership' };
    if (stripeControls(live) && live.stripeSubscriptionId) {
      return { ok: true, value: { kind: 'stripe', membershipId: live.id, subscriptionId: live.stripeSubscriptionId } };
    }
    const now = new Date();
    const end = live.currentPeriodEnd && live.currentPeriodEnd < now ? live.currentPeriodEnd : now;
    const membership = await updateMembership(tx, live.id, {
      status: 'cancelled',
      cancelledAt: now,
      currentPeriodEnd: end,
      cancelAtPeriodEnd: false,
    });
    await recordAudit(
      {
        actorUserId: input.actorUserId,
        action: 'membership.cancelled',
        entityType: 'membership',
        entityId: live.id,
        data: { memberId: user.id, previousStatus: live.status, source: live.source },
      },
      tx,
    );
    return { ok: true, value: { kind: 'local', membership } };
  });
}
