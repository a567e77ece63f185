import 'server-only';
import { findLatestMembership } from '@/db/queries/memberships';
import type { SessionUser } from '@/lib/auth/guards';
import { memberAccess, type MemberAccess } from './lifecycle';
import { getMembershipGraceDays } from '@/db/queries/settings';

/** What the signed-in person may see of member-only content (staff always see it). */
export async function accessOf(user: SessionUser): Promise<MemberAccess> {
  if (user.role === 'staff' || user.role === 'admin') return { kind: 'active', until: null, inGrace: false };
  return memberAccess(await findLatestMembership(user.id), new Date(), await getMembershipGraceDays());
}
