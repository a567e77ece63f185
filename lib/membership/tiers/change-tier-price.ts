import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findTierById, lockTier, updateTier } from '@/db/queries/tiers';
import type { MembershipTier } from '@/db/schema';
import { createTierStripePrice } from '@/lib/payments/tier-prices';
import { ok, refused, type Result } from '@/lib/result';

/**
 * Admin: a new annual price. A new Stripe price is made first (outside the transaction)
 * and stored on the tier; existing subscriptions keep the Stripe price they were created
 * with, only new checkouts use this one.
 */
export async function changeTierPrice(
  actorUserId: string,
  tierId: string,
  annualPricePence: number,
): Promise<Result<MembershipTier, 'unknownTier' | 'unchanged' | 'stripe'>> {
  const tier = await findTierById(tierId);
  if (!tier) return refused('unknownTier');
  if (tier.annualPricePence === annualPricePence) return refused('unchanged');
  let stripePriceId: string | null;
  try {
    stripePriceId = await createTierStripePrice({
      slug: tier.slug,
      nameEn: tier.nameEn,
      annualPricePence,
      previousPriceId: tier.stripePriceId,
    });
  } catch (error) {
    return refused('stripe', (error as Error).message);
  }
  const after = await getDb().transaction(async (tx) => {
    const before = await lockTier(tx, tierId);
    if (!before) return null;
    const after = await updateTier(tx, tierId, { annualPricePence, stripePriceId });
    await recordAudit(
      {
        actorUserId,
        action: 'tier.price_changed',
        entityType: 'membership_tier',
        entityId: tierId,
        data: {
          slug: before.slug,
          fromPence: before.annualPricePence,
          toPence: annualPricePence,
          fromStripePriceId: before.stripePriceId,
          toStripePriceId: stripePriceId,
        },
      },
      tx,
    );
    return after;
  });
  return after ? ok(after) : refused('unknownTier');
}
