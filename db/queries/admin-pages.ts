import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { pages, users, type Locale, type PageSlug } from '../schema';

export type AdminPageRow = { slug: PageSlug; locale: Locale; title: string; updatedAt: Date; updatedBy: string | null };

/** Every content page in both languages, with who last changed it. */
export async function listPagesForAdmin(): Promise<AdminPageRow[]> {
  return getDb()
    .select({ slug: pages.slug, locale: pages.locale, title: pages.title, updatedAt: pages.updatedAt, updatedBy: users.email })
    .from(pages)
    .leftJoin(users, eq(users.id, pages.updatedByUserId))
    .orderBy(asc(pages.slug), asc(pages.locale));
}

export async function findPageForEdit(slug: PageSlug, locale: Locale): Promise<{ title: string; bodyMarkdown: string } | null> {
  const [row] = await getDb()
    .select({ title: pages.title, bodyMarkdown: pages.bodyMarkdown })
    .from(pages)
    .where(and(eq(pages.slug, slug), eq(pages.locale, locale)));
  return row ?? null;
}

/** Writes one language of a page, recording who changed it (lib/content/save-page.ts audits it). */
export async function upsertPage(
  tx: Tx,
  actorUserId: string,
  slug: PageSlug,
  locale: Locale,
  content: { title: string; bodyMarkdown: string },
): Promise<void> {
  await tx
    .insert(pages)
    .values({ slug, locale, ...content, updatedByUserId: actorUserId })
    .onConflictDoUpdate({ target: [pages.slug, pages.locale], set: { ...content, updatedByUserId: actorUserId, updatedAt: new Date() } });
}
