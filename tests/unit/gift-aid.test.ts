import { describe, expect, it } from 'vitest';
import { isGiftAidEligible } from '@/lib/payments/gift-aid';

const declaredAt = new Date('2026-03-01T10:00:00Z');
const base = {
  declaration: { declaredAt, scope: 'this_and_future' as const, cancelledAt: null },
  declarationMadeWithThisPayment: false,
  paidAt: new Date('2026-05-01T10:00:00Z'),
  kind: 'donation' as const,
  membershipBenefitsNewsletterOnly: true,
};

describe('Gift Aid eligibility', () => {
  it('needs a declaration that covers the payment', () => {
    expect(isGiftAidEligible(base)).toBe(true);
    expect(isGiftAidEligible({ ...base, declaration: null })).toBe(false);
    expect(isGiftAidEligible({ ...base, paidAt: new Date('2025-06-01') })).toBe(false);
  });

  it('"past four years" reaches back four years, not five', () => {
    const past = { ...base, declaration: { ...base.declaration, scope: 'past_four_years_and_future' as const } };
    expect(isGiftAidEligible({ ...past, paidAt: new Date('2022-06-01') })).toBe(true);
    expect(isGiftAidEligible({ ...past, paidAt: new Date('2021-06-01') })).toBe(false);
  });

  it('"this gift" covers only the gift it was made with', () => {
    const once = { ...base, declaration: { ...base.declaration, scope: 'this_gift' as const } };
    expect(isGiftAidEligible({ ...once, declarationMadeWithThisPayment: true })).toBe(true);
    expect(isGiftAidEligible(once)).toBe(false);
  });

  it('stops at cancellation', () => {
    const cancelled = { ...base, declaration: { ...base.declaration, cancelledAt: new Date('2026-04-01') } };
    expect(isGiftAidEligible(cancelled)).toBe(false);
    expect(isGiftAidEligible({ ...cancelled, paidAt: new Date('2026-03-15') })).toBe(true);
  });

  it('a membership fee counts only when membership gives no more than the newsletter', () => {
    expect(isGiftAidEligible({ ...base, kind: 'membership' })).toBe(true);
    expect(isGiftAidEligible({ ...base, kind: 'membership', membershipBenefitsNewsletterOnly: false })).toBe(false);
  });

  it('never on someone else\u2019s behalf', () => {
    expect(isGiftAidEligible({ ...base, onBehalfOfOthers: true })).toBe(false);
  });
});
