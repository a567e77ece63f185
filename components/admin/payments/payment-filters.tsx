import { getTranslations } from 'next-intl/server';
import type { PaymentFilters } from '@/db/queries/admin-payments';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { offlinePaymentMethods, stripePaymentMethods } from '@/lib/payments/methods';

const fieldClass = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-2 py-2 text-base';

/** A plain GET form: every filtered view is a URL, and nothing needs JavaScript. */
export async function PaymentFiltersForm({ locale, current }: { locale: AppLocale; current: PaymentFilters }) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  const select = (name: 'kind' | 'status' | 'method', options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`pf-${name}`} className="text-sm font-medium">{t(`filters.${name}`)}</label>
      <select id={`pf-${name}`} name={name} defaultValue={current[name] ?? ''} className={fieldClass}>
        <option value="">{t('filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action={getPathname({ href: '/admin/payments', locale })} role="search" className="mt-6">
      <fieldset className="grid grid-cols-2 gap-3 rounded-lg border border-line bg-white p-4 md:grid-cols-3 lg:grid-cols-6">
        <legend className="px-1 font-medium">{t('filters.legend')}</legend>
        <div className="col-span-2 md:col-span-3 lg:col-span-2">
          <label htmlFor="pf-q" className="text-sm font-medium">{t('filters.q')}</label>
          <input id="pf-q" name="q" type="search" maxLength={100} defaultValue={current.q ?? ''} className={fieldClass} />
        </div>
        {select('kind', (['membership', 'donation'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) })))}
        {select('status', (['paid', 'partially_refunded', 'refunded', 'pending', 'failed'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) })))}
        {select('method', [
          ...stripePaymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
          { value: 'offline', label: t('filters.offline') },
          ...offlinePaymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
        ])}
        <div className="hidden lg:block" aria-hidden="true" />
        <div>
          <label htmlFor="pf-from" className="text-sm font-medium">{t('filters.from')}</label>
          <input id="pf-from" name="from" type="date" defaultValue={current.from ?? ''} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="pf-to" className="text-sm font-medium">{t('filters.to')}</label>
          <input id="pf-to" name="to" type="date" defaultValue={current.to ?? ''} className={fieldClass} />
        </div>
        <div className="col-span-2 flex flex-wrap items-center gap-4 md:col-span-3 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">{t('filters.apply')}</button>
          <Link href="/admin/payments" className="text-sm text-brand underline underline-offset-2">{t('filters.clear')}</Link>
        </div>
      </fieldset>
    </form>
  );
}
