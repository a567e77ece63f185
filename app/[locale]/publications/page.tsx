import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Library } from '@/components/library';
import { searchPublications } from '@/db/queries/publications';
import { cachedLibraryFacets } from '@/lib/content';
import { localeAlternates, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { LIBRARY_PAGE_SIZE, parseLibraryParams } from '@/lib/library/params';

export async function generateMetadata({ params }: PageProps<'/[locale]/publications'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'library' });
  return { ...(await titleMetadata(locale, t('title'))), alternates: localeAlternates(locale, '/publications') };
}

// Searches and filtered views depend on the query string, so they render per request.
// The unfiltered first page is the cached twin in ./all (see the rewrites in next.config.ts).
export const dynamic = 'force-dynamic';

export default async function LibraryPage({ params, searchParams }: PageProps<'/[locale]/publications'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const filters = parseLibraryParams(await searchParams);
  const [facets, result] = await Promise.all([
    cachedLibraryFacets(locale),
    searchPublications(locale, { ...filters, pageSize: LIBRARY_PAGE_SIZE }),
  ]);
  return <Library locale={locale} filters={filters} facets={facets} result={result} />;
}
