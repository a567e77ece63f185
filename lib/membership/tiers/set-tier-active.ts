import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { updateTier } from '@/db/queries/tiers';
import type { MembershipTier } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';

/** Admin: hides a tier from /join (or shows it again); members already on it keep it. */
export async function setTierActive(actorUserId: string, tierId: string, active: boolean): Promise<Result<MembershipTier, 'unknownTier'>> {
  const tier = await getDb().transaction(async (tx) => {
    const after = await updateTier(tx, tierId, { active });
    if (!after) return null;
    await recordAudit(
      {
        actorUserId,
        action: active ? 'tier.reactivated' : 'tier.deactivated',
        entityType: 'membership_tier',
        entityId: tierId,
        data: { slug: after.slug },
      },
      tx,
    );
    return after;
  });
  return tier ? ok(tier) : refused('unknownTier');
}
