import { getTranslations } from 'next-intl/server';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { buttonClass, cx, inputClass } from '@/components/ui/styles';

/** The body of the 404 page: what was not found, a search box and the way home. */
export async function NotFoundContent({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale });
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('notFound.title')}</h1>
      <p className="mt-3 text-muted">{t('notFound.text')}</p>
      <form method="get" action={getPathname({ href: '/publications', locale })} role="search" className="mt-6 max-w-xl">
        <label htmlFor="not-found-q" className="font-medium">
          {t('library.searchLabel')}
        </label>
        <div className="flex gap-2">
          <input id="not-found-q" name="q" type="search" maxLength={200} className={cx(inputClass, 'min-w-0')} />
          <button type="submit" className={buttonClass({ size: 'md', className: 'mt-1' })}>
            {t('library.searchButton')}
          </button>
        </div>
      </form>
      <ul className="mt-6 flex flex-wrap gap-3">
        <li>
          <Link href="/" className={buttonClass({ size: 'md', className: 'inline-block' })}>
            {t('notFound.home')}
          </Link>
        </li>
        <li>
          <Link href="/publications" className={buttonClass({ variant: 'secondary', size: 'md', className: 'inline-block' })}>
            {t('notFound.library')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
