import type { GiftAidDeclaration } from '@/db/schema';
import type { DisputeOutcome } from '@/lib/payments/dispute-status';
import { isGiftAidEligible } from '@/lib/payments/gift-aid';
import { giftAidPostcode } from '@/lib/payments/validation';
import { scheduleFirstName, scheduleHouse, scheduleLastName } from './hmrc-schedule';
import { isRefunded } from './status';

/** Why a payment in the chosen period cannot go on a claim; the first that applies is shown. */
export const EXCLUSION_REASONS = [
  'alreadyClaimed',
  'refunded',
  'disputeLost',
  'disputeOpen',
  'zeroAmount',
  'membershipBenefits',
  'noDeclaration',
  'declarationCancelled',
  'declarationNotCovering',
  'missingName',
  'missingHouse',
  'missingPostcode',
  'notUkPostcode',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type ClaimDeclaration = Pick<
  GiftAidDeclaration,
  'id' | 'userId' | 'email' | 'title' | 'firstName' | 'lastName' | 'houseNameOrNumber' | 'postcode' | 'declaredAt' | 'scope' | 'cancelledAt'
>;

export type ClaimCandidate = {
  id: string;
  kind: 'membership' | 'donation';
  userId: string | null;
  email: string | null;
  amountPence: number;
  refundedPence: number;
  status: 'pending' | 'paid' | 'failed' | 'refunded' | 'partially_refunded';
  paidAt: Date;
  /** The declaration recorded with the payment when it was paid, if any. */
  giftAidDeclarationId: string | null;
  giftAidClaimId: string | null;
  /** The declaration the donor made with this gift on /donate (scope "this gift" counts only for it). */
  donationDeclarationId: string | null;
  /**
   * Whether this is the first payment of its donation. "This payment only" was said of the
   * first payment: the later months of a monthly gift need a declaration that covers them.
   */
  firstOfDonation: boolean;
  /** For a membership fee: whether its tier gives no more than the newsletter. */
  tierBenefitsNewsletterOnly: boolean | null;
  /** The worst of its chargebacks, if the payer's bank disputed it (lib/payments/dispute-status.ts). */
  dispute?: DisputeOutcome | null;
};

export type Assessment =
  { eligible: true; declaration: ClaimDeclaration } | { eligible: false; reason: ExclusionReason; declaration: ClaimDeclaration | null };

/**
 * Declarations that could speak for this payment, its own first, then the newest. A
 * declaration speaks for a payment only through a verified tie: it was made with this very
 * gift, or it belongs to the payer's account (made signed in, or confirmed on /account) and
 * the payment is theirs too. Never by an email address: anyone can type anyone's.
 */
export function declarationsFor(payment: ClaimCandidate, all: ClaimDeclaration[]): ClaimDeclaration[] {
  const own = new Set([payment.giftAidDeclarationId, payment.donationDeclarationId].filter(Boolean));
  const mine = all.filter((d) => own.has(d.id) || (payment.userId !== null && d.userId !== null && d.userId === payment.userId));
  return mine.sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)) || b.declaredAt.getTime() - a.declaredAt.getTime());
}

/**
 * Whether a paid payment can be claimed now, judged with the declarations we hold today
 * (lib/payments/gift-aid.ts decides cover, as it did when the payment was made), so a
 * later "past four years" declaration counts and a refund made since does not slip
 * through. HMRC also needs a name and an address as its schedule will carry them: a house name
 * or number and a UK postcode, or X with the address in the house box for a donor abroad.
 */
export function assessPayment(payment: ClaimCandidate, declarations: ClaimDeclaration[]): Assessment {
  const candidates = declarationsFor(payment, declarations);
  const covering = candidates.find((declaration) =>
    isGiftAidEligible({
      declaration,
      declarationMadeWithThisPayment: declaration.id === payment.donationDeclarationId && payment.firstOfDonation,
      paidAt: payment.paidAt,
      kind: payment.kind,
      // The tier is judged on its own below, so that it gets its own reason.
      membershipBenefitsNewsletterOnly: true,
    }),
  );
  const excluded = (reason: ExclusionReason): Assessment => ({ eligible: false, reason, declaration: covering ?? candidates[0] ?? null });

  if (payment.giftAidClaimId) return excluded('alreadyClaimed');
  if (isRefunded(payment)) return excluded('refunded');
  // Money a bank took back is no gift; while the bank is still deciding it may yet be.
  if (payment.dispute === 'lost') return excluded('disputeLost');
  if (payment.dispute === 'open') return excluded('disputeOpen');
  if (payment.amountPence <= 0) return excluded('zeroAmount');
  if (payment.kind === 'membership' && payment.tierBenefitsNewsletterOnly !== true) return excluded('membershipBenefits');
  if (!covering) {
    if (!candidates.length) return excluded('noDeclaration');
    const cancelledBefore = candidates.some((d) => d.cancelledAt && d.cancelledAt <= payment.paidAt);
    return excluded(cancelledBefore ? 'declarationCancelled' : 'declarationNotCovering');
  }
  // Judged on what the schedule would say, so that a box HMRC would get empty is caught here.
  if (!scheduleFirstName(covering.firstName) || !scheduleLastName(covering.lastName)) return excluded('missingName');
  if (!scheduleHouse(covering.houseNameOrNumber)) return excluded('missingHouse');
  if (!covering.postcode.trim()) return excluded('missingPostcode');
  if (!giftAidPostcode(covering.postcode)) return excluded('notUkPostcode');
  return { eligible: true, declaration: covering };
}

/** HMRC repays basic-rate tax: 25p for every pound given. */
export function giftAidDue(pence: number): number {
  return Math.floor(pence / 4);
}
