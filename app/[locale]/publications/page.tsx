import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { LibraryFilters } from '@/components/library-filters';
import { Pagination } from '@/components/pagination';
import { PublicationCard } from '@/components/publication-card';
import { searchPublications } from '@/db/queries/publications';
import { cachedLibraryFacets } from '@/lib/content';
import { Link } from '@/lib/i18n/navigation';
import { localeAlternates } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { hasAnyFilter, LIBRARY_PAGE_SIZE, parseLibraryParams } from '@/lib/library/params';

export async function generateMetadata({ params }: PageProps<'/[locale]/publications'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'library' });
  return { title: t('title'), alternates: localeAlternates(locale, '/publications') };
}

// Search results depend on the query string, so this page renders per request.
export const dynamic = 'force-dynamic';

export default async function LibraryPage({ params, searchParams }: PageProps<'/[locale]/publications'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const filters = parseLibraryParams(await searchParams);
  const t = await getTranslations({ locale, namespace: 'library' });
  const [facets, result] = await Promise.all([
    cachedLibraryFacets(locale),
    searchPublications(locale, { ...filters, pageSize: LIBRARY_PAGE_SIZE }),
  ]);
  const filtered = hasAnyFilter(filters);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold sm:text-4xl">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-muted">{t('intro')}</p>

      <div className="mt-8 grid gap-8 lg:grid-cols-[18rem_1fr]">
        <LibraryFilters locale={locale} facets={facets} current={filters} />

        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-lg font-semibold" aria-live="polite">
            {filters.q ? t('resultsFor', { count: result.total, q: filters.q }) : t('results', { count: result.total })}
          </h2>
          {result.total === 0 ? (
            <div className="mt-4 rounded-lg border border-line bg-white p-6">
              <p className="font-medium">{t('empty')}</p>
              <p className="mt-1 text-muted">{t('emptyHint')}</p>
              {filtered && (
                <Link href="/publications" className="mt-4 inline-block rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
                  {t('clear')}
                </Link>
              )}
            </div>
          ) : (
            <>
              <ol className="mt-4 space-y-4">
                {result.items.map((publication) => (
                  <li key={publication.id}>
                    <PublicationCard publication={publication} locale={locale} />
                  </li>
                ))}
              </ol>
              <Pagination locale={locale} filters={filters} page={result.page} pageCount={result.pageCount} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
