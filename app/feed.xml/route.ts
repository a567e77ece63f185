import { Feed } from 'feed';
import { cachedPublicationIndex } from '@/lib/content';
import { siteUrl } from '@/lib/env';

// Rendered per request from cached data: no database is needed at build time.
export const dynamic = 'force-dynamic';

/** Atom feed of published publications, newest first. */
export async function GET() {
  const base = siteUrl();
  const publications = await cachedPublicationIndex();
  const feed = new Feed({
    title: 'Peru Support Group publications',
    description: 'Reports, case studies and briefings on human rights and development in Peru.',
    id: `${base}/publications`,
    link: `${base}/publications`,
    language: 'en',
    copyright: 'Peru Support Group',
    updated: publications[0] ? new Date(publications[0].updatedAt) : new Date(0),
    feedLinks: { atom: `${base}/feed.xml` },
  });
  for (const p of publications.slice(0, 50)) {
    feed.addItem({
      title: p.titleEn,
      id: `${base}/publications/${p.slug}`,
      link: `${base}/publications/${p.slug}`,
      description: p.summaryEn,
      date: new Date(`${p.publishedOn}T00:00:00Z`),
    });
  }
  return new Response(feed.atom1(), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
}
