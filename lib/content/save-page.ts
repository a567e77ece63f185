import 'server-only';
import { getDb } from '@/db/client';
import { upsertPage } from '@/db/queries/admin-pages';
import { recordAudit } from '@/db/queries/audit';
import type { Locale, PageSlug } from '@/db/schema';

/** Writes one language of a page, recording who changed it, with its audit entry. */
export async function savePage(
  actorUserId: string,
  slug: PageSlug,
  locale: Locale,
  content: { title: string; bodyMarkdown: string },
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await upsertPage(tx, actorUserId, slug, locale, content);
    await recordAudit(
      {
        actorUserId,
        action: 'page.updated',
        entityType: 'page',
        entityId: `${slug}/${locale}`,
        data: { slug, locale, title: content.title, length: content.bodyMarkdown.length },
      },
      tx,
    );
  });
}
