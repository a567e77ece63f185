import { getTranslations } from 'next-intl/server';
import type { ClaimRangeErrors } from '@/lib/gift-aid/claim-range';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/** The period to claim for: a GET form, so the period is in the URL and works without JavaScript. */
export async function ClaimRangeForm({ locale, values, errors, today }: { locale: AppLocale; values: { from: string; to: string }; errors: ClaimRangeErrors; today: string }) {
  const t = await getTranslations({ locale, namespace: 'adminGiftAid.range' });
  const field = (name: 'from' | 'to') => (
    <div>
      <label htmlFor={`ga-${name}`} className="text-sm font-medium">{t(name)}</label>
      <input
        id={`ga-${name}`}
        name={name}
        type="date"
        max={today}
        required
        defaultValue={values[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `ga-${name}-error ga-range-hint` : 'ga-range-hint'}
        className={input}
      />
      {errors[name] && <p id={`ga-${name}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p>}
    </div>
  );
  return (
    <form method="get" action={getPathname({ href: '/admin/gift-aid', locale })} className="mt-6 rounded-lg border border-line bg-white p-4">
      <fieldset>
        <legend className="font-medium">{t('legend')}</legend>
        <p id="ga-range-hint" className="mt-1 text-sm text-muted">{t('hint')}</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
          {field('from')}
          {field('to')}
          <button type="submit" className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark sm:mt-6">{t('submit')}</button>
        </div>
      </fieldset>
    </form>
  );
}
