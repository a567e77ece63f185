import 'server-only';
import { recordOfflinePayment, type OfflinePaymentInput } from '@/db/queries/offline-payments';
import { deliverQueuedMails } from '@/lib/mail/outbox';
import { isGiftAidEligible } from './gift-aid';
import { queueMembershipMails, queueReceipt } from './sync';

/** Records an offline payment, with its receipt (and welcome mail when it starts a membership). */
export async function recordOfflineMembershipPayment(input: OfflinePaymentInput) {
  const result = await recordOfflinePayment(
    input,
    ({ declaration, paidAt, tier }) =>
      isGiftAidEligible({ declaration, declarationMadeWithThisPayment: false, paidAt, kind: 'membership', membershipBenefitsNewsletterOnly: tier.benefitsNewsletterOnly }),
    async (tx, r) => {
      if (!r.user.email) return;
      await queueReceipt(tx, r.user, r.payment.id, r.payment.amountPence, r.payment.paidAt ?? new Date(), r.tier, r.payment.giftAidEligible);
      if (r.activated) await queueMembershipMails(tx, { membership: r.membership, user: r.user, tier: r.tier }, 'pending');
    },
  );
  if (result.ok) void deliverQueuedMails().catch((error) => console.error('[mail] outbox', error));
  return result;
}
