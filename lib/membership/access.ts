import type { Membership } from '@/db/schema';

export type MemberAccess =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'active'; until: Date | null; inGrace: boolean }
  | { kind: 'ended'; endedAt: Date | null };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a membership opens the member-only areas now. Active and past_due keep access
 * (Stripe is still retrying); after the paid period ends, access lasts `graceDays` more.
 */
export function memberAccess(
  membership: Pick<Membership, 'status' | 'currentPeriodEnd'> | null,
  now: Date,
  graceDays: number,
): MemberAccess {
  if (!membership) return { kind: 'none' };
  if (membership.status === 'pending') return { kind: 'pending' };
  const end = membership.currentPeriodEnd;
  const closes = end ? new Date(end.getTime() + graceDays * DAY_MS) : null;
  if (membership.status === 'active' || membership.status === 'past_due') {
    if (!end || now <= end) return { kind: 'active', until: end, inGrace: false };
    if (closes && now <= closes) return { kind: 'active', until: closes, inGrace: true };
    return { kind: 'ended', endedAt: closes };
  }
  // lapsed or cancelled: only the grace period after the paid period is left.
  if (end && now <= end) return { kind: 'active', until: end, inGrace: false };
  if (closes && now <= closes) return { kind: 'active', until: closes, inGrace: true };
  return { kind: 'ended', endedAt: closes ?? end };
}
