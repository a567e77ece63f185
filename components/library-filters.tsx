import { getTranslations } from 'next-intl/server';
import type { LibraryFacets } from '@/db/queries/publications';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { LibraryParams } from '@/lib/library/params';
import { SubmitButton } from '@/components/ui/button';
import { cx, inputClass } from '@/components/ui/styles';

const fieldClass = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-2 py-2 text-base';

/** Plain GET form: every state is a shareable URL and nothing needs JavaScript. */
export async function LibraryFilters({ locale, facets, current }: { locale: AppLocale; facets: LibraryFacets; current: LibraryParams }) {
  const t = await getTranslations({ locale });
  return (
    <form method="get" action={getPathname({ href: '/publications', locale })} role="search" className="space-y-5">
      <div>
        <label htmlFor="library-q" className="font-medium">
          {t('library.searchLabel')}
        </label>
        {/* The button beside the box: both keep the inputs' top margin, so they line up. */}
        <div className="flex gap-2">
          <input
            id="library-q"
            name="q"
            type="search"
            defaultValue={current.q ?? ''}
            maxLength={200}
            placeholder={t('library.searchPlaceholder')}
            aria-describedby="library-q-help"
            className={cx(inputClass, 'min-w-0')}
          />
          <SubmitButton size="md" className="mt-1">
            {t('library.searchButton')}
          </SubmitButton>
        </div>
        <p id="library-q-help" className="mt-1 text-sm text-muted">
          {t('library.searchHelp')}
        </p>
      </div>

      <fieldset className="grid grid-cols-2 gap-3 rounded-lg border border-line bg-white p-4 lg:grid-cols-1 lg:gap-4">
        <legend className="px-1 font-medium">{t('library.filters')}</legend>
        <FilterSelect
          name="type"
          label={t('library.type')}
          any={t('library.any')}
          value={current.type}
          options={facets.types.map((type) => ({ value: type, label: t(`types.${type}`) }))}
        />
        <FilterSelect
          name="topic"
          label={t('library.topic')}
          any={t('library.any')}
          value={current.topic}
          options={facets.topics.map((topic) => ({ value: topic.slug, label: topic.name }))}
        />
        <FilterSelect
          name="year"
          label={t('library.year')}
          any={t('library.any')}
          value={current.year?.toString()}
          options={facets.years.map((year) => ({ value: String(year), label: String(year) }))}
        />
        <FilterSelect
          name="lang"
          label={t('library.lang')}
          any={t('library.any')}
          value={current.lang}
          options={[
            { value: 'en', label: t('languages.en') },
            { value: 'es', label: t('languages.es') },
          ]}
        />
        <button
          type="submit"
          className="col-span-2 w-full rounded-md lg:col-span-1 border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft"
        >
          {t('library.apply')}
        </button>
        <Link href="/publications" className="col-span-2 block text-center lg:col-span-1 text-sm text-brand underline underline-offset-2">
          {t('library.clear')}
        </Link>
      </fieldset>
    </form>
  );
}

function FilterSelect(props: { name: string; label: string; any: string; value?: string; options: { value: string; label: string }[] }) {
  const id = `library-${props.name}`;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <select id={id} name={props.name} defaultValue={props.value ?? ''} className={fieldClass}>
        <option value="">{props.any}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
