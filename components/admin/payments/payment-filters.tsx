import { getTranslations } from 'next-intl/server';
import type { PaymentFilters } from '@/db/queries/admin-payments';
import { getPathname, Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { offlinePaymentMethods, stripePaymentMethods } from '@/lib/payments/methods';
import { SubmitButton } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

// Narrower than inputClass (px-2, and free to shrink): up to six controls share a row,
// and two a phone's width.
const fieldClass = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-2 py-2 text-base';

/** A plain GET form: every filtered view is a URL, and nothing needs JavaScript. */
export async function PaymentFiltersForm({ locale, current }: { locale: AppLocale; current: PaymentFilters }) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  const select = (name: 'kind' | 'status' | 'method', options: { value: string; label: string }[]) => (
    <Field id={`pf-${name}`} label={t(`filters.${name}`)}>
      {(control) => (
        <select {...control} className={fieldClass} name={name} defaultValue={current[name] ?? ''}>
          <option value="">{t('filters.any')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <form method="get" action={getPathname({ href: '/admin/payments', locale })} role="search" className="mt-6">
      <fieldset className="grid grid-cols-2 gap-3 rounded-lg border border-line bg-white p-4 md:grid-cols-3 lg:grid-cols-6">
        <legend className="px-1 font-medium">{t('filters.legend')}</legend>
        <Field id="pf-q" label={t('filters.q')} className="col-span-2 md:col-span-3 lg:col-span-2">
          {(control) => <input {...control} className={fieldClass} name="q" type="search" maxLength={100} defaultValue={current.q ?? ''} />}
        </Field>
        {select('kind', (['membership', 'donation'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) })))}
        {select('status', (['paid', 'partially_refunded', 'refunded', 'pending', 'failed'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) })))}
        {select('method', [
          ...stripePaymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
          { value: 'offline', label: t('filters.offline') },
          ...offlinePaymentMethods.map((m) => ({ value: m, label: t(`methods.${m}`) })),
        ])}
        <div className="hidden lg:block" aria-hidden="true" />
        <Field id="pf-from" label={t('filters.from')}>
          {(control) => <input {...control} className={fieldClass} name="from" type="date" defaultValue={current.from ?? ''} />}
        </Field>
        <Field id="pf-to" label={t('filters.to')}>
          {(control) => <input {...control} className={fieldClass} name="to" type="date" defaultValue={current.to ?? ''} />}
        </Field>
        <div className="col-span-2 flex flex-wrap items-center gap-4 md:col-span-3 lg:col-span-6">
          <SubmitButton size="md">{t('filters.apply')}</SubmitButton>
          <Link href="/admin/payments" className="text-sm text-brand underline underline-offset-2">{t('filters.clear')}</Link>
        </div>
      </fieldset>
    </form>
  );
}
