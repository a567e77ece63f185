import 'server-only';
import { setStripeCustomer, setTierStripePrice } from '@/db/queries/payments';
import { takeStripeReadTicket } from '@/db/queries/stripe-reads';
import type { MembershipTier } from '@/db/schema';
import { siteUrl } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { getStripe } from './stripe';
import { withStripeReads } from './stripe-reads';
import { syncCheckoutSession } from './sync';

type Customerish = { id: string; email: string | null; name: string | null; stripeCustomerId: string | null };

/** The member's Stripe customer, created once (the idempotency key makes retries safe). */
export async function ensureCustomer(user: Customerish): Promise<string> {
  if (user.stripeCustomerId) return user.stripeCustomerId;
  const customer = await getStripe().customers.create(
    { email: user.email ?? undefined, name: user.name ?? undefined, metadata: { user_id: user.id } },
    { idempotencyKey: `customer-${user.id}` },
  );
  await setStripeCustomer(user.id, customer.id);
  return customer.id;
}

/** The tier's annual Stripe price, created through the API the first time it is needed. */
export async function ensureTierPrice(tier: MembershipTier): Promise<string> {
  if (tier.stripePriceId) return tier.stripePriceId;
  const lookupKey = `psg-${tier.slug}-${tier.annualPricePence}-yearly`;
  const stripe = getStripe();
  const existing = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price =
    existing.data[0] ??
    (await stripe.prices.create(
      {
        currency: 'gbp',
        unit_amount: tier.annualPricePence,
        recurring: { interval: 'year' },
        lookup_key: lookupKey,
        product_data: { name: `Membership: ${tier.nameEn}` },
      },
      { idempotencyKey: `price-${lookupKey}` },
    ));
  await setTierStripePrice(tier.id, price.id);
  return price.id;
}

const localePrefix = (locale: AppLocale) => (locale === 'es' ? '/es' : '');

export async function createMembershipCheckout(opts: {
  user: Customerish;
  tier: MembershipTier;
  locale: AppLocale;
}): Promise<{ id: string; url: string }> {
  const [customer, price] = await Promise.all([ensureCustomer(opts.user), ensureTierPrice(opts.tier)]);
  const base = `${siteUrl()}${localePrefix(opts.locale)}`;
  const metadata = { kind: 'membership', user_id: opts.user.id, tier_id: opts.tier.id };
  const session = await getStripe().checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: opts.user.id,
    line_items: [{ price, quantity: 1 }],
    metadata,
    subscription_data: { metadata },
    success_url: `${base}/join/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}/join/${opts.tier.slug}?checkout=cancelled`,
  });
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
  return { id: session.id, url: session.url };
}

/** The success page: sync from the session itself, so it works whether or not the webhook came first. */
export async function confirmMembershipCheckout(sessionId: string, userId: string) {
  // The ticket comes before the fetch, so the session read here can be the one written from.
  const ticket = await takeStripeReadTicket();
  const session = await getStripe().checkout.sessions.retrieve(sessionId);
  if (session.client_reference_id !== userId) return { belongsToUser: false as const };
  const result = await withStripeReads((tx, stripe) => syncCheckoutSession(tx, stripe, sessionId), {
    ticket,
    reads: [{ kind: 'checkoutSession', id: sessionId, value: session }],
  });
  return { belongsToUser: true as const, ...result };
}

/**
 * The donation thanks page, the same way: the gift's id once it is synced, or null when
 * the session is not one of our gifts (or Stripe cannot say).
 */
export async function confirmDonationCheckout(sessionId: string): Promise<string | null> {
  const ticket = await takeStripeReadTicket();
  const session = await getStripe()
    .checkout.sessions.retrieve(sessionId)
    .catch(() => null);
  const donationId = session?.metadata?.kind === 'donation' ? session.metadata.donation_id : undefined;
  if (!session || !donationId) return null;
  await withStripeReads((tx, stripe) => syncCheckoutSession(tx, stripe, sessionId), {
    ticket,
    reads: [{ kind: 'checkoutSession', id: sessionId, value: session }],
  });
  return donationId;
}

export async function createPortalSession(opts: { customerId: string; locale: AppLocale }): Promise<string> {
  const portal = await getStripe().billingPortal.sessions.create({
    customer: opts.customerId,
    return_url: `${siteUrl()}${localePrefix(opts.locale)}/account`,
  });
  return portal.url;
}
