import 'server-only';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { queueMail } from '@/db/queries/mail-outbox';
import { findMembershipParties } from '@/db/queries/memberships';
import { isLive } from '@/lib/membership/lifecycle';
import {
  findCurrentDeclaration,
  findMembershipBySubscription,
  findPaymentUser,
  findTierByPriceId,
  lockStripeObject,
  upsertStripeMembership,
  upsertStripePayment,
} from '@/db/queries/payments';
import type { Membership, MembershipStatus, MembershipTier, User } from '@/db/schema';
import { siteUrl } from '@/lib/env';
import { formatLongDate, formatPence } from '@/lib/format';
import { renderMail } from '@/lib/mail/render';
import { syncDonationInvoice, syncDonationSession, syncDonationSubscription } from './donations';
import { syncDisputesOfPayment } from './disputes';
import { failureReason } from './failure-reasons';
import { isGiftAidEligible } from './gift-aid';
import { invoicePaymentState } from './invoice';
import { queueReceipt } from './receipts';
import type { StripeReads } from './stripe-reads';
import { logFor } from '@/lib/log';

// Every function here reads the object from Stripe (through `stripe`, a snapshot fetched
// outside the transaction: lib/payments/stripe-reads.ts) and makes our rows match it, so
// it does not matter how often, or in which order, events and redirects arrive.

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
const fromUnix = (seconds: number) => new Date(seconds * 1000);

/**
 * Our membership status for a Stripe subscription status:
 * - incomplete (the first payment is not done: it needs confirming, or failed): pending,
 *   no access yet;
 * - incomplete_expired (Stripe gave up on that first payment after 23 hours): it never
 *   started, so it ends as cancelled at its own start;
 * - past_due (a renewal is being retried): access goes on, as for active;
 * - unpaid (retries over, the subscription kept open but unpaid) and canceled for
 *   non-payment: lapsed, as a membership not renewed.
 */
export function membershipStatusFromStripe(sub: Pick<Stripe.Subscription, 'status' | 'cancellation_details'>): MembershipStatus {
  switch (sub.status) {
    case 'active':
    case 'trialing':
      return 'active';
    case 'past_due':
      return 'past_due';
    case 'incomplete':
      return 'pending';
    case 'incomplete_expired':
      return 'cancelled';
    case 'canceled':
      return sub.cancellation_details?.reason === 'payment_failed' ? 'lapsed' : 'cancelled';
    default:
      return 'lapsed';
  }
}

/**
 * The date the member has paid up to. While a renewal is unpaid (past_due, unpaid, or ended
 * for non-payment) Stripe's current period is the unpaid one, so the paid period ended when
 * it started; a first payment never made paid for nothing. A subscription that has ended
 * gives access no longer than until it ended.
 */
export function paidThrough(sub: Stripe.Subscription, now = new Date()): Date {
  const item = sub.items.data[0];
  if (!item) throw new Error(`Expected Stripe subscription ${sub.id} to have an item`);
  const status = membershipStatusFromStripe(sub);
  if (status === 'past_due' || status === 'lapsed' || status === 'pending' || sub.status === 'incomplete_expired')
    return fromUnix(item.current_period_start);
  const end = fromUnix(item.current_period_end);
  if (status === 'cancelled') {
    const endedAt = sub.ended_at ? fromUnix(sub.ended_at) : now;
    return new Date(Math.min(end.getTime(), endedAt.getTime(), now.getTime()));
  }
  return end;
}

type MembershipSync = { membership: Membership; user: User; tier: MembershipTier };

