import { describe, expect, it } from 'vitest';
import { defaultDeclarationScope } from '@/lib/gift-aid/scope';
import { giftAidStatus, isRefunded } from '@/lib/gift-aid/status';

// What a payment says about Gift Aid to the donor and to staff.
const covered = { giftAidEligible: true, giftAidClaimId: null, refundedPence: 0, status: 'paid' as const };

describe('Gift Aid shown on a payment', () => {
  it('covered while a declaration covers it; nothing without one', () => {
    expect(giftAidStatus(covered)).toBe('covered');
    expect(giftAidStatus({ ...covered, giftAidEligible: false })).toBe('none');
  });

  it('a refund, in full or in part, stops it being claimable at once', () => {
    expect(giftAidStatus({ ...covered, refundedPence: 500, status: 'partially_refunded' })).toBe('refunded');
    expect(giftAidStatus({ ...covered, refundedPence: 3000, status: 'refunded' })).toBe('refunded');
    // Even while the refund row is settling, the amount alone says so.
    expect(giftAidStatus({ ...covered, refundedPence: 1 })).toBe('refunded');
    expect(isRefunded({ refundedPence: 0, status: 'paid' })).toBe(false);
  });

  it('"claimed" only once the claim has been sent to HMRC', () => {
    expect(giftAidStatus({ ...covered, giftAidClaimId: 'c1' })).toBe('onClaim');
    expect(giftAidStatus({ ...covered, giftAidClaimId: 'c1' }, new Date('2026-05-01'))).toBe('claimed');
    // Refunded after it went on a claim: HMRC must be paid back, so staff are told.
    expect(
      giftAidStatus({ ...covered, giftAidClaimId: 'c1', refundedPence: 100, status: 'partially_refunded' }, new Date('2026-05-01')),
    ).toBe('refundedAfterClaim');
  });

  it('a dispute: not claimable while open or lost; lost after a claim, HMRC must be paid back', () => {
    expect(giftAidStatus({ ...covered, dispute: 'open' })).toBe('disputed');
    expect(giftAidStatus({ ...covered, dispute: 'lost' })).toBe('disputeLost');
    expect(giftAidStatus({ ...covered, dispute: 'won' })).toBe('covered');
    expect(giftAidStatus({ ...covered, giftAidClaimId: 'c1', dispute: 'lost' }, new Date('2026-05-01'))).toBe('disputeLostAfterClaim');
    expect(giftAidStatus({ ...covered, giftAidClaimId: 'c1', dispute: 'open' }, new Date('2026-05-01'))).toBe('claimed');
  });
});

describe('the scope a donation form starts with', () => {
  it('a monthly gift: this and future payments; a single gift: this payment', () => {
    expect(defaultDeclarationScope('monthly')).toBe('this_and_future');
    expect(defaultDeclarationScope('one_off')).toBe('this_gift');
  });
});
