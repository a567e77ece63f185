import type { MetadataRoute } from 'next';
import { cachedPublicationIndex } from '@/lib/content';
import { siteUrl } from '@/lib/env';
import { getPathname } from '@/lib/i18n/navigation';
import { routing, type AppLocale } from '@/lib/i18n/routing';

// Rendered per request from cached data: no database is needed at build time.
export const dynamic = 'force-dynamic';

type Href = Parameters<typeof getPathname>[0]['href'];

/**
 * One <url> per language version of a page, each listing every version and x-default
 * (the English one), as search engines expect: an alternate that is not itself a <url>
 * is not crawled as a page of its own. The same set as the pages' own hreflang links
 * (localeAlternates).
 */
function entries(href: Href, lastModified?: string): MetadataRoute.Sitemap {
  const url = (locale: AppLocale) => `${siteUrl()}${getPathname({ href, locale })}`;
  const languages = { ...Object.fromEntries(routing.locales.map((l) => [l, url(l)])), 'x-default': url(routing.defaultLocale) };
  return routing.locales.map((locale) => ({ url: url(locale), lastModified, alternates: { languages } }));
}

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const publications = await cachedPublicationIndex();
  return [
    ...entries('/'),
    ...entries('/publications'),
    ...entries('/about/aims'),
    ...entries('/about/history'),
    ...entries('/about/human-rights'),
    ...entries('/join'),
    ...entries('/donate'),
    ...publications.flatMap((p) => entries(`/publications/${p.slug}`, p.updatedAt)),
  ];
}
