import 'server-only';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { getDb } from '../client';
import {
  LIVE_MEMBERSHIP_STATUSES,
  giftAidDeclarations,
  memberships,
  membershipTiers,
  payments,
  stripeEvents,
  type stripePaymentMethods,
  users,
  type GiftAidDeclaration,
  type Membership,
  type MembershipStatus,
  type MembershipTier,
  type Payment,
  type User,
} from '../schema';
import { oneRow } from './rows';

/** Records a Stripe event id; false when it was already recorded (a duplicate delivery). */
export async function recordStripeEvent(tx: Tx, id: string, type: string): Promise<boolean> {
  const rows = await tx.insert(stripeEvents).values({ id, type }).onConflictDoNothing().returning({ id: stripeEvents.id });
  return rows.length === 1;
}

export async function findTierByPriceId(tx: Tx, priceId: string): Promise<MembershipTier | null> {
  const [tier] = await tx.select().from(membershipTiers).where(eq(membershipTiers.stripePriceId, priceId));
  return tier ?? null;
}

export async function findTier(id: string): Promise<MembershipTier | null> {
  const [tier] = await getDb().select().from(membershipTiers).where(eq(membershipTiers.id, id));
  return tier ?? null;
}

export async function findTierBySlug(slug: string): Promise<MembershipTier | null> {
  // From the URL (/join/<slug>): Postgres cannot compare text holding NUL.
  if (slug.includes('\u0000')) return null;
  const [tier] = await getDb()
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.slug, slug), eq(membershipTiers.active, true)));
  return tier ?? null;
}

export async function setTierStripePrice(tierId: string, priceId: string): Promise<void> {
  await getDb().update(membershipTiers).set({ stripePriceId: priceId }).where(eq(membershipTiers.id, tierId));
}

export async function setStripeCustomer(userId: string, customerId: string): Promise<void> {
  await getDb().update(users).set({ stripeCustomerId: customerId }).where(eq(users.id, userId));
}

export async function findPaymentUser(tx: Tx, opts: { userId?: string | null; customerId?: string | null }): Promise<User | null> {
  const conditions = [];
  if (opts.userId && /^[0-9a-f-]{36}$/.test(opts.userId)) conditions.push(eq(users.id, opts.userId));
  if (opts.customerId) conditions.push(eq(users.stripeCustomerId, opts.customerId));
  if (!conditions.length) return null;
  const [user] = await tx
    .select()
    .from(users)
    .where(and(or(...conditions), isNull(users.deletedAt)));
  return user ?? null;
}

export type StripeMembershipState = {
  userId: string;
  tierId: string;
  status: MembershipStatus;
  stripeSubscriptionId: string;
  stripeCheckoutSessionId?: string | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  cancelledAt: Date | null;
  stripeStatus: string;
};

/**
 * Makes the stored membership match Stripe's subscription. One row per subscription;
 * any other live membership of the member (an unpaid bank-transfer request, say) ends,
 * so a member never has two.
 */
export async function upsertStripeMembership(
  tx: Tx,
  state: StripeMembershipState,
): Promise<{ membership: Membership; inserted: boolean; previousStatus: MembershipStatus | null }> {
  const [existing] = await tx
    .select()
    .from(memberships)
    .where(eq(memberships.stripeSubscriptionId, state.stripeSubscriptionId))
    .for('update');
  if (!existing && ['active', 'past_due', 'pending'].includes(state.status)) {
    await tx
      .update(memberships)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where(and(eq(memberships.userId, state.userId), inArray(memberships.status, LIVE_MEMBERSHIP_STATUSES)));
  }
  const values = {
    userId: state.userId,
    tierId: state.tierId,
    status: state.status,
    source: 'stripe' as const,
    stripeSubscriptionId: state.stripeSubscriptionId,
    currentPeriodStart: state.currentPeriodStart,
    currentPeriodEnd: state.currentPeriodEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    cancelledAt: state.cancelledAt,
    stripeStatus: state.stripeStatus,
  };
  if (existing) {
    const membership = oneRow(
      await tx
        .update(memberships)
        .set({ ...values, stripeCheckoutSessionId: existing.stripeCheckoutSessionId ?? state.stripeCheckoutSessionId ?? null })
        .where(eq(memberships.id, existing.id))
        .returning(),
      'the updated membership',
    );
    return { membership, inserted: false, previousStatus: existing.status };
  }
  const membership = oneRow(
    await tx
      .insert(memberships)
      .values({ ...values, stripeCheckoutSessionId: state.stripeCheckoutSessionId ?? null })
      .returning(),
    'the inserted membership',
  );
  return { membership, inserted: true, previousStatus: null };
}

export async function findMembershipBySubscription(tx: Tx, subscriptionId: string): Promise<Membership | null> {
  const [row] = await tx.select().from(memberships).where(eq(memberships.stripeSubscriptionId, subscriptionId));
  return row ?? null;
}

