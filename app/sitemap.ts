import type { MetadataRoute } from 'next';
import { cachedPublicationIndex } from '@/lib/content';
import { siteUrl } from '@/lib/env';
import { getPathname } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';

// Rendered per request from cached data: no database is needed at build time.
export const dynamic = 'force-dynamic';

type Href = Parameters<typeof getPathname>[0]['href'];

function entry(href: Href, lastModified?: string): MetadataRoute.Sitemap[number] {
  const url = (locale: (typeof routing.locales)[number]) => `${siteUrl()}${getPathname({ href, locale })}`;
  return {
    url: url('en'),
    lastModified,
    alternates: { languages: Object.fromEntries(routing.locales.map((l) => [l, url(l)])) },
  };
}

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const publications = await cachedPublicationIndex();
  return [
    entry('/'),
    entry('/publications'),
    entry('/about/aims'),
    entry('/about/history'),
    entry('/about/human-rights'),
    entry('/join'),
    entry('/donate'),
    ...publications.map((p) => entry(`/publications/${p.slug}`, p.updatedAt)),
  ];
}
