import { getTranslations, setRequestLocale } from 'next-intl/server';
import { listPagesForAdmin } from '@/db/queries/admin-pages';
import { pageSlugEnum } from '@/db/schema';
import { requireRole } from '@/lib/auth/guards';
import { formatLongDate } from '@/lib/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminPages', 'title', { private: true });

/** Staff: the four content pages, each in English and Spanish, with who changed them last. */
export default async function AdminPagesPage({ params }: PageProps<'/[locale]/admin/pages'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/pages', locale }), locale });
  const [t, rows] = await Promise.all([getTranslations({ locale, namespace: 'adminPages' }), listPagesForAdmin()]);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>
      <ul className="mt-6 space-y-4">
        {pageSlugEnum.enumValues.map((slug) => (
          <li key={slug} className="rounded-lg border border-line bg-white p-4">
            <h2 className="font-serif text-xl font-semibold">{t(`pages.${slug}`)}</h2>
            <ul className="mt-2 divide-y divide-line">
              {(['en', 'es'] as const).map((pageLocale) => {
                const row = rows.find((r) => r.slug === slug && r.locale === pageLocale);
                return (
                  <li key={pageLocale} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                    <Link href={`/admin/pages/${slug}/${pageLocale}`} className="font-medium text-brand underline underline-offset-2">
                      {t('editTitle', { page: t(`pages.${slug}`), language: t(`languages.${pageLocale}`) })}
                    </Link>
                    <span className="text-sm text-muted">
                      {!row
                        ? t('missing')
                        : row.updatedBy
                          ? t('lastChange', { date: formatLongDate(row.updatedAt, locale), who: row.updatedBy })
                          : t('lastChangeSeed')}
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
