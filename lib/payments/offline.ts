import 'server-only';
import { recordOfflinePayment, type OfflinePaymentInput } from '@/db/queries/offline-payments';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { isGiftAidEligible } from './gift-aid';
import { queueReceipt } from './receipts';
import { queueMembershipMails } from './sync';

/** Records an offline payment, with its receipt (and welcome mail when it starts a membership). */
export async function recordOfflineMembershipPayment(input: OfflinePaymentInput) {
  const result = await recordOfflinePayment(
    input,
    ({ declaration, paidAt, tier }) =>
      isGiftAidEligible({ declaration, declarationMadeWithThisPayment: false, paidAt, kind: 'membership', membershipBenefitsNewsletterOnly: tier.benefitsNewsletterOnly }),
    async (tx, r) => {
      if (!r.user.email) return;
      await queueReceipt(tx, { to: r.user.email, locale: r.user.preferredLocale, paymentId: r.payment.id, amountPence: r.payment.amountPence, paidAt: r.payment.paidAt ?? new Date(), tier: r.tier, giftAid: r.payment.giftAidEligible });
      if (r.activated) await queueMembershipMails(tx, { membership: r.membership, user: r.user, tier: r.tier }, 'pending');
    },
  );
  if (result.ok) deliverQueuedMailsSoon();
  return result;
}
