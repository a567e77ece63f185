import type { GiftAidDeclaration } from '@/db/schema';
import { isGiftAidEligible } from '@/lib/payments/gift-aid';
import { UK_POSTCODE } from '@/lib/payments/validation';

/** Why a payment in the chosen period cannot go on a claim; the first that applies is shown. */
export const EXCLUSION_REASONS = [
  'alreadyClaimed',
  'refunded',
  'zeroAmount',
  'membershipBenefits',
  'noDeclaration',
  'declarationCancelled',
  'declarationNotCovering',
  'missingName',
  'missingHouse',
  'missingPostcode',
  'overseas',
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
  /** For a membership fee: whether its tier gives no more than the newsletter. */
  tierBenefitsNewsletterOnly: boolean | null;
};

export type Assessment = { eligible: true; declaration: ClaimDeclaration } | { eligible: false; reason: ExclusionReason; declaration: ClaimDeclaration | null };

const blank = (value: string | null | undefined) => !value || !value.trim();

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
 * through. HMRC also needs a UK address: a house name or number and a UK postcode.
 */
export function assessPayment(payment: ClaimCandidate, declarations: ClaimDeclaration[]): Assessment {
  const candidates = declarationsFor(payment, declarations);
  const covering = candidates.find((declaration) =>
    isGiftAidEligible({
      declaration,
      declarationMadeWithThisPayment: declaration.id === payment.donationDeclarationId,
      paidAt: payment.paidAt,
      kind: payment.kind,
      // The tier is judged on its own below, so that it gets its own reason.
      membershipBenefitsNewsletterOnly: true,
    }),
  );
  const excluded = (reason: ExclusionReason): Assessment => ({ eligible: false, reason, declaration: covering ?? candidates[0] ?? null });

  if (payment.giftAidClaimId) return excluded('alreadyClaimed');
  if (payment.refundedPence > 0 || payment.status === 'refunded' || payment.status === 'partially_refunded') return excluded('refunded');
  if (payment.amountPence <= 0) return excluded('zeroAmount');
  if (payment.kind === 'membership' && payment.tierBenefitsNewsletterOnly !== true) return excluded('membershipBenefits');
  if (!covering) {
    if (!candidates.length) return excluded('noDeclaration');
    const cancelledBefore = candidates.some((d) => d.cancelledAt && d.cancelledAt <= payment.paidAt);
    return excluded(cancelledBefore ? 'declarationCancelled' : 'declarationNotCovering');
  }
  if (blank(covering.firstName) || blank(covering.lastName)) return excluded('missingName');
  if (blank(covering.houseNameOrNumber)) return excluded('missingHouse');
  if (blank(covering.postcode)) return excluded('missingPostcode');
  if (!UK_POSTCODE.test(covering.postcode.replace(/\s+/g, ''))) return excluded('overseas');
  return { eligible: true, declaration: covering };
}

/** HMRC repays basic-rate tax: 25p for every pound given. */
export function giftAidDue(pence: number): number {
  return Math.floor(pence / 4);
}

/** One Charities Online schedule holds at most 1,000 donations. */
export const MAX_CLAIM_PAYMENTS = 1000;
