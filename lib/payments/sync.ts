import 'server-only';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { queueMail } from '@/db/queries/mail-outbox';
import {
  findCurrentDeclaration,
  findPaymentUser,
  findTierByPriceId,
  lockStripeObject,
  upsertStripeMembership,
  upsertStripePayment,
} from '@/db/queries/payments';
import type { Membership, MembershipStatus, MembershipTier, User } from '@/db/schema';
import { siteUrl } from '@/lib/env';
import { formatLongDate } from '@/lib/format';
import { renderMail } from '@/lib/mail/render';
import { syncDonationInvoice, syncDonationSession, syncDonationSubscription } from './donations';
import { isGiftAidEligible } from './gift-aid';
import { queueReceipt } from './receipts';
import { invoicePaidAt, invoicePaymentIntent } from './invoice';
import { getStripe } from './stripe';

// Every function here re-reads the object from Stripe and makes our rows match it, so it
// does not matter how often, or in which order, events and redirects arrive.

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
const fromUnix = (seconds: number) => new Date(seconds * 1000);

export function membershipStatusFromStripe(sub: Pick<Stripe.Subscription, 'status' | 'cancellation_details'>): MembershipStatus {
  switch (sub.status) {
    case 'active':
    case 'trialing':
      return 'active';
    case 'past_due':
    case 'unpaid':
      return 'past_due';
    case 'incomplete':
      return 'pending';
    case 'canceled':
      return sub.cancellation_details?.reason === 'payment_failed' ? 'lapsed' : 'cancelled';
    default:
      return 'lapsed';
  }
}

/**
 * The date the member has paid up to. While a renewal is unpaid (past_due, or ended for
 * non-payment) Stripe's current period is the unpaid one, so the paid period ended when it
 * started. A subscription that has ended gives access no longer than until it ended.
 */
export function paidThrough(sub: Stripe.Subscription, now = new Date()): Date {
  const item = sub.items.data[0];
  const status = membershipStatusFromStripe(sub);
  if (status === 'past_due' || status === 'lapsed') return fromUnix(item.current_period_start);
  const end = fromUnix(item.current_period_end);
  if (status === 'cancelled') {
    const endedAt = sub.ended_at ? fromUnix(sub.ended_at) : now;
    return new Date(Math.min(end.getTime(), endedAt.getTime(), now.getTime()));
  }
  return end;
}

type MembershipSync = { membership: Membership; user: User; tier: MembershipTier };

export async function syncSubscription(tx: Tx, subscriptionId: string, opts: { checkoutSessionId?: string } = {}): Promise<MembershipSync | null> {
  await lockStripeObject(tx, subscriptionId);
  const sub = await getStripe().subscriptions.retrieve(subscriptionId);
  if (sub.metadata?.kind === 'donation') return null;
  const user = await findPaymentUser(tx, { userId: sub.metadata?.user_id, customerId: idOf(sub.customer) });
  const item = sub.items.data[0];
  const tier = item ? await findTierByPriceId(tx, item.price.id) : null;
  if (!user || !tier) {
    console.warn(`[stripe] subscription ${subscriptionId}: no matching ${user ? 'tier' : 'member'}; nothing recorded`);
    return null;
  }
  const status = membershipStatusFromStripe(sub);
  const { membership, inserted, previousStatus } = await upsertStripeMembership(tx, {
    userId: user.id,
    tierId: tier.id,
    status,
    stripeSubscriptionId: sub.id,
    stripeCheckoutSessionId: opts.checkoutSessionId,
    currentPeriodStart: fromUnix(item.current_period_start),
    currentPeriodEnd: paidThrough(sub),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    cancelledAt: sub.canceled_at ? fromUnix(sub.canceled_at) : null,
  });
  await queueMembershipMails(tx, { membership, user, tier }, inserted ? null : previousStatus);
  return { membership, user, tier };
}

