import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { memberships, membershipTiers, payments, users, type Membership, type MembershipTier, type Payment, type User } from '../schema';
import { recordAudit } from './audit';
import { findCurrentDeclaration } from './payments';

export type OfflinePaymentInput = {
  email: string;
  tierSlug: string | null;
  amountPence: number;
  paidOn: Date;
  method: 'bank_transfer' | 'cheque' | 'standing_order' | 'cash';
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
 * pending (or new) membership from the payment date, or extends a live one by a year.
 * All in one transaction, with the audit entry naming who recorded it.
 */
export async function recordOfflinePayment(
  input: OfflinePaymentInput,
  isGiftAidEligible: (args: { declaration: Awaited<ReturnType<typeof findCurrentDeclaration>>; paidAt: Date; tier: MembershipTier }) => boolean,
  /** Runs inside the same transaction, e.g. to queue the receipt mail. */
  onRecorded: (tx: Tx, result: Extract<OfflinePaymentResult, { ok: true }>) => Promise<void> = async () => {},
): Promise<OfflinePaymentResult> {
  return getDb().transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email.toLowerCase())).for('update');
    if (!user || user.deletedAt) return { ok: false, error: 'unknownMember' };
    const [live] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), sql`${memberships.status} in ('pending', 'active', 'past_due')`))
      .orderBy(desc(memberships.createdAt))
      .limit(1)
      .for('update');
    if (live?.source === 'stripe' && live.status !== 'pending') return { ok: false, error: 'paysByCard' };

    const tierId = input.tierSlug
      ? (await tx.select().from(membershipTiers).where(eq(membershipTiers.slug, input.tierSlug)))[0]?.id
      : live?.tierId;
    if (!tierId) return { ok: false, error: 'unknownTier' };
    const [tier] = await tx.select().from(membershipTiers).where(eq(membershipTiers.id, tierId));

    let membership: Membership;
    let activated = false;
    if (live && live.status !== 'pending' && live.currentPeriodEnd) {
      const from = live.currentPeriodEnd > input.paidOn ? live.currentPeriodEnd : input.paidOn;
      [membership] = await tx
        .update(memberships)
        .set({ status: 'active', tierId, currentPeriodEnd: addYear(from), cancelAtPeriodEnd: false })
        .where(eq(memberships.id, live.id))
        .returning();
    } else {
      activated = true;
      const values = { status: 'active' as const, tierId, source: 'offline' as const, currentPeriodStart: input.paidOn, currentPeriodEnd: addYear(input.paidOn) };
      [membership] = live
        ? await tx.update(memberships).set(values).where(eq(memberships.id, live.id)).returning()
        : await tx.insert(memberships).values({ ...values, userId: user.id }).returning();
    }

    const declaration = await findCurrentDeclaration(tx, user.id);
    const eligible = isGiftAidEligible({ declaration, paidAt: input.paidOn, tier });
    const [payment] = await tx
      .insert(payments)
      .values({
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
      })
      .returning();
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
    const result = { ok: true as const, payment, membership, user, tier, activated };
    await onRecorded(tx, result);
    return result;
  });
}
