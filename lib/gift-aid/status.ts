import type { Payment } from '@/db/schema';
import type { DisputeOutcome } from '@/lib/payments/dispute-status';

// What one payment shows about Gift Aid, to the donor (receipt) and to staff (payment page,
// member record, payments.csv). One rule, so that a refund changes what every page says at
// once, and no page says "claimed" before a claim has gone to HMRC.

type GiftAidFacts = Pick<Payment, 'giftAidEligible' | 'giftAidClaimId' | 'refundedPence' | 'status'> & {
  /** The worst of its disputes, where the caller has them (lib/payments/dispute-status.ts). */
  dispute?: DisputeOutcome | null;
};

/** Money went back to the payer, in full or in part: HMRC repays tax only on a gift that was kept. */
export function isRefunded(payment: Pick<Payment, 'refundedPence' | 'status'>): boolean {
  return payment.refundedPence > 0 || payment.status === 'refunded' || payment.status === 'partially_refunded';
}

export const GIFT_AID_STATUSES = [
  'none',
  'covered',
  'onClaim',
  'claimed',
  'refunded',
  'refundedAfterClaim',
  'disputed',
  'disputeLost',
  'disputeLostAfterClaim',
] as const;
export type GiftAidStatus = (typeof GIFT_AID_STATUSES)[number];

/**
 * - none: no declaration covered it when it was paid;
 * - covered: a declaration covers it; it can go on a claim;
 * - onClaim: on a claim that has not been sent to HMRC yet;
 * - claimed: on a claim staff marked as submitted to HMRC (`claimSubmittedAt`);
 * - refunded: it was covered, but money went back, so it cannot be claimed;
 * - refundedAfterClaim: refunded after going on a claim: the Gift Aid on it must be given
 *   back to HMRC (an adjustment on the next claim);
 * - disputed: covered, but the payer's bank disputes it: not claimable until it is won;
 * - disputeLost: covered, but the bank took the money back: never claimable;
 * - disputeLostAfterClaim: lost in a dispute after going on a claim: as refundedAfterClaim.
 */
export function giftAidStatus(payment: GiftAidFacts, claimSubmittedAt: Date | null = null): GiftAidStatus {
  const refunded = isRefunded(payment);
  const lost = payment.dispute === 'lost';
  if (payment.giftAidClaimId)
    return refunded ? 'refundedAfterClaim' : lost ? 'disputeLostAfterClaim' : claimSubmittedAt ? 'claimed' : 'onClaim';
  if (!payment.giftAidEligible) return 'none';
  if (refunded) return 'refunded';
  return lost ? 'disputeLost' : payment.dispute === 'open' ? 'disputed' : 'covered';
}
