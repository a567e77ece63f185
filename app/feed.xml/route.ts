import { cachedPublicationIndex } from '@/lib/content';
import { siteUrl } from '@/lib/env';
import { atomXml } from '@/lib/feed/atom';

// Rendered per request from cached data: no database is needed at build time.
export const dynamic = 'force-dynamic';

/** Atom feed of published publications, newest first. */
export async function GET() {
  const base = siteUrl();
  const publications = await cachedPublicationIndex();
  const xml = atomXml({
    title: 'Peru Support Group publications',
    subtitle: 'Reports, case studies and briefings on human rights and development in Peru.',
    id: `${base}/publications`,
    link: `${base}/publications`,
    selfLink: `${base}/feed.xml`,
    language: 'en',
    rights: 'Peru Support Group',
    author: 'Peru Support Group',
    updated: publications[0] ? new Date(publications[0].updatedAt) : new Date(0),
    entries: publications.slice(0, 50).map((p) => {
      const published = new Date(`${p.publishedOn}T00:00:00Z`);
      return {
        id: `${base}/publications/${p.slug}`,
        title: p.titleEn,
        link: `${base}/publications/${p.slug}`,
        summary: p.summaryEn,
        updated: published,
        published,
      };
    }),
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
}
