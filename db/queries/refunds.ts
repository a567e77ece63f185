import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { getDb } from '../client';
import {
  LIVE_MEMBERSHIP_STATUSES,
  memberships,
  payments,
  refunds,
  users,
  type Membership,
  type Payment,
  type Refund,
  type User,
} from '../schema';
import { oneRow } from './rows';

/** Refund rows in a state that still counts against what is left to refund. */
export type RefundableState = { payment: Payment; pendingPence: number };

/** Locks the payment (so two staff cannot over-refund it together) and sums refunds still in flight. */
export async function lockPaymentForRefund(tx: Tx, paymentId: string): Promise<RefundableState | null> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  if (!payment) return null;
  const { pending } = oneRow(
    await tx
      .select({ pending: sql<number>`coalesce(sum(${refunds.amountPence}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, 'pending'))),
    'the pending refund sum',
  );
  return { payment, pendingPence: pending };
}

export async function insertRefund(
  tx: Tx,
  values: {
    paymentId: string;
    amountPence: number;
    status: Refund['status'];
    reason: string | null;
    requestedByUserId: string | null;
    stripeRefundId?: string | null;
  },
): Promise<Refund> {
  const row = oneRow(await tx.insert(refunds).values(values).returning(), 'the inserted refund');
  return row;
}

/** A refund Stripe refused: only a row still pending changes (a webhook may have settled it). */
export async function markRefundFailed(tx: Tx, refundId: string): Promise<Refund | null> {
  const [row] = await tx
    .update(refunds)
    .set({ status: 'failed' })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')))
    .returning();
  return row ?? null;
}

/**
 * Our row for a Stripe refund, locked: by its Stripe id; else by the row id we sent as
 * metadata (the webhook can beat our own API call back); else the oldest pending row of
 * the same payment and amount that has no Stripe id yet.
 */
export async function findRefundForStripe(
  tx: Tx,
  opts: { stripeRefundId: string; refundRowId: string | null; paymentId: string; amountPence: number },
): Promise<Refund | null> {
  const [byStripeId] = await tx.select().from(refunds).where(eq(refunds.stripeRefundId, opts.stripeRefundId)).for('update');
  if (byStripeId) return byStripeId;
  if (opts.refundRowId && /^[0-9a-f-]{36}$/.test(opts.refundRowId)) {
    const [byRowId] = await tx
      .select()
      .from(refunds)
      .where(and(eq(refunds.id, opts.refundRowId), eq(refunds.paymentId, opts.paymentId), isNull(refunds.stripeRefundId)))
      .for('update');
    if (byRowId) return byRowId;
  }
  const [byAmount] = await tx
    .select()
    .from(refunds)
    .where(
      and(
        eq(refunds.paymentId, opts.paymentId),
        eq(refunds.amountPence, opts.amountPence),
        eq(refunds.status, 'pending'),
        isNull(refunds.stripeRefundId),
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(1)
    .for('update');
  return byAmount ?? null;
}

export async function updateRefund(tx: Tx, id: string, values: { stripeRefundId: string; status: Refund['status'] }): Promise<Refund> {
  const row = oneRow(
    await tx
      .update(refunds)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(refunds.id, id))
      .returning(),
    'the updated refund',
  );
  return row;
}

export async function findPaymentByIntent(tx: Tx, paymentIntentId: string): Promise<Payment | null> {
  const [row] = await tx.select().from(payments).where(eq(payments.stripePaymentIntentId, paymentIntentId));
  return row ?? null;
}

/** Money given back outside Stripe: added to what the payment has had refunded. */
export async function addOfflineRefund(tx: Tx, payment: Payment, amountPence: number): Promise<Payment> {
  const refunded = payment.refundedPence + amountPence;
  const status = refunded >= payment.amountPence ? 'refunded' : 'partially_refunded';
  const row = oneRow(
    await tx
      .update(payments)
      .set({ refundedPence: refunded, status, updatedAt: new Date() })
      .where(eq(payments.id, payment.id))
      .returning(),
    'the updated payment',
  );
  return row;
}

/** Who gets the refund mail, and in which language. */
export async function findPayer(tx: Tx, payment: Payment): Promise<Pick<User, 'email' | 'preferredLocale' | 'name'> | null> {
  if (payment.userId) {
    const [user] = await tx
      .select({ email: users.email, preferredLocale: users.preferredLocale, name: users.name })
      .from(users)
      .where(eq(users.id, payment.userId));
    if (user?.email) return user;
  }
  return payment.email ? { email: payment.email, preferredLocale: 'en', name: null } : null;
}

export async function findMembership(tx: Tx, membershipId: string): Promise<Membership | null> {
  const [row] = await tx.select().from(memberships).where(eq(memberships.id, membershipId)).for('update');
  return row ?? null;
}

/** Ends a membership now (a refunded fee): cancelled, access until this moment. */
export async function endMembershipNow(tx: Tx, membershipId: string): Promise<Membership | null> {
  const now = new Date();
  const [row] = await tx
    .update(memberships)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      cancelAtPeriodEnd: false,
      currentPeriodEnd: sql`least(${memberships.currentPeriodEnd}, ${now.toISOString()}::timestamptz)`,
    })
    .where(and(eq(memberships.id, membershipId), inArray(memberships.status, LIVE_MEMBERSHIP_STATUSES)))
    .returning();
  return row ?? null;
}

export async function listRefundsOfPayment(paymentId: string): Promise<Refund[]> {
  return getDb().select().from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(asc(refunds.createdAt));
}

/**
 * Card refunds written as pending whose Stripe call never came back (the process died in
 * between): older than `minutes`, still without a Stripe id. Each comes with its payment.
 */
export async function listStuckCardRefunds(minutes: number): Promise<{ refund: Refund; payment: Payment }[]> {
  return getDb()
    .select({ refund: refunds, payment: payments })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        eq(refunds.status, 'pending'),
        isNull(refunds.stripeRefundId),
        sql`${refunds.createdAt} < now() - make_interval(mins => ${minutes})`,
      ),
    )
    .limit(100);
}
