import 'server-only';
import { randomUUID } from 'node:crypto';
import { getStripe, paymentsEnabled } from './stripe';

/**
 * A new annual Stripe price for a tier (Stripe prices cannot change amount). The lookup key
 * moves to the new price, so checkout's lookup finds it; subscriptions made on the old price
 * keep paying that price until the member switches tier or re-joins.
 * With payments off there is no Stripe to ask: null, and checkout creates one when needed.
 */
export async function createTierStripePrice(tier: {
  slug: string;
  nameEn: string;
  annualPricePence: number;
  previousPriceId: string | null;
}): Promise<string | null> {
  if (!paymentsEnabled()) return null;
  const stripe = getStripe();
  // Keep the new price on the tier's product when there is one, so Stripe's dashboard shows one product per tier.
  const product = tier.previousPriceId ? (await stripe.prices.retrieve(tier.previousPriceId)).product : null;
  const productId = typeof product === 'string' ? product : (product?.id ?? null);
  const price = await stripe.prices.create(
    {
      currency: 'gbp',
      unit_amount: tier.annualPricePence,
      recurring: { interval: 'year' },
      lookup_key: `psg-${tier.slug}-${tier.annualPricePence}-yearly`,
      transfer_lookup_key: true,
      ...(productId ? { product: productId } : { product_data: { name: `Membership: ${tier.nameEn}` } }),
      metadata: { tier_slug: tier.slug },
    },
    // A retry of this one request is safe; a later change to the same amount makes a new price.
    { idempotencyKey: `tier-price-${randomUUID()}` },
  );
  return price.id;
}
