import type { Membership, MembershipStatus } from '@/db/schema';

export type MemberAccess =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'active'; until: Date | null; inGrace: boolean }
  | { kind: 'ended'; endedAt: Date | null };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The membership lifecycle, decided from what is stored:
 * - pending (checkout or bank transfer not yet paid): no access;
 * - active, and past_due while Stripe retries the card: access through the paid period,
 *   then a grace period of `graceDays` before the archive closes;
 * - lapsed (not renewed or retries exhausted): whatever is left of that grace period;
 * - cancelled (the member chose to end it): access until the end of the paid period only.
 */
export function memberAccess(
  membership: Pick<Membership, 'status' | 'currentPeriodEnd'> | null,
  now: Date,
  graceDays: number,
): MemberAccess {
  if (!membership) return { kind: 'none' };
  const status: MembershipStatus = membership.status;
  if (status === 'pending') return { kind: 'pending' };
  const end = membership.currentPeriodEnd;
  if (!end) return status === 'active' || status === 'past_due' ? { kind: 'active', until: null, inGrace: false } : { kind: 'ended', endedAt: null };
  if (now <= end) return { kind: 'active', until: end, inGrace: false };
  if (status === 'cancelled') return { kind: 'ended', endedAt: end };
  const closes = new Date(end.getTime() + graceDays * DAY_MS);
  if (now <= closes) return { kind: 'active', until: closes, inGrace: true };
  return { kind: 'ended', endedAt: closes };
}
