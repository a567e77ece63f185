import 'server-only';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import {
  attachCheckoutSession,
  closeUnstartedDonation,
  createDonation,
  findDonationForUpdate,
  findUserLocale,
  updateDonation,
} from '@/db/queries/donations';
import { lockStripeObject, upsertStripePayment } from '@/db/queries/payments';
import { findDeclaration } from '@/db/queries/gift-aid';
import type { Donation } from '@/db/schema';
import { siteUrl } from '@/lib/env';
import { declarationLink } from '@/lib/gift-aid/declaration-link';
import type { AppLocale } from '@/lib/i18n/routing';
import { syncDisputesOfPayment } from './disputes';
import { isGiftAidEligible } from './gift-aid';
import { invoicePaymentState } from './invoice';
import { stripeMethodOf, type StripePaymentMethod } from './methods';
import { queueReceipt } from './receipts';
import { getStripe } from './stripe';
import type { StripeReads } from './stripe-reads';
import { logFor } from '@/lib/log';

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

export type DonationRequest = {
  amountPence: number;
  frequency: 'one_off' | 'monthly';
  email: string;
  userId: string | null;
  stripeCustomerId: string | null;
  giftAidDeclarationId: string | null;
  locale: AppLocale;
};

/** Creates the donation (pending) and its Stripe Checkout session: a payment, or a monthly subscription. */
export async function createDonationCheckout(request: DonationRequest): Promise<{ donation: Donation; url: string }> {
  const donation = await createDonation({
    userId: request.userId,
    email: request.email,
    frequency: request.frequency,
    amountPence: request.amountPence,
    giftAidDeclarationId: request.giftAidDeclarationId,
  });
  const base = `${siteUrl()}${request.locale === 'es' ? '/es' : ''}`;
  const metadata = { kind: 'donation', donation_id: donation.id, locale: request.locale };
  const monthly = request.frequency === 'monthly';
  let session: Stripe.Checkout.Session;
  try {
    session = await createDonationSession(request, donation, base, metadata, monthly);
  } catch (error) {
    // No one has this checkout's address, so it can never be paid: the gift is closed, and
    // a Gift Aid declaration made with it can be used by the form sent again.
    await closeUnstartedDonation(donation.id).catch((closeError: unknown) =>
      logFor('donate').error({ err: closeError, donationId: donation.id }, 'could not close an unstarted gift'),
    );
    throw error;
  }
  await attachCheckoutSession(donation.id, session.id);
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
  return { donation, url: session.url };
}

function createDonationSession(
  request: DonationRequest,
  donation: Donation,
  base: string,
  metadata: Record<string, string>,
  monthly: boolean,
) {
  return getStripe().checkout.sessions.create({
    mode: monthly ? 'subscription' : 'payment',
    ...(request.stripeCustomerId ? { customer: request.stripeCustomerId } : { customer_email: request.email }),
    client_reference_id: request.userId ?? undefined,
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'gbp',
          unit_amount: request.amountPence,
          product_data: { name: monthly ? 'Monthly donation to the Peru Support Group' : 'Donation to the Peru Support Group' },
          ...(monthly ? { recurring: { interval: 'month' as const } } : {}),
        },
      },
    ],
    metadata,
    ...(monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
    success_url: `${base}/donate/thanks?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}/donate?checkout=cancelled`,
  });
}

/** `firstOfGift`: the declaration was made with this payment ("this payment only" covers no later month). */
async function eligibleDeclaration(tx: Tx, donation: Donation, paidAt: Date, firstOfGift: boolean) {
  if (!donation.giftAidDeclarationId) return null;
  const declaration = await findDeclaration(tx, donation.giftAidDeclarationId);
  const eligible = isGiftAidEligible({
    declaration,
    declarationMadeWithThisPayment: firstOfGift,
    paidAt,
    kind: 'donation',
    membershipBenefitsNewsletterOnly: false,
  });
  return eligible && declaration ? declaration.id : null;
}

type DonationPaymentFacts = {
  amountPence: number;
  method: StripePaymentMethod;
  status: 'pending' | 'paid' | 'failed';
  paidAt: Date | null;
  invoiceId?: string;
  /** The gift's first payment: the one a "this gift" declaration was made with. */
  firstOfGift: boolean;
  paymentIntentId: string | null;
  sessionId?: string;
  locale: AppLocale;
  failureCode?: string | null;
  nextAttemptAt?: Date | null;
  confirmUrl?: string | null;
};

