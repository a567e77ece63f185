import 'server-only';
import type { OfflinePaymentMethod } from './methods';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findLiveMembership, findTierBySlugIn, insertMembership, updateMembership } from '@/db/queries/memberships';
import { insertPayment, lockUserByEmail } from '@/db/queries/offline-payments';
import { findCurrentDeclaration } from '@/db/queries/payments';
import type { Membership, MembershipTier, Payment, User } from '@/db/schema';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { stripeControls } from '@/lib/membership/lifecycle';
import { isGiftAidEligible } from './gift-aid';
import { queueReceipt } from './receipts';
import { queueMembershipMails } from './sync';

export type OfflinePaymentInput = {
  email: string;
  tierSlug: string | null;
  amountPence: number;
  paidOn: Date;
  method: OfflinePaymentMethod;
  reference: string | null;
  recordedByUserId: string;
};

export type OfflinePaymentResult =
  | { ok: true; payment: Payment; membership: Membership; user: User; tier: MembershipTier; activated: boolean }
  | { ok: false; error: 'unknownMember' | 'unknownTier' | 'paysByCard' };

const addYear = (date: Date) => {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
};

/**
 * Staff record a bank transfer, cheque, standing order or cash payment. It activates a
 * pending (or new) membership from the payment date, or extends a live one by a year; the
 * receipt (and the welcome mail, when it starts a membership) is queued in the same
 * transaction as the payment and its audit entry, which names who recorded it.
 */
export async function recordOfflineMembershipPayment(input: OfflinePaymentInput): Promise<OfflinePaymentResult> {
  const result = await getDb().transaction(async (tx): Promise<OfflinePaymentResult> => {
    const user = await lockUserByEmail(tx, input.email);
    if (!user) return { ok: false, error: 'unknownMember' };
    const live = await findLiveMembership(tx, user.id);
    if (live && stripeControls(live)) return { ok: false, error: 'paysByCard' };
    const tier = input.tierSlug ? await findTierBySlugIn(tx, input.tierSlug) : (live?.tier ?? null);
    if (!tier) return { ok: false, error: 'unknownTier' };

    let membership: Membership;
    let activated = false;
    if (live && live.status !== 'pending' && live.currentPeriodEnd) {
      const from = live.currentPeriodEnd > input.paidOn ? live.currentPeriodEnd : input.paidOn;
      membership = await updateMembership(tx, live.id, {
        status: 'active',
        tierId: tier.id,
        currentPeriodEnd: addYear(from),
        cancelAtPeriodEnd: false,
      });
    } else {
      activated = true;
      const values = {
        status: 'active' as const,
        tierId: tier.id,
        source: 'offline' as const,
        currentPeriodStart: input.paidOn,
        currentPeriodEnd: addYear(input.paidOn),
      };
      membership = live ? await updateMembership(tx, live.id, values) : await insertMembership(tx, { ...values, userId: user.id });
    }

    const declaration = await findCurrentDeclaration(tx, user.id);
    const eligible = isGiftAidEligible({
      declaration,
      declarationMadeWithThisPayment: false,
      paidAt: input.paidOn,
      kind: 'membership',
      membershipBenefitsNewsletterOnly: tier.benefitsNewsletterOnly,
    });
    const payment = await insertPayment(tx, {
      kind: 'membership',
      userId: user.id,
      email: user.email,
      membershipId: membership.id,
      amountPence: input.amountPence,
      status: 'paid',
      method: input.method,
      offlineReference: input.reference,
      recordedByUserId: input.recordedByUserId,
      paidAt: input.paidOn,
      giftAidEligible: eligible,
      giftAidDeclarationId: eligible ? (declaration?.id ?? null) : null,
    });
    await recordAudit(
      {
        actorUserId: input.recordedByUserId,
        action: 'payment.offline_recorded',
        entityType: 'payment',
        entityId: payment.id,
        data: { memberId: user.id, membershipId: membership.id, amountPence: input.amountPence, method: input.method, activated },
      },
      tx,
    );
    if (user.email) {
      await queueReceipt(tx, {
        to: user.email,
        locale: user.preferredLocale,
        paymentId: payment.id,
        amountPence: payment.amountPence,
        paidAt: payment.paidAt ?? new Date(),
        tier,
        giftAid: payment.giftAidEligible,
      });
      if (activated) await queueMembershipMails(tx, { membership, user, tier }, 'pending');
    }
    return { ok: true, payment, membership, user, tier, activated };
  });
  if (result.ok) deliverQueuedMailsSoon();
  return result;
}
