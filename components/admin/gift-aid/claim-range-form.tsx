import { getTranslations } from 'next-intl/server';
import { SubmitButton } from '@/components/ui/button';
import { Field, FieldHint, hintId } from '@/components/ui/field';
import { cx } from '@/components/ui/styles';
import type { ClaimRangeErrors } from '@/lib/gift-aid/claim-range';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

/** The period to claim for: a GET form, so the period is in the URL and works without JavaScript. */
export async function ClaimRangeForm({
  locale,
  values,
  errors,
  today,
}: {
  locale: AppLocale;
  values: { from: string; to: string };
  errors: ClaimRangeErrors;
  today: string;
}) {
  const t = await getTranslations({ locale, namespace: 'adminGiftAid.range' });
  // One hint for both dates, under the legend; each date names it after its own error.
  const hint = hintId('ga-range');
  const field = (name: 'from' | 'to') => (
    <Field id={`ga-${name}`} label={t(name)} error={errors[name] && t(`errors.${errors[name]}`)}>
      {(control) => (
        <input
          {...control}
          aria-describedby={cx(control['aria-describedby'], hint)}
          name={name}
          type="date"
          max={today}
          required
          defaultValue={values[name]}
        />
      )}
    </Field>
  );
  return (
    <form
      method="get"
      action={getPathname({ href: '/admin/gift-aid', locale })}
      className="mt-6 rounded-lg border border-line bg-white p-4"
    >
      <fieldset>
        <legend className="font-medium">{t('legend')}</legend>
        <FieldHint id="ga-range">{t('hint')}</FieldHint>
        <div className="mt-3 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
          {field('from')}
          {field('to')}
          <SubmitButton className="sm:mt-6">{t('submit')}</SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}
