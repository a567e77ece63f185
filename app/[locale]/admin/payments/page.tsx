import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cursorParam, filterQuery, parseListParams } from '@/components/admin/payments/params';
import { PaymentFiltersForm } from '@/components/admin/payments/payment-filters';
import { PaymentTable } from '@/components/admin/payments/payment-table';
import { listPaymentsForStaff, totalsForStaff } from '@/db/queries/admin-payments';
import { requireRole } from '@/lib/auth/guards';
import { formatPence } from '@/lib/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminPayments', 'title', { private: true });

/** Staff: every membership payment and donation, filtered by URL, 50 at a time (keyset). */
export default async function AdminPaymentsPage({ params, searchParams }: PageProps<'/[locale]/admin/payments'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments', locale }), locale });
  const { filters, after, ignored } = parseListParams(await searchParams);
  const [t, page, totals] = await Promise.all([
    getTranslations({ locale, namespace: 'adminPayments' }),
    listPaymentsForStaff(filters, after),
    totalsForStaff(filters),
  ]);
  const query = filterQuery(filters);
  const base = getPathname({ href: '/admin/payments', locale });
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href="/admin/payments/offline" className="text-brand underline underline-offset-2">
            {t('recordOffline')}
          </Link>
          {/* The CSV download lives at /admin/payments/export and takes the same filters. */}
          <a
            href={`${getPathname({ href: '/admin/payments', locale })}/export${query ? `?${query}` : ''}`}
            className="text-brand underline underline-offset-2"
          >
            {t('exportCsv')}
          </a>
        </p>
      </div>
      <p className="mt-2 text-muted">{t('intro')}</p>
      <PaymentFiltersForm locale={locale} current={filters} />
      {ignored && (
        <p role="status" className="mt-3 rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
          {t('filters.invalid')}
        </p>
      )}
      <p className="mt-4 text-sm" aria-live="polite">
        {t('totals', {
          count: totals.count,
          amount: formatPence(totals.amountPence, locale),
          refunded: formatPence(totals.refundedPence, locale),
        })}
      </p>
      {page.rows.length === 0 ? (
        <p className="mt-4 rounded-lg border border-line bg-white p-4">{t('none')}</p>
      ) : (
        <PaymentTable locale={locale} rows={page.rows} />
      )}
      <nav aria-label={t('title')} className="mt-4 flex flex-wrap gap-4 text-sm">
        {after && (
          <a href={`${base}${query ? `?${query}` : ''}`} className="text-brand underline underline-offset-2">
            {t('first')}
          </a>
        )}
        {page.next && (
          <a
            href={`${base}?${filterQuery(filters, { after: cursorParam(page.next) })}`}
            rel="next"
            className="font-medium text-brand underline underline-offset-2"
          >
            {t('next')} →
          </a>
        )}
      </nav>
    </div>
  );
}
