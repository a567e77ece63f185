import 'server-only';
import { getDb } from '@/db/client';
import { findLiveMembership, findTierBySlugIn, lockMember, updateMembership } from '@/db/queries/memberships';
import { recordAudit } from '@/db/queries/audit';
import type { Membership } from '@/db/schema';
import { stripeControls } from '../lifecycle';
import type { MemberChange } from './result';

/** Staff put the live membership on another tier; a Stripe one changes tier through its subscription. */
export async function changeMembershipTier(input: {
  actorUserId: string;
  userId: string;
  tierSlug: string;
}): Promise<MemberChange<Membership>> {
  return getDb().transaction(async (tx) => {
    const user = await lockMember(tx, input.userId);
    if (!user) return { ok: false, error: 'unknownMember' };
    const tier = await findTierBySlugIn(tx, input.tierSlug);
    if (!tier) return { ok: false, error: 'unknownTier' };
    const live = await findLiveMembership(tx, user.id);
    if (!live) return { ok: false, error: 'noLiveMembership' };
    if (stripeControls(live)) return { ok: false, error: 'stripeControls' };
    if (live.tierId === tier.id) return { ok: false, error: 'sameTier' };
    const membership = await updateMembership(tx, live.id, { tierId: tier.id });
    await recordAudit(
      {
        actorUserId: input.actorUserId,
        action: 'membership.tier_changed',
        entityType: 'membership',
        entityId: live.id,
        data: { memberId: user.id, from: live.tier.slug, to: tier.slug },
      },
      tx,
    );
    return { ok: true, value: membership };
  });
}
