import 'server-only';
import { searchMembers as queryMembers, type MemberRow } from '@/db/queries/admin-members';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { membershipLifecycleSql } from './lifecycle';
import { memberCursor, memberFilterSchema, memberPosition, type MemberFilter } from './staff/member-filter';

/**
 * Staff's member list: searched, filtered and sorted, one page at a time (keyset), with
 * each member's status read by the lifecycle rule and the grace period set now. `after`
 * is the cursor from the URL (a missing, foreign or stale one means the first page);
 * `next` is the cursor of the page after, if any.
 */
export async function searchMembers(
  rawFilter: Partial<Record<keyof MemberFilter, unknown>>,
  opts: { after?: string | null; limit?: number } = {},
): Promise<{ rows: MemberRow[]; next: string | null }> {
  const filter = memberFilterSchema.parse(rawFilter);
  const page = await queryMembers(filter, membershipLifecycleSql(await getMembershipGraceDays()), {
    after: memberPosition(filter, opts.after),
    limit: opts.limit,
  });
  return { rows: page.rows, next: page.next ? memberCursor.encode(page.next) : null };
}
