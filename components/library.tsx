import { getTranslations } from 'next-intl/server';
import type { LibraryFacets, LibraryPage as LibraryResult } from '@/db/queries/publications';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { hasAnyFilter, libraryQueryString, type LibraryParams } from '@/lib/library/params';
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
          {filtered && <ActiveFilters locale={locale} filters={filters} facets={facets} />}
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

const FILTER_KEYS = ['q', 'type', 'topic', 'year', 'lang'] as const;

/**
 * The search and filters in force, each a link to the same results without it: a reader
 * on a phone sees what narrowed the list without scrolling back to the form, and drops
 * one with a tap. Plain links, so no JavaScript is needed.
 */
async function ActiveFilters({ locale, filters, facets }: { locale: AppLocale; filters: LibraryParams; facets: LibraryFacets }) {
  const t = await getTranslations({ locale });
  const base = getPathname({ href: '/publications', locale });
  const labelOf = (key: (typeof FILTER_KEYS)[number]): string | null => {
    const value = filters[key];
    if (value === undefined || value === '') return null;
    // "Type: Briefing", "Tipo: Boletín informativo": the same punctuation in both languages.
    const filter = (name: string, shown: string) => `${name}: ${shown}`;
    switch (key) {
      case 'q':
        return t('library.searchFilter', { q: String(value) });
      case 'type':
        return filter(t('library.type'), t(`types.${filters.type!}`));
      case 'topic':
        return filter(t('library.topic'), facets.topics.find((topic) => topic.slug === value)?.name ?? String(value));
      case 'year':
        return filter(t('library.year'), String(value));
      case 'lang':
        return filter(t('library.lang'), t(`languages.${filters.lang!}`));
    }
  };
  const active = FILTER_KEYS.flatMap((key) => {
    const label = labelOf(key);
    // Dropping a filter starts again from the first page.
    return label ? [{ key, label, href: base + libraryQueryString({ ...filters, [key]: undefined, page: 1 }) }] : [];
  });
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <p className="text-muted">{t('library.activeFilters')}</p>
      <ul className="flex flex-wrap gap-2">
        {active.map((item) => (
          <li key={item.key}>
            <a
              href={item.href}
              className="inline-flex items-center gap-1.5 rounded-full border border-brand/40 bg-white px-3 py-1 text-brand-dark hover:border-brand hover:bg-brand-soft"
            >
              <span className="sr-only">{t('library.removeFilter')} </span>
              <span>{item.label}</span>
              <span aria-hidden="true" className="text-base leading-none">
                ×
              </span>
            </a>
          </li>
        ))}
        {active.length > 1 && (
          <li>
            <a href={base} className="inline-block px-1 py-1 text-brand underline underline-offset-2">
              {t('library.clearAll')}
            </a>
          </li>
        )}
      </ul>
    </div>
  );
}
