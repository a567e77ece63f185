import { describe, expect, it } from 'vitest';
import { paymentSetFingerprint, parseClaimRange, ukToday } from '@/lib/gift-aid/claim-range';
import { assessPayment, giftAidDue, type ClaimCandidate, type ClaimDeclaration } from '@/lib/gift-aid/eligibility';

const paidAt = new Date('2025-06-10T12:00:00Z');
const declaration: ClaimDeclaration = {
  id: 'd1',
  userId: 'u1',
  email: 'ana@example.org',
  title: 'Ms',
  firstName: 'Ana',
  lastName: 'Quispe',
  houseNameOrNumber: '12',
  postcode: 'SW1A 1AA',
  declaredAt: new Date('2025-01-01T12:00:00Z'),
  scope: 'this_and_future',
  cancelledAt: null,
};
const payment: ClaimCandidate = {
  id: 'p1',
  kind: 'donation',
  userId: 'u1',
  email: 'ana@example.org',
  amountPence: 3000,
  refundedPence: 0,
  status: 'paid',
  paidAt,
  giftAidDeclarationId: null,
  giftAidClaimId: null,
  donationDeclarationId: null,
  firstOfDonation: true,
  tierBenefitsNewsletterOnly: null,
};
const reason = (p: Partial<ClaimCandidate>, d: Partial<ClaimDeclaration>[] = [{}]) => {
  const result = assessPayment(
    { ...payment, ...p },
    d.map((x, i) => ({ ...declaration, id: `d${i + 1}`, ...x })),
  );
  return result.eligible ? 'eligible' : result.reason;
};

