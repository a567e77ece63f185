import { getTranslations } from 'next-intl/server';
import type { PaymentFilters } from '@/db/queries/admin-payments';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { offlinePaymentMethods, stripePaymentMethods } from '@/lib/payments/methods';
import { SelectField, TextField } from '@/components/ui/field';
import { FilterForm } from '@/components/ui/filter-form';

/** A plain GET form: every filtered view is a URL, and nothing needs JavaScript (components/ui/filter-form.tsx). */
export async function PaymentFiltersForm({ locale, current }: { locale: AppLocale; current: PaymentFilters }) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  const select = (name: 'kind' | 'status' | 'method', options: { value: string; label: string }[]) => (
    <SelectField
      id={`pf-${name}`}
      name={name}
      label={t(`filters.${name}`)}
      anyLabel={t('filters.any')}
      options={options}
      value={current[name]}
    />
  );
  return (
    <FilterForm
      action={getPathname({ href: '/admin/payments', locale })}
      legend={t('filters.legend')}
      className="grid-cols-2 md:grid-cols-3 lg:grid-cols-6"
      actionsClassName="col-span-2 md:col-span-3 lg:col-span-6"
      applyLabel={t('filters.apply')}
      clearHref={getPathname({ href: '/admin/payments', locale })}
      clearLabel={t('filters.clear')}
    >
      <TextField
        id="pf-q"
        name="q"
        type="search"
        maxLength={100}
        label={t('filters.q')}
        defaultValue={current.q}
        className="col-span-2 md:col-span-3 lg:col-span-2"
        inputClassName="min-w-0"
      />
      {select(
        'kind',
        (['membership', 'donation'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) })),
      )}
      {select(
        'status',
        (['paid', 'partially_refunded', 'refunded', 'pending', 'failed'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) })),
      )}
      {select('method', [
        ...stripePaymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
        { value: 'offline', label: t('filters.offline') },
        ...offlinePaymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
      ])}
      <div className="hidden lg:block" aria-hidden="true" />
      <TextField id="pf-from" name="from" type="date" label={t('filters.from')} defaultValue={current.from} inputClassName="min-w-0" />
      <TextField id="pf-to" name="to" type="date" label={t('filters.to')} defaultValue={current.to} inputClassName="min-w-0" />
    </FilterForm>
  );
}
