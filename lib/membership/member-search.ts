import 'server-only';
import { searchMembers as queryMembers, type MemberFilter, type MemberPage } from '@/db/queries/admin-members';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { membershipLifecycleSql } from './lifecycle';

/**
 * Staff's member list: searched, filtered and sorted, one page at a time (keyset), with
 * each member's status read by the lifecycle rule and the grace period set now.
 */
export async function searchMembers(rawFilter: Partial<Record<keyof MemberFilter, unknown>>, opts: { after?: string | null; limit?: number } = {}): Promise<MemberPage> {
  return queryMembers(rawFilter, membershipLifecycleSql(await getMembershipGraceDays()), opts);
}