/** Records one payment of a donation and queues its receipt the first time it is paid. */
async function recordDonationPayment(tx: Tx, stripe: StripeReads, donation: Donation, opts: DonationPaymentFacts) {
  if (opts.paymentIntentId) await lockStripeObject(tx, opts.paymentIntentId);
  const declarationId =
    opts.status === 'paid' && opts.paidAt ? await eligibleDeclaration(tx, donation, opts.paidAt, opts.firstOfGift) : null;
  const { payment, becamePaid } = await upsertStripePayment(tx, {
    kind: 'donation',
    userId: donation.userId,
    email: donation.email,
    donationId: donation.id,
    amountPence: opts.amountPence,
    method: opts.method,
    status: opts.status,
    stripeInvoiceId: opts.invoiceId ?? null,
    stripePaymentIntentId: opts.paymentIntentId,
    stripeCheckoutSessionId: opts.invoiceId ? null : (opts.sessionId ?? null),
    paidAt: opts.paidAt,
    giftAidEligible: declarationId !== null,
    giftAidDeclarationId: declarationId,
    failureCode: opts.failureCode,
    nextAttemptAt: opts.nextAttemptAt,
    confirmUrl: opts.confirmUrl,
  });
  if (becamePaid) await syncDisputesOfPayment(tx, stripe, payment);
  if (becamePaid && donation.email) {
    const locale = (await findUserLocale(tx, donation.userId)) ?? opts.locale;
    // A guest has no account to manage the declaration from: the receipt carries its signed link.
    const guestDeclaration =
      donation.userId === null && donation.giftAidDeclarationId ? declarationLink(donation.giftAidDeclarationId, locale) : null;
    await queueReceipt(tx, {
      to: donation.email,
      locale,
      paymentId: payment.id,
      amountPence: opts.amountPence,
      paidAt: payment.paidAt ?? payment.createdAt,
      tier: null,
      giftAid: declarationId !== null,
      declarationLink: guestDeclaration,
    });
  }
  return payment;
}

/** One-off gift: the session's payment intent decides (card: paid now; Bacs: pending, then paid or failed). */
export async function syncDonationSession(tx: Tx, stripe: StripeReads, session: Stripe.Checkout.Session): Promise<boolean> {
  const donationId = session.metadata?.donation_id;
  if (!donationId) return false;
  // The donation row lock is the one lock of every donation path, so they cannot deadlock.
  const donation = await findDonationForUpdate(tx, donationId);
  if (!donation) return false;
  // Checkout closed unpaid (after 24 hours, or expired through the API): the gift never
  // happened. A declined card leaves the session open and writes nothing before this.
  if (session.status === 'expired') {
    if (donation.status !== 'pending') return false;
    await updateDonation(tx, donation.id, { status: 'expired' });
    return true;
  }
  if (session.status !== 'complete') return false;
  const locale: AppLocale = session.metadata?.locale === 'es' ? 'es' : 'en';
  if (session.mode === 'subscription') {
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) return true;
    await syncDonationSubscription(tx, stripe, subscriptionId);
    // The first invoice: paid by card at once, or still processing (Bacs) and shown as pending.
    const invoiceId = idOf(session.invoice);
    if (invoiceId) await syncDonationInvoice(tx, stripe, await stripe.invoice(invoiceId), await stripe.subscription(subscriptionId));
    return true;
  }
  const intentId = idOf(session.payment_intent);
  if (!intentId) return false;
  const intent = await stripe.paymentIntent(intentId);
  const status = intent.status === 'succeeded' ? 'paid' : intent.status === 'processing' ? 'pending' : 'failed';
  await recordDonationPayment(tx, stripe, donation, {
    amountPence: intent.amount,
    method: stripeMethodOf(intent),
    status,
    paidAt: status === 'paid' ? new Date() : null,
    paymentIntentId: intent.id,
    sessionId: session.id,
    firstOfGift: true,
    locale,
    failureCode: status === 'failed' ? (intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? null) : null,
  });
  await updateDonation(tx, donation.id, { status: status === 'paid' ? 'completed' : status === 'pending' ? 'pending' : 'failed' });
  return true;
}

/** Monthly gift: the subscription's state on the donation, and one payment per paid invoice. */
export async function syncDonationSubscription(tx: Tx, stripe: StripeReads, subscriptionId: string): Promise<boolean> {
  const sub = await stripe.subscription(subscriptionId);
  const donation = sub.metadata?.donation_id ? await findDonationForUpdate(tx, sub.metadata.donation_id) : null;
  if (!donation) return false;
  const status = sub.status === 'canceled' ? 'cancelled' : sub.status === 'active' || sub.status === 'past_due' ? 'active' : 'pending';
  await updateDonation(tx, donation.id, { status, stripeSubscriptionId: sub.id });
  return true;
}

/** One payment per invoice of a monthly gift: pending while processing (Bacs), then paid or failed. */
export async function syncDonationInvoice(
  tx: Tx,
  stripe: StripeReads,
  invoice: Stripe.Invoice,
  subscription: Stripe.Subscription,
): Promise<boolean> {
  const donation = subscription.metadata?.donation_id ? await findDonationForUpdate(tx, subscription.metadata.donation_id) : null;
  if (!donation) return false;
  await syncDonationSubscription(tx, stripe, subscription.id);
  const state = await invoicePaymentState(invoice, stripe);
  if (!state) return true;
  await recordDonationPayment(tx, stripe, donation, {
    amountPence: state.amountPence,
    method: state.method,
    status: state.status,
    paidAt: state.paidAt,
    invoiceId: invoice.id,
    // The subscription's first invoice is the payment the donor declared with.
    firstOfGift: invoice.billing_reason === 'subscription_create',
    paymentIntentId: state.paymentIntentId,
    locale: subscription.metadata?.locale === 'es' ? 'es' : 'en',
    failureCode: state.failureCode,
    nextAttemptAt: state.nextAttemptAt,
    confirmUrl: state.confirmUrl,
  });
  return true;
}