/** The member's Gift Aid declaration in force (the newest not cancelled), if any. */
export async function findCurrentDeclaration(tx: Tx, userId: string): Promise<GiftAidDeclaration | null> {
  const [row] = await tx
    .select()
    .from(giftAidDeclarations)
    .where(and(eq(giftAidDeclarations.userId, userId), isNull(giftAidDeclarations.cancelledAt)))
    .orderBy(desc(giftAidDeclarations.declaredAt))
    .limit(1);
  return row ?? null;
}

export type StripePaymentRecord = {
  kind: 'membership' | 'donation';
  userId: string | null;
  email: string | null;
  membershipId?: string | null;
  donationId?: string | null;
  amountPence: number;
  /** How Stripe was paid: 'card' or 'bacs_debit'. */
  method: (typeof stripePaymentMethods)[number];
  status: 'pending' | 'paid' | 'failed';
  stripeInvoiceId?: string | null;
  stripePaymentIntentId?: string | null;
  stripeCheckoutSessionId?: string | null;
  paidAt: Date | null;
  giftAidEligible: boolean;
  giftAidDeclarationId: string | null;
  failureCode?: string | null;
  nextAttemptAt?: Date | null;
  confirmUrl?: string | null;
};

/** One payment row per Stripe invoice (or payment intent for one-off gifts). */
export async function upsertStripePayment(
  tx: Tx,
  record: StripePaymentRecord,
): Promise<{ payment: Payment; inserted: boolean; becamePaid: boolean }> {
  const key = record.stripeInvoiceId
    ? eq(payments.stripeInvoiceId, record.stripeInvoiceId)
    : eq(payments.stripePaymentIntentId, record.stripePaymentIntentId!);
  const [existing] = await tx.select().from(payments).where(key).for('update');
  const values = record;
  if (existing) {
    // A refunded payment stays refunded; a paid one never goes back to pending or failed.
    const status =
      existing.status === 'refunded' || existing.status === 'partially_refunded' || (existing.status === 'paid' && record.status !== 'paid')
        ? existing.status
        : record.status;
    const settled = status !== 'pending' && status !== 'failed';
    const payment = oneRow(
      await tx
        .update(payments)
        .set({
          ...values,
          status,
          paidAt: existing.paidAt ?? record.paidAt,
          stripePaymentIntentId: record.stripePaymentIntentId ?? existing.stripePaymentIntentId,
          // Gift Aid was judged when it was paid; a later sync of the same invoice keeps that.
          ...(settled && existing.status !== 'pending' && existing.status !== 'failed'
            ? { giftAidEligible: existing.giftAidEligible, giftAidDeclarationId: existing.giftAidDeclarationId }
            : {}),
          failureCode: settled ? null : (record.failureCode ?? null),
          nextAttemptAt: settled ? null : (record.nextAttemptAt ?? null),
          confirmUrl: settled ? null : (record.confirmUrl ?? null),
        })
        .where(eq(payments.id, existing.id))
        .returning(),
      'the updated payment',
    );
    return { payment, inserted: false, becamePaid: existing.status !== 'paid' && payment.status === 'paid' };
  }
  const payment = oneRow(await tx.insert(payments).values(values).returning(), 'the inserted payment');
  return { payment, inserted: true, becamePaid: payment.status === 'paid' };
}

/** Refunds as Stripe reports them on the charge (so a repeated event changes nothing). */
export async function setRefundedAmount(tx: Tx, paymentIntentId: string, refundedPence: number): Promise<Payment | null> {
  const [existing] = await tx.select().from(payments).where(eq(payments.stripePaymentIntentId, paymentIntentId)).for('update');
  if (!existing) return null;
  const refunded = Math.min(refundedPence, existing.amountPence);
  // Nothing refunded (any more: a refund that failed gives the money back to us) is paid again.
  const unrefunded = existing.status === 'refunded' || existing.status === 'partially_refunded' ? 'paid' : existing.status;
  const status = refunded === 0 ? unrefunded : refunded >= existing.amountPence ? 'refunded' : 'partially_refunded';
  const payment = oneRow(
    await tx.update(payments).set({ refundedPence: refunded, status }).where(eq(payments.id, existing.id)).returning(),
    'the updated payment',
  );
  return payment;
}

export async function listPaymentsForUser(userId: string): Promise<Payment[]> {
  return getDb().select().from(payments).where(eq(payments.userId, userId)).orderBy(desc(payments.createdAt));
}

/** Serialises work on one Stripe object across connections and app instances. */
export async function lockStripeObject(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
}

/** One of the user's own payments, or null (someone else's payment is simply not found). */
export async function findPaymentOfUser(
  userId: string,
  paymentId: string,
): Promise<(Payment & { tierNameEn: string | null; tierNameEs: string | null }) | null> {
  const rows = await getDb()
    .select({ payment: payments, tierNameEn: membershipTiers.nameEn, tierNameEs: membershipTiers.nameEs })
    .from(payments)
    .leftJoin(memberships, eq(memberships.id, payments.membershipId))
    .leftJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(and(eq(payments.id, paymentId), eq(payments.userId, userId)));
  return rows[0] ? { ...rows[0].payment, tierNameEn: rows[0].tierNameEn, tierNameEs: rows[0].tierNameEs } : null;
}