export async function queueMembershipMails(tx: Tx, { membership, user, tier }: MembershipSync, previous: MembershipStatus | null) {
  if (!user.email) return;
  const locale = user.preferredLocale;
  const tierName = locale === 'es' ? tier.nameEs : tier.nameEn;
  const account = `${siteUrl()}${locale === 'es' ? '/es' : ''}/account`;
  const date = membership.currentPeriodEnd ? formatLongDate(membership.currentPeriodEnd, locale) : '';
  const queue = async (dedupeKey: string, template: string, paragraphs: string[], labelKey = 'button', link = account) =>
    queueMail(tx, { dedupeKey, ...(await renderMail({ to: user.email!, locale, template, paragraphs, vars: { tier: tierName, date }, link: { url: link, labelKey } })) });

  if (membership.status === 'active' && (previous === null || previous === 'pending')) {
    await queue(`welcome:${membership.id}`, 'welcome', ['intro', 'detail']);
  }
  if (membership.status === 'past_due' && previous !== 'past_due') {
    await queue(`payment-failed:${membership.id}:${membership.currentPeriodEnd?.toISOString()}`, 'paymentFailed', ['intro', 'detail']);
  }
  if (membership.status === 'lapsed' && previous !== 'lapsed') {
    await queue(`lapsed:${membership.id}`, 'lapsed', ['intro', 'detail'], 'button', `${siteUrl()}${locale === 'es' ? '/es' : ''}/join`);
  }
}

/** Memberships and monthly donations are both subscriptions; their metadata says which. */
export async function syncAnySubscription(tx: Tx, subscriptionId: string): Promise<boolean> {
  const sub = await getStripe().subscriptions.retrieve(subscriptionId);
  if (sub.metadata?.kind === 'donation') return syncDonationSubscription(tx, subscriptionId);
  return Boolean(await syncSubscription(tx, subscriptionId));
}

/** A paid subscription invoice becomes a payment row (and a receipt mail, once). */
export async function syncInvoice(tx: Tx, invoiceId: string): Promise<boolean> {
  // `payments` is includable: Stripe only returns it when expanded
  // (https://docs.stripe.com/api/invoices/object#invoice_object-payments).
  const invoice = await getStripe().invoices.retrieve(invoiceId, { expand: ['payments'] });
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return false;
  if (invoice.parent?.subscription_details?.metadata?.kind === 'donation') {
    return syncDonationInvoice(tx, invoice, await getStripe().subscriptions.retrieve(subscriptionId));
  }
  const synced = await syncSubscription(tx, subscriptionId);
  if (!synced) return false;
  if (invoice.status !== 'paid') return true;
  const { user, tier, membership } = synced;
  const paidAt = invoicePaidAt(invoice);
  const declaration = await findCurrentDeclaration(tx, user.id);
  const eligible = isGiftAidEligible({
    declaration,
    declarationMadeWithThisPayment: false,
    paidAt,
    kind: 'membership',
    membershipBenefitsNewsletterOnly: tier.benefitsNewsletterOnly,
  });
  const paymentIntent = invoicePaymentIntent(invoice);
  const { payment, becamePaid } = await upsertStripePayment(tx, {
    kind: 'membership',
    userId: user.id,
    email: user.email,
    membershipId: membership.id,
    amountPence: invoice.amount_paid,
    status: 'paid',
    stripeInvoiceId: invoice.id,
    stripePaymentIntentId: paymentIntent,
    paidAt,
    giftAidEligible: eligible,
    giftAidDeclarationId: eligible ? (declaration?.id ?? null) : null,
  });
  if (becamePaid && user.email) {
    await queueReceipt(tx, { to: user.email, locale: user.preferredLocale, paymentId: payment.id, amountPence: payment.amountPence, paidAt, tier, giftAid: eligible });
  }
  return true;
}

/** Used by the success page and by checkout.session.completed alike. */
export type CheckoutSync = { mode: 'subscription' | 'payment'; complete: boolean; membership: Membership | null; recorded: boolean };

export async function syncCheckoutSession(tx: Tx, sessionId: string): Promise<CheckoutSync> {
  const session = await getStripe().checkout.sessions.retrieve(sessionId);
  const complete = session.status === 'complete';
  if (session.metadata?.kind === 'donation') {
    return { mode: session.mode === 'subscription' ? 'subscription' : 'payment', complete, membership: null, recorded: await syncDonationSession(tx, session) };
  }
  if (session.mode === 'subscription') {
    const subscriptionId = idOf(session.subscription);
    if (!complete || !subscriptionId) return { mode: 'subscription', complete, membership: null, recorded: false };
    const synced = await syncSubscription(tx, subscriptionId, { checkoutSessionId: session.id });
    const invoiceId = idOf(session.invoice);
    if (synced && invoiceId) await syncInvoice(tx, invoiceId);
    return { mode: 'subscription', complete, membership: synced?.membership ?? null, recorded: Boolean(synced) };
  }
  return { mode: 'payment', complete, membership: null, recorded: false };
}
