import 'server-only';
import { getDb } from '@/db/client';
import { findLiveMembership, lockMember, updateMembership } from '@/db/queries/memberships';
import { recordAudit } from '@/db/queries/audit';
import type { Membership } from '@/db/schema';
import { stripeControls } from '../lifecycle';
import type { MemberChange } from './result';

/** `months` later, on the same day of the month or the month's last day if it has fewer. */
export function addMonths(date: Date, months: number): Date {
  const next = new Date(date);
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}

/** Staff move the end of a live offline or complimentary membership later (Stripe owns its own periods). */
export async function extendMembership(input: {
  actorUserId: string;
  userId: string;
  by: { months: number } | { until: Date };
}): Promise<MemberChange<Membership>> {
  return getDb().transaction(async (tx) => {
    const user = await lockMember(tx, input.userId);
    if (!user) return { ok: false, error: 'unknownMember' };
    const live = await findLiveMembership(tx, user.id);
    if (!live || live.status === 'pending') return { ok: false, error: 'noLiveMembership' };
    if (stripeControls(live)) return { ok: false, error: 'stripeControls' };
    const now = new Date();
    const from = live.currentPeriodEnd && live.currentPeriodEnd > now ? live.currentPeriodEnd : now;
    const until = 'months' in input.by ? addMonths(from, input.by.months) : input.by.until;
    if (until <= now || (live.currentPeriodEnd && until <= live.currentPeriodEnd)) return { ok: false, error: 'notLater' };
    const membership = await updateMembership(tx, live.id, { currentPeriodEnd: until, status: 'active', cancelAtPeriodEnd: false });
    await recordAudit(
      {
        actorUserId: input.actorUserId,
        action: 'membership.extended',
        entityType: 'membership',
        entityId: live.id,
        data: { memberId: user.id, from: live.currentPeriodEnd?.toISOString() ?? null, to: until.toISOString() },
      },
      tx,
    );
    return { ok: true, value: membership };
  });
}