export async function syncSubscription(
  tx: Tx,
  stripe: StripeReads,
  subscriptionId: string,
  opts: { checkoutSessionId?: string } = {},
): Promise<MembershipSync | null> {
  await lockStripeObject(tx, subscriptionId);
  const sub = await stripe.subscription(subscriptionId);
  if (sub.metadata?.kind === 'donation') return null;
  const user = await findPaymentUser(tx, { userId: sub.metadata?.user_id, customerId: idOf(sub.customer) });
  const item = sub.items.data[0];
  const tier = item ? await findTierByPriceId(tx, item.price.id) : null;
  if (!user || !item || !tier) {
    logFor('stripe').warn(
      { subscriptionId, missing: user ? 'tier' : 'member' },
      'a subscription with no matching member or tier: nothing recorded',
    );
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
    stripeStatus: sub.status,
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
    queueMail(tx, {
      dedupeKey,
      ...(await renderMail({
        to: user.email!,
        locale,
        template,
        paragraphs,
        vars: { tier: tierName, date },
        link: { url: link, labelKey },
      })),
    });

  if (membership.status === 'active' && (previous === null || previous === 'pending')) {
    await queue(`welcome:${membership.id}`, 'welcome', ['intro', 'detail']);
  }
  if (membership.status === 'lapsed' && previous !== 'lapsed') {
    await queue(`lapsed:${membership.id}`, 'lapsed', ['intro', 'detail'], 'button', `${siteUrl()}${locale === 'es' ? '/es' : ''}/join`);
  }
}

/** Memberships and monthly donations are both subscriptions; their metadata says which. */
export async function syncAnySubscription(tx: Tx, stripe: StripeReads, subscriptionId: string): Promise<boolean> {
  const sub = await stripe.subscription(subscriptionId);
  if (sub.metadata?.kind === 'donation') return syncDonationSubscription(tx, stripe, subscriptionId);
  return Boolean(await syncSubscription(tx, stripe, subscriptionId));
}

/**
 * A subscription invoice becomes a payment row once the payer has been asked for the money:
 * pending while it processes (Bacs) or waits for the payer to confirm it (3-D Secure),
 * failed when refused, paid when Stripe says paid (with a receipt, once). The member is
 * told what to do: confirm the payment (once per invoice), or update their card (once per
 * failed attempt, with the day of the next one).
 */
export async function syncInvoice(tx: Tx, stripe: StripeReads, invoiceId: string): Promise<boolean> {
  const invoice = await stripe.invoice(invoiceId);
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return false;
  if (invoice.parent?.subscription_details?.metadata?.kind === 'donation') {
    return syncDonationInvoice(tx, stripe, invoice, await stripe.subscription(subscriptionId));
  }
  const synced = await syncSubscription(tx, stripe, subscriptionId);
  if (!synced) return false;
  const state = await invoicePaymentState(invoice, stripe);
  if (!state) return true;
  const { user, tier, membership } = synced;
  if (state.paymentIntentId) await lockStripeObject(tx, state.paymentIntentId);
  const paidAt = state.paidAt;
  const declaration = paidAt ? await findCurrentDeclaration(tx, user.id) : null;
  const eligible =
    paidAt !== null &&
    isGiftAidEligible({
      declaration,
      declarationMadeWithThisPayment: false,
      paidAt,
      kind: 'membership',
      membershipBenefitsNewsletterOnly: tier.benefitsNewsletterOnly,
    });
  const { payment, becamePaid } = await upsertStripePayment(tx, {
    kind: 'membership',
    userId: user.id,
    email: user.email,
    membershipId: membership.id,
    amountPence: state.amountPence,
    method: state.method,
    status: state.status,
    stripeInvoiceId: invoice.id,
    stripePaymentIntentId: state.paymentIntentId,
    paidAt,
    giftAidEligible: eligible,
    giftAidDeclarationId: eligible ? (declaration?.id ?? null) : null,
    failureCode: state.failureCode,
    nextAttemptAt: state.nextAttemptAt,
    confirmUrl: state.confirmUrl,
  });
  if (becamePaid) await syncDisputesOfPayment(tx, stripe, payment);
  if (!user.email) return true;
  if (becamePaid) {
    await queueReceipt(tx, {
      to: user.email,
      locale: user.preferredLocale,
      paymentId: payment.id,
      amountPence: payment.amountPence,
      paidAt: payment.paidAt ?? payment.createdAt,
      tier,
      giftAid: eligible,
    });
  }
  if (payment.status === 'pending' && state.confirmUrl) {
    await queuePaymentMail(tx, user, tier, `payment-action:${invoice.id}`, 'paymentAction', {
      amountPence: state.amountPence,
      confirmUrl: state.confirmUrl,
    });
  }
  // Once the membership has ended the "membership ended" mail says it; no failure mail too.
  if (payment.status === 'failed' && isLive(membership.status)) {
    await queuePaymentMail(tx, user, tier, `payment-failed:${invoice.id}:${invoice.attempt_count}`, 'paymentFailed', {
      amountPence: state.amountPence,
      failureCode: state.failureCode,
      nextAttemptAt: state.nextAttemptAt,
    });
  }
  return true;
}

/** "Confirm your payment" (with Stripe's page for it) or "your payment failed" (update your card). */
async function queuePaymentMail(
  tx: Tx,
  user: User,
  tier: MembershipTier,
  dedupeKey: string,
  template: 'paymentAction' | 'paymentFailed',
  facts: { amountPence: number; confirmUrl?: string; failureCode?: string | null; nextAttemptAt?: Date | null },
) {
  const locale = user.preferredLocale;
  const account = `${siteUrl()}${locale === 'es' ? '/es' : ''}/account`;
  const vars = {
    tier: locale === 'es' ? tier.nameEs : tier.nameEn,
    amount: formatPence(facts.amountPence, locale),
    reason: failureReason(locale, facts.failureCode ?? null),
    next: facts.nextAttemptAt ? formatLongDate(facts.nextAttemptAt, locale) : '',
  };
  const paragraphs = template === 'paymentAction' ? ['intro', 'detail'] : ['intro', facts.nextAttemptAt ? 'retry' : 'noRetry', 'detail'];
  const link = template === 'paymentAction' ? { url: facts.confirmUrl!, labelKey: 'button' } : { url: account, labelKey: 'button' };
  await queueMail(tx, { dedupeKey, ...(await renderMail({ to: user.email!, locale, template, paragraphs, vars, link })) });
}

/** Stripe's invoice.upcoming: the reminder before an annual membership renews (UK subscription rules). */
export async function remindRenewal(tx: Tx, stripe: StripeReads, payload: Record<string, unknown>): Promise<boolean> {
  const preview = payload as Partial<Pick<Stripe.Invoice, 'parent' | 'amount_due'>>;
  const subscriptionId = idOf(preview.parent?.subscription_details?.subscription);
  if (!subscriptionId) return false;
  const sub = await stripe.subscription(subscriptionId);
  if (sub.metadata?.kind === 'donation' || sub.status !== 'active' || sub.cancel_at_period_end) return false;
  const item = sub.items.data[0];
  if (item?.price.recurring?.interval !== 'year') return false;
  const membership = await findMembershipBySubscription(tx, sub.id);
  if (!membership || membership.status !== 'active') return false;
  const { user, tier } = await findMembershipParties(tx, membership);
  if (!user?.email || user.deletedAt) return false;
  const locale = user.preferredLocale;
  // The preview cannot be fetched again by id; its amount is the one Stripe will ask for.
  const amountPence = preview.amount_due ?? (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
  const renewsOn = fromUnix(item.current_period_end);
  const mail = await renderMail({
    to: user.email,
    locale,
    template: 'renewalReminder',
    paragraphs: ['intro', 'cancel', 'card'],
    vars: {
      tier: locale === 'es' ? tier.nameEs : tier.nameEn,
      amount: formatPence(amountPence, locale),
      date: formatLongDate(renewsOn, locale),
    },
    link: { url: `${siteUrl()}${locale === 'es' ? '/es' : ''}/account`, labelKey: 'button' },
  });
  await queueMail(tx, { dedupeKey: `renewal-reminder:${sub.id}:${item.current_period_end}`, ...mail });
  return true;
}

/** Used by the success page and by checkout.session.completed alike. */
export type CheckoutSync = { mode: 'subscription' | 'payment'; complete: boolean; membership: Membership | null; recorded: boolean };

export async function syncCheckoutSession(tx: Tx, stripe: StripeReads, sessionId: string): Promise<CheckoutSync> {
  const session = await stripe.checkoutSession(sessionId);
  const complete = session.status === 'complete';
  if (session.metadata?.kind === 'donation') {
    return {
      mode: session.mode === 'subscription' ? 'subscription' : 'payment',
      complete,
      membership: null,
      recorded: await syncDonationSession(tx, stripe, session),
    };
  }
  if (session.mode === 'subscription') {
    const subscriptionId = idOf(session.subscription);
    if (!complete || !subscriptionId) return { mode: 'subscription', complete, membership: null, recorded: false };
    const synced = await syncSubscription(tx, stripe, subscriptionId, { checkoutSessionId: session.id });
    const invoiceId = idOf(session.invoice);
    if (synced && invoiceId) await syncInvoice(tx, stripe, invoiceId);
    return { mode: 'subscription', complete, membership: synced?.membership ?? null, recorded: Boolean(synced) };
  }
  return { mode: 'payment', complete, membership: null, recorded: false };
}
