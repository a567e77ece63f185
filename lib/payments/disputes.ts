import 'server-only';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { upsertDispute } from '@/db/queries/disputes';
import { lockStripeObject } from '@/db/queries/payments';
import { findPaymentByIntent } from '@/db/queries/refunds';
import type { Payment } from '@/db/schema';
import { giftAidDue } from '@/lib/gift-aid/eligibility';
import { disputeOutcome } from './dispute-status';
import type { StripeReads } from './stripe-reads';
import { logFor } from '@/lib/log';

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
const fromUnix = (seconds: number) => new Date(seconds * 1000);

/** What a charge.dispute.* event says beyond the dispute's state: money moving. */
export type DisputeFunds = 'withdrawn' | 'reinstated' | null;

/**
 * Makes our dispute row match Stripe's (re-fetched, as every handler does) and tells staff
 * in the payment's audit trail: opened, each change of status, and money taken or given
 * back. A dispute lost on a payment already claimed for Gift Aid is flagged there too: the
 * claim included money the charity no longer has. Returns false for a payment we do not
 * know (yet: see syncDisputesOfPayment).
 */
export async function syncDispute(tx: Tx, stripe: StripeReads, disputeId: string, funds: DisputeFunds = null): Promise<boolean> {
  const dispute = await stripe.dispute(disputeId);
  const intentId = idOf(dispute.payment_intent) ?? (await intentOfCharge(stripe, dispute.charge));
  if (!intentId) return false;
  // The same lock as the payment's own sync: a dispute arriving while its payment is being
  // recorded waits for it, instead of finding nothing.
  await lockStripeObject(tx, intentId);
  const payment = await findPaymentByIntent(tx, intentId);
  if (!payment) {
    logFor('stripe').warn({ disputeId: dispute.id, paymentIntentId: intentId }, 'a dispute for no payment we know (yet): nothing recorded');
    return false;
  }
  await applyDispute(tx, payment, dispute, funds);
  return true;
}

/**
 * A card can be disputed before we have recorded its payment (Stripe sends the events
 * independently, and 4000 0000 0000 0259 is disputed at once): when a payment is first
 * paid, the disputes Stripe already has on it are recorded too. Call it holding the payment
 * intent's lock (lockStripeObject), as syncDispute does.
 */
export async function syncDisputesOfPayment(tx: Tx, stripe: StripeReads, payment: Payment): Promise<void> {
  if (!payment.stripePaymentIntentId) return;
  for (const dispute of await stripe.disputesOf(payment.stripePaymentIntentId)) await applyDispute(tx, payment, dispute, null);
}

async function applyDispute(tx: Tx, payment: Payment, dispute: Stripe.Dispute, funds: DisputeFunds) {
  const outcome = disputeOutcome(dispute.status);
  const { dispute: row, previousStatus } = await upsertDispute(tx, {
    paymentId: payment.id,
    stripeDisputeId: dispute.id,
    status: dispute.status,
    reason: dispute.reason,
    amountPence: dispute.amount,
    evidenceDueBy: outcome === 'open' && dispute.evidence_details?.due_by ? fromUnix(dispute.evidence_details.due_by) : null,
    openedAt: fromUnix(dispute.created),
    closedAt: outcome === 'open' ? null : new Date(),
  });
  const audit = (action: string, data: Record<string, unknown> = {}) =>
    recordAudit(
      {
        actorUserId: null,
        action: `payment.${action}`,
        entityType: 'payment',
        entityId: payment.id,
        data: { stripeDisputeId: dispute.id, ...data },
      },
      tx,
    );

  if (previousStatus === null)
    await audit('dispute_opened', { amountPence: dispute.amount, reason: dispute.reason, status: dispute.status });
  if (previousStatus !== dispute.status && outcome !== 'open')
    await audit(`dispute_${outcome}`, { status: dispute.status, amountPence: dispute.amount });
  else if (previousStatus !== null && previousStatus !== dispute.status)
    await audit('dispute_updated', { status: dispute.status, amountPence: dispute.amount });
  if (funds) await audit(`dispute_funds_${funds}`, { amountPence: dispute.amount });
  if (outcome === 'lost' && disputeOutcome(previousStatus ?? 'needs_response') !== 'lost' && payment.giftAidClaimId) {
    await audit('dispute_lost_after_gift_aid_claim', {
      claimId: payment.giftAidClaimId,
      amountPence: row.amountPence,
      giftAidPence: giftAidDue(Math.min(row.amountPence, payment.amountPence)),
    });
  }
}

async function intentOfCharge(stripe: StripeReads, charge: string | Stripe.Charge): Promise<string | null> {
  const full = typeof charge === 'string' ? await stripe.charge(charge) : charge;
  return idOf(full.payment_intent);
}
