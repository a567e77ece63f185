import 'server-only';
import { getDb } from '@/db/client';
import { findLiveMembership, findTierBySlugIn, insertMembership, lockMember, updateMembership } from '@/db/queries/memberships';
import { recordAudit } from '@/db/queries/audit';
import type { Membership } from '@/db/schema';
import { queueMembershipMails } from '@/lib/payments/sync';
import { stripeControls } from '../lifecycle';
import type { MemberChange } from './result';

/**
 * Staff give someone a complimentary membership from now until `endsAt`, and the welcome
 * mail is queued with it. Only one live membership per person: an offline or complimentary
 * one is ended first when `replaceLive`, a Stripe one never is.
 */
export async function grantComplimentaryMembership(input: {
  actorUserId: string;
  userId: string;
  tierSlug: string;
  endsAt: Date;
  replaceLive: boolean;
}): Promise<MemberChange<Membership>> {
  return getDb().transaction(async (tx) => {
    const user = await lockMember(tx, input.userId);
    if (!user) return { ok: false, error: 'unknownMember' };
    const tier = await findTierBySlugIn(tx, input.tierSlug);
    if (!tier) return { ok: false, error: 'unknownTier' };
    const live = await findLiveMembership(tx, user.id);
    if (live && stripeControls(live)) return { ok: false, error: 'stripeControls' };
    if (live && !input.replaceLive) return { ok: false, error: 'hasLiveMembership' };
    const now = new Date();
    if (live) {
      await updateMembership(tx, live.id, { status: 'cancelled', cancelledAt: now });
      await recordAudit(
        {
          actorUserId: input.actorUserId,
          action: 'membership.cancelled',
          entityType: 'membership',
          entityId: live.id,
          data: { memberId: user.id, reason: 'replaced_by_complimentary', previousStatus: live.status },
        },
        tx,
      );
    }
    const membership = await insertMembership(tx, {
      userId: user.id,
      tierId: tier.id,
      status: 'active',
      source: 'complimentary',
      currentPeriodStart: now,
      currentPeriodEnd: input.endsAt,
    });
    await recordAudit(
      {
        actorUserId: input.actorUserId,
        action: 'membership.complimentary_granted',
        entityType: 'membership',
        entityId: membership.id,
        data: { memberId: user.id, tier: tier.slug, endsAt: input.endsAt.toISOString(), replaced: live?.id ?? null },
      },
      tx,
    );
    await queueMembershipMails(tx, { membership, user, tier }, null);
    return { ok: true, value: membership };
  });
}
