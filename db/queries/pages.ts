import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { pages, type Locale, type PageSlug } from '../schema';

export type PageContent = { title: string; bodyMarkdown: string };

export async function getPage(slug: PageSlug, locale: Locale): Promise<PageContent | null> {
  const rows = await getDb()
    .select({ title: pages.title, bodyMarkdown: pages.bodyMarkdown })
    .from(pages)
    .where(and(eq(pages.slug, slug), eq(pages.locale, locale)));
  return rows[0] ?? null;
}
