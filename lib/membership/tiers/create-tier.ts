import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertTier, tierSlugTaken, type NewTierInput } from '@/db/queries/tiers';
import type { MembershipTier } from '@/db/schema';
import { createTierStripePrice } from '@/lib/payments/tier-prices';
import { ok, refused, type Result } from '@/lib/result';

/**
 * Admin: a new tier, with its Stripe price made first (outside the transaction); if Stripe
 * refuses, nothing is saved. A taken slug is checked before Stripe is asked, so it does not
 * leave a stray Stripe price, and again by the insert (two admins at once).
 */
export async function createTier(
  actorUserId: string,
  input: Omit<NewTierInput, 'stripePriceId'>,
): Promise<Result<MembershipTier, 'duplicate' | 'stripe'>> {
  if (await tierSlugTaken(input.slug)) return refused('duplicate');
  let stripePriceId: string | null;
  try {
    stripePriceId = await createTierStripePrice({
      slug: input.slug,
      nameEn: input.nameEn,
      annualPricePence: input.annualPricePence,
      previousPriceId: null,
    });
  } catch (error) {
    return refused('stripe', (error as Error).message);
  }
  const tier = await getDb().transaction(async (tx) => {
    const tier = await insertTier(tx, { ...input, stripePriceId });
    if (!tier) return null;
    await recordAudit(
      {
        actorUserId,
        action: 'tier.created',
        entityType: 'membership_tier',
        entityId: tier.id,
        data: { slug: tier.slug, annualPricePence: tier.annualPricePence, stripePriceId: tier.stripePriceId },
      },
      tx,
    );
    return tier;
  });
  return tier ? ok(tier) : refused('duplicate');
}
