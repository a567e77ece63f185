import 'server-only';
import { getDb } from '@/db/client';
import { lockPayment, membershipIsNewsletterOnly, updateOfflinePayment } from '@/db/queries/admin-payments';
import { recordAudit } from '@/db/queries/audit';
import { findCurrentDeclaration } from '@/db/queries/payments';
import { stripePaymentMethods, type Payment } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';
import { isGiftAidEligible } from './gift-aid';
import type { OfflinePaymentMethod } from './methods';

export type OfflineCorrection = {
  amountPence: number;
  paidAt: Date;
  method: OfflinePaymentMethod;
  reference: string | null;
};

export type CorrectionError = 'notFound' | 'notOffline' | 'belowRefunded' | 'claimed' | 'unchanged';

/**
 * Staff correct a payment recorded by hand (a typo in the amount, the wrong date). Card
 * payments are Stripe's record and cannot be edited; a payment already claimed for Gift
 * Aid keeps its amount and date; a new date re-checks Gift Aid eligibility against the
 * payer's declaration (the one rule, lib/payments/gift-aid.ts). Audited with before and
 * after, in one transaction.
 */
export async function correctOfflinePayment(
  staffUserId: string,
  paymentId: string,
  correction: OfflineCorrection,
): Promise<Result<Payment, CorrectionError>> {
  return getDb().transaction(async (tx) => {
    const before = await lockPayment(tx, paymentId);
    if (!before) return refused('notFound');
    if ((stripePaymentMethods as readonly string[]).includes(before.method)) return refused('notOffline');
    if (correction.amountPence < before.refundedPence) return refused('belowRefunded');
    const moneyOrDateChanged = correction.amountPence !== before.amountPence || correction.paidAt.getTime() !== before.paidAt?.getTime();
    if (before.giftAidClaimId && moneyOrDateChanged) return refused('claimed');
    const status =
      before.refundedPence === 0 ? before.status : before.refundedPence >= correction.amountPence ? 'refunded' : 'partially_refunded';
    let giftAid = { giftAidEligible: before.giftAidEligible, giftAidDeclarationId: before.giftAidDeclarationId };
    if (before.userId && correction.paidAt.getTime() !== before.paidAt?.getTime()) {
      const declaration = await findCurrentDeclaration(tx, before.userId);
      const newsletterOnly = before.membershipId ? await membershipIsNewsletterOnly(tx, before.membershipId) : false;
      const eligible = isGiftAidEligible({
        declaration,
        declarationMadeWithThisPayment: false,
        paidAt: correction.paidAt,
        kind: before.kind,
        membershipBenefitsNewsletterOnly: newsletterOnly,
      });
      giftAid = { giftAidEligible: eligible, giftAidDeclarationId: eligible ? (declaration?.id ?? null) : null };
    }
    const pick = (p: Payment) => ({
      amountPence: p.amountPence,
      paidAt: p.paidAt?.toISOString() ?? null,
      method: p.method,
      reference: p.offlineReference,
      status: p.status,
      giftAidEligible: p.giftAidEligible,
    });
    const after = {
      amountPence: correction.amountPence,
      paidAt: correction.paidAt.toISOString(),
      method: correction.method,
      reference: correction.reference,
      status,
      giftAidEligible: giftAid.giftAidEligible,
    };
    if (JSON.stringify(pick(before)) === JSON.stringify(after)) return refused('unchanged');
    const payment = await updateOfflinePayment(tx, paymentId, {
      amountPence: correction.amountPence,
      paidAt: correction.paidAt,
      method: correction.method,
      offlineReference: correction.reference,
      status,
      ...giftAid,
    });
    await recordAudit(
      {
        actorUserId: staffUserId,
        action: 'payment.offline_corrected',
        entityType: 'payment',
        entityId: paymentId,
        data: { before: pick(before), after },
      },
      tx,
    );
    return ok(payment);
  });
}
