import 'server-only';
import { z } from 'zod';
import { listAdminPublications, type AdminListItem, type AdminListQuery } from '@/db/queries/admin-publications';
import { cursorCodec } from '@/lib/http/cursor';
import { calendarDay } from '@/lib/http/query';

/** Where a page of staff's publication list starts or ends: a row's date and id. */
export const publicationCursor = cursorCodec('publications', z.object({ date: calendarDay, id: z.uuid() }));

/**
 * Staff's publication list, a page at a time, forwards (`after`) or back (`before`) from
 * the cursors in the URL; a missing, foreign or stale cursor means the first page.
 */
export async function listPublicationsForStaff(
  query: Omit<AdminListQuery, 'after' | 'before'> & { after?: string; before?: string },
): Promise<{ items: AdminListItem[]; nextCursor: string | null; prevCursor: string | null }> {
  const page = await listAdminPublications({
    ...query,
    after: publicationCursor.decode(query.after),
    before: publicationCursor.decode(query.before),
  });
  return {
    items: page.items,
    nextCursor: page.next && publicationCursor.encode(page.next),
    prevCursor: page.prev && publicationCursor.encode(page.prev),
  };
}
