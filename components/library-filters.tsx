import { getTranslations } from 'next-intl/server';
import type { LibraryFacets } from '@/db/queries/publications';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { LibraryParams } from '@/lib/library/params';

const fieldClass = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-2 py-2 text-base';

/** Plain GET form: every state is a shareable URL and nothing needs JavaScript. */
export async function LibraryFilters({ locale, facets, current }: { locale: AppLocale; facets: LibraryFacets; current: LibraryParams }) {
  const t = await getTranslations({ locale });
  return (
    <form method="get" action={getPathname({ href: '/publications', locale })} role="search" className="space-y-5">
      <div>
        <label htmlFor="library-q" className="font-medium">{t('library.searchLabel')}</label>
        <div className="mt-1 flex gap-2">
          <input
            id="library-q"
            name="q"
            type="search"
            defaultValue={current.q ?? ''}
            maxLength={200}
            placeholder={t('library.searchPlaceholder')}
            aria-describedby="library-q-help"
            className="block w-full min-w-0 rounded-md border border-muted/60 bg-white px-3 py-2 text-base"
          />
          <button type="submit" className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
            {t('library.searchButton')}
          </button>
        </div>
        <p id="library-q-help" className="mt-1 text-sm text-muted">{t('library.searchHelp')}</p>
      </div>

      <fieldset className="grid grid-cols-2 gap-3 rounded-lg border border-line bg-white p-4 lg:grid-cols-1 lg:gap-4">
        <legend className="px-1 font-medium">{t('library.filters')}</legend>
        <div>
          <label htmlFor="library-type" className="text-sm font-medium">{t('library.type')}</label>
          <select id="library-type" name="type" defaultValue={current.type ?? ''} className={fieldClass}>
            <option value="">{t('library.any')}</option>
            {facets.types.map((type) => (
              <option key={type} value={type}>{t(`types.${type}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="library-topic" className="text-sm font-medium">{t('library.topic')}</label>
          <select id="library-topic" name="topic" defaultValue={current.topic ?? ''} className={fieldClass}>
            <option value="">{t('library.any')}</option>
            {facets.topics.map((topic) => (
              <option key={topic.slug} value={topic.slug}>{topic.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="library-year" className="text-sm font-medium">{t('library.year')}</label>
          <select id="library-year" name="year" defaultValue={current.year ? String(current.year) : ''} className={fieldClass}>
            <option value="">{t('library.any')}</option>
            {facets.years.map((year) => (
              <option key={year} value={year}>{year}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="library-lang" className="text-sm font-medium">{t('library.lang')}</label>
          <select id="library-lang" name="lang" defaultValue={current.lang ?? ''} className={fieldClass}>
            <option value="">{t('library.any')}</option>
            <option value="en">{t('languages.en')}</option>
            <option value="es">{t('languages.es')}</option>
          </select>
        </div>
        <button type="submit" className="col-span-2 w-full rounded-md lg:col-span-1 border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft">
          {t('library.apply')}
        </button>
        <Link href="/publications" className="col-span-2 block text-center lg:col-span-1 text-sm text-brand underline underline-offset-2">
          {t('library.clear')}
        </Link>
      </fieldset>
    </form>
  );
}
