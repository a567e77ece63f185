import { getTranslations } from 'next-intl/server';
import type { LibraryFacets, LibraryPage as LibraryResult } from '@/db/queries/publications';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { hasAnyFilter, type LibraryParams } from '@/lib/library/params';
import { LibraryFilters } from './library-filters';
import { Pagination } from './pagination';
import { PublicationCard } from './publication-card';
import { buttonClass } from '@/components/ui/styles';

/** The publications library: search form, filters, results and pages. */
export async function Library({
  locale,
  filters,
  facets,
  result,
}: {
  locale: AppLocale;
  filters: LibraryParams;
  facets: LibraryFacets;
  result: LibraryResult;
}) {
  const t = await getTranslations({ locale, namespace: 'library' });
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
                <Link href="/publications" className={buttonClass({ size: 'md', className: 'mt-4 inline-block' })}>
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
