import { getTranslations } from 'next-intl/server';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { libraryQueryString, type LibraryParams } from '@/lib/library/params';

export async function Pagination({
  locale,
  filters,
  page,
  pageCount,
}: {
  locale: AppLocale;
  filters: LibraryParams;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  const t = await getTranslations({ locale, namespace: 'library' });
  const base = getPathname({ href: '/publications', locale });
  const href = (p: number) => base + libraryQueryString({ ...filters, page: p });
  const linkClass = 'rounded-md border border-line bg-white px-4 py-2 font-medium text-brand hover:border-brand';
  return (
    <nav aria-label={t('pagination')} className="mt-6 flex flex-wrap items-center justify-between gap-3">
      {page > 1 ? (
        <a className={linkClass} rel="prev" href={href(page - 1)}>
          ← {t('previous')}
        </a>
      ) : (
        <span />
      )}
      <p className="text-sm text-muted" aria-current="page">
        {t('pageOf', { page, pageCount })}
      </p>
      {page < pageCount ? (
        <a className={linkClass} rel="next" href={href(page + 1)}>
          {t('next')} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
