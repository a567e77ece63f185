import type { GiftAidDeclaration } from '@/db/schema';

const FOUR_YEARS_MS = 4 * 365.25 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether Gift Aid can be claimed on a payment (HMRC rules, simplified to what the site
 * records): a declaration must cover it and not have been cancelled before it was paid,
 * the donor must not be paying on someone else's behalf, and a membership fee counts
 * only when membership gives no more than the newsletter.
 */
export function isGiftAidEligible(input: {
  declaration: Pick<GiftAidDeclaration, 'declaredAt' | 'scope' | 'cancelledAt'> | null;
  /** The declaration was made with this very gift (scope "this gift"). */
  declarationMadeWithThisPayment: boolean;
  paidAt: Date;
  kind: 'membership' | 'donation';
  membershipBenefitsNewsletterOnly: boolean;
  onBehalfOfOthers?: boolean;
}): boolean {
  const { declaration, paidAt } = input;
  if (!declaration || input.onBehalfOfOthers) return false;
  if (input.kind === 'membership' && !input.membershipBenefitsNewsletterOnly) return false;
  if (declaration.cancelledAt && declaration.cancelledAt <= paidAt) return false;
  const declared = declaration.declaredAt.getTime();
  switch (declaration.scope) {
    case 'this_gift':
      return input.declarationMadeWithThisPayment;
    case 'this_and_future':
      return input.declarationMadeWithThisPayment || paidAt.getTime() >= declared - DAY_MS;
    case 'past_four_years_and_future':
      return paidAt.getTime() >= declared - FOUR_YEARS_MS;
  }
}
