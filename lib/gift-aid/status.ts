import type { Payment } from '@/db/schema';

// What one payment shows about Gift Aid, to the donor (receipt) and to staff (payment page,
// member record, payments.csv). One rule, so that a refund changes what every page says at
// once, and no page says "claimed" before a claim has gone to HMRC.

type GiftAidFacts = Pick<Payment, 'giftAidEligible' | 'giftAidClaimId' | 'refundedPence' | 'status'>;

/** Money went back to the payer, in full or in part: HMRC repays tax only on a gift that was kept. */
export function isRefunded(payment: Pick<Payment, 'refundedPence' | 'status'>): boolean {
  return payment.refundedPence > 0 || payment.status === 'refunded' || payment.status === 'partially_refunded';
}

export const GIFT_AID_STATUSES = ['none', 'covered', 'onClaim', 'claimed', 'refunded', 'refundedAfterClaim'] as const;
export type GiftAidStatus = (typeof GIFT_AID_STATUSES)[number];

/**
 * - none: no declaration covered it when it was paid;
 * - covered: a declaration covers it; it can go on a claim;
 * - onClaim: on a claim that has not been sent to HMRC yet;
 * - claimed: on a claim staff marked as submitted to HMRC (`claimSubmittedAt`);
 * - refunded: it was covered, but money went back, so it cannot be claimed;
 * - refundedAfterClaim: refunded after going on a claim: the Gift Aid on it must be given
 *   back to HMRC (an adjustment on the next claim).
 */
export function giftAidStatus(payment: GiftAidFacts, claimSubmittedAt: Date | null = null): GiftAidStatus {
  const refunded = isRefunded(payment);
  if (payment.giftAidClaimId) return refunded ? 'refundedAfterClaim' : claimSubmittedAt ? 'claimed' : 'onClaim';
  if (!payment.giftAidEligible) return 'none';
  return refunded ? 'refunded' : 'covered';
}
