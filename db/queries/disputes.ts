import 'server-only';
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { getDb } from '../client';
import { disputes, giftAidClaims, payments, users, type Dispute } from '../schema';
import { oneRow } from './rows';

export type DisputeState = {
  paymentId: string;
  stripeDisputeId: string;
  status: string;
  reason: string;
  amountPence: number;
  evidenceDueBy: Date | null;
  openedAt: Date;
  closedAt: Date | null;
};

/** Makes our row match Stripe's dispute; returns it and its status before (null when new). */
export async function upsertDispute(tx: Tx, state: DisputeState): Promise<{ dispute: Dispute; previousStatus: string | null }> {
  const [existing] = await tx.select().from(disputes).where(eq(disputes.stripeDisputeId, state.stripeDisputeId)).for('update');
  if (existing) {
    const dispute = oneRow(
      await tx
        .update(disputes)
        .set({
          status: state.status,
          reason: state.reason,
          amountPence: state.amountPence,
          evidenceDueBy: state.evidenceDueBy,
          closedAt: existing.closedAt ?? state.closedAt,
        })
        .where(eq(disputes.id, existing.id))
        .returning(),
      'the updated dispute',
    );
    return { dispute, previousStatus: existing.status };
  }
  const dispute = oneRow(await tx.insert(disputes).values(state).returning(), 'the inserted dispute');
  return { dispute, previousStatus: null };
}

export async function listDisputesOfPayment(paymentId: string): Promise<Dispute[]> {
  return getDb().select().from(disputes).where(eq(disputes.paymentId, paymentId)).orderBy(asc(disputes.openedAt), asc(disputes.id));
}

export type ClaimedDisputeRow = {
  paymentId: string;
  amountPence: number;
  paidAt: Date | null;
  payer: string | null;
  claimId: string;
  claimPeriodFrom: string;
  claimPeriodTo: string;
  disputeAmountPence: number;
  closedAt: Date | null;
};

/**
 * Payments already claimed from HMRC whose dispute was then lost: the Gift Aid on them was
 * claimed on money the charity no longer has, so the next claim must be reduced by it.
 */
export async function listClaimedPaymentsWithLostDisputes(limit = 200): Promise<ClaimedDisputeRow[]> {
  return getDb()
    .select({
      paymentId: payments.id,
      amountPence: payments.amountPence,
      paidAt: payments.paidAt,
      payer: sql<string | null>`coalesce(${users.name}, ${users.email}, ${payments.email})`,
      claimId: giftAidClaims.id,
      claimPeriodFrom: giftAidClaims.periodFrom,
      claimPeriodTo: giftAidClaims.periodTo,
      disputeAmountPence: disputes.amountPence,
      closedAt: disputes.closedAt,
    })
    .from(disputes)
    .innerJoin(payments, eq(payments.id, disputes.paymentId))
    .innerJoin(giftAidClaims, eq(giftAidClaims.id, payments.giftAidClaimId))
    .leftJoin(users, eq(users.id, payments.userId))
    .where(and(eq(disputes.status, 'lost'), isNotNull(payments.giftAidClaimId)))
    .orderBy(desc(disputes.closedAt), desc(disputes.id))
    .limit(limit);
}