describe('which payments a Gift Aid claim may include', () => {
  it('a declaration of each scope, when it covers the payment', () => {
    expect(reason({})).toBe('eligible');
    expect(reason({}, [{ scope: 'past_four_years_and_future', declaredAt: new Date('2028-01-01') }])).toBe('eligible');
    expect(reason({ donationDeclarationId: 'd1' }, [{ scope: 'this_gift', declaredAt: paidAt }])).toBe('eligible');
    expect(reason({}, [{ scope: 'this_gift', declaredAt: paidAt }])).toBe('declarationNotCovering');
    expect(reason({}, [{ declaredAt: new Date('2025-09-01') }])).toBe('declarationNotCovering');
  });

  it('"this payment only" on a monthly gift covers its first payment, not the months after', () => {
    const monthly = { donationDeclarationId: 'd1', giftAidDeclarationId: 'd1' };
    expect(reason({ ...monthly, firstOfDonation: true }, [{ scope: 'this_gift', declaredAt: paidAt }])).toBe('eligible');
    expect(
      reason({ ...monthly, firstOfDonation: false, paidAt: new Date('2025-07-10T12:00:00Z') }, [
        { scope: 'this_gift', declaredAt: paidAt },
      ]),
    ).toBe('declarationNotCovering');
    // "This and future payments" made with the gift covers every month.
    expect(
      reason({ ...monthly, firstOfDonation: false, paidAt: new Date('2025-07-10T12:00:00Z') }, [
        { scope: 'this_and_future', declaredAt: paidAt },
      ]),
    ).toBe('eligible');
  });

  it("a guest's declaration covers its own gift only; a shared email address ties nothing", () => {
    expect(reason({ userId: null, email: 'ANA@example.org', donationDeclarationId: 'd1' }, [{ userId: null }])).toBe('eligible');
    // Same address, another gift or a membership fee: not covered by a guest's declaration.
    expect(reason({ userId: null, email: 'ANA@example.org' }, [{ userId: null }])).toBe('noDeclaration');
    expect(reason({ userId: 'u9', email: 'ana@example.org' }, [{ userId: null }])).toBe('noDeclaration');
    expect(
      reason({ userId: 'u9', email: 'ana@example.org', kind: 'membership', tierBenefitsNewsletterOnly: true }, [{ userId: null }]),
    ).toBe('noDeclaration');
    expect(reason({ userId: 'u2', email: 'other@example.org' })).toBe('noDeclaration');
  });

  it('a cancellation only counts for payments made after it', () => {
    expect(reason({}, [{ cancelledAt: new Date('2025-06-01') }])).toBe('declarationCancelled');
    expect(reason({}, [{ cancelledAt: new Date('2025-07-01') }])).toBe('eligible');
    // A newer declaration covers what an older, cancelled one no longer does.
    expect(reason({}, [{ cancelledAt: new Date('2025-06-01') }, { declaredAt: new Date('2025-06-05') }])).toBe('eligible');
  });

  it('membership fees only from tiers that give no more than the newsletter', () => {
    expect(reason({ kind: 'membership', tierBenefitsNewsletterOnly: true })).toBe('eligible');
    expect(reason({ kind: 'membership', tierBenefitsNewsletterOnly: false })).toBe('membershipBenefits');
  });

  it('refunded, already claimed and empty payments are out, whatever the declaration', () => {
    expect(reason({ refundedPence: 1 })).toBe('refunded');
    expect(reason({ status: 'refunded', refundedPence: 3000 })).toBe('refunded');
    expect(reason({ giftAidClaimId: 'c1', refundedPence: 100 })).toBe('alreadyClaimed');
    expect(reason({ amountPence: 0 })).toBe('zeroAmount');
  });

  it('HMRC needs a name, a house and a UK postcode, or X and the address for a donor abroad', () => {
    expect(reason({}, [{ firstName: '' }])).toBe('missingName');
    expect(reason({}, [{ lastName: ' ' }])).toBe('missingName');
    // Nothing would be left of it on the schedule once the formula trigger is taken off.
    expect(reason({}, [{ firstName: '=' }])).toBe('missingName');
    expect(reason({}, [{ houseNameOrNumber: '' }])).toBe('missingHouse');
    expect(reason({}, [{ postcode: '' }])).toBe('missingPostcode');
    expect(reason({}, [{ postcode: '75001' }])).toBe('notUkPostcode');
    expect(reason({}, [{ postcode: 'LIMA 01' }])).toBe('notUkPostcode');
    expect(reason({}, [{ postcode: 'X', houseNameOrNumber: '12 Rue de Rivoli, 75001 Paris, France' }])).toBe('eligible');
    expect(reason({}, [{ postcode: ' x ' }])).toBe('eligible');
    expect(reason({}, [{ postcode: 'sw1a1aa' }])).toBe('eligible');
  });

  it('Gift Aid due is a quarter of the gift, in whole pence', () => {
    expect(giftAidDue(3000)).toBe(750);
    expect(giftAidDue(1050)).toBe(262);
  });
});

describe('the period form', () => {
  it('takes two real days, in order, not in the future', () => {
    expect(parseClaimRange({ from: '2025-04-06', to: '2026-04-05' })).toEqual({
      ok: true,
      range: { from: '2025-04-06', to: '2026-04-05' },
    });
    expect(parseClaimRange({ from: '2025-02-30', to: '2025-03-01' })).toEqual({ ok: false, errors: { from: 'date' } });
    expect(parseClaimRange({ from: '2025-05-01', to: '2025-04-01' })).toEqual({ ok: false, errors: { from: 'order' } });
    expect(parseClaimRange({ from: '2025-05-01', to: '2999-01-01' })).toEqual({ ok: false, errors: { to: 'future' } });
    expect(parseClaimRange({ from: "'; drop table payments; --", to: '' })).toEqual({ ok: false, errors: { from: 'date', to: 'date' } });
    expect(parseClaimRange({ from: ukToday(), to: ukToday() }).ok).toBe(true);
  });

  it('names a set of payments whatever their order', () => {
    expect(paymentSetFingerprint(['b', 'a'])).toBe(paymentSetFingerprint(['a', 'b']));
    expect(paymentSetFingerprint(['a'])).not.toBe(paymentSetFingerprint(['a', 'b']));
  });
});
