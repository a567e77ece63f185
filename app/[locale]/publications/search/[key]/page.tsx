import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Library } from '@/components/library';
import { cachedLibraryFacets, cachedLibrarySearch } from '@/lib/content';
import { localeAlternates, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { librarySearchQuery, parseLibraryParams } from '@/lib/library/params';
import { libraryStateQuery } from '@/lib/library/state-key';

// A search or filtered view of the library: proxy.ts rewrites /publications?q=... here,
// with the normalised query as the key. Rendered on its first request, then served from
// Next's cache, and rebuilt on the next request after a staff edit (the data's tags), like
// the landing in ../../all. Issue #16: searches at cached-page speed.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/publications/search/[key]'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'library' });
  return { ...(await titleMetadata(locale, t('title'))), alternates: localeAlternates(locale, '/publications') };
}

export default async function LibrarySearchPage({ params }: PageProps<'/[locale]/publications/search/[key]'>) {
  const { locale: rawLocale, key } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const filters = parseLibraryParams(Object.fromEntries(new URLSearchParams(libraryStateQuery(key))));
  const [facets, result] = await Promise.all([cachedLibraryFacets(locale), cachedLibrarySearch(locale, librarySearchQuery(filters))]);
  return <Library locale={locale} filters={filters} facets={facets} result={result} />;
}
