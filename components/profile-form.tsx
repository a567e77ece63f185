'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { saveProfile, type ProfileFormState } from '@/app/[locale]/account/actions';
import { SubmitButton } from '@/components/ui/button';
import { CheckboxField, Field, TextField } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';
import { isRefused } from '@/lib/forms/state';

type TextName = 'name' | 'addressLine1' | 'addressLine2' | 'city' | 'postcode' | 'country';

export function ProfileForm({ locale, initial }: { locale: string; initial: Record<string, string> }) {
  const t = useTranslations('account');
  const [state, action] = useActionState<ProfileFormState, FormData>(saveProfile, { values: initial });
  const v = state.values;
  const text = (name: TextName, autoComplete: string, className?: string) => {
    const error = state.fieldErrors?.[name];
    return (
      <TextField
        id={`profile-${name}`}
        name={name}
        label={t(`fields.${name}`)}
        autoComplete={autoComplete}
        defaultValue={v[name]}
        error={error && t(`errors.${error}`)}
        className={className}
      />
    );
  };
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2" key={state.done ? 'saved' : 'editing'}>
      <input type="hidden" name="locale" value={locale} />
      {text('name', 'name', 'sm:col-span-2')}
      {text('addressLine1', 'address-line1', 'sm:col-span-2')}
      {text('addressLine2', 'address-line2', 'sm:col-span-2')}
      {text('city', 'address-level2')}
      {text('postcode', 'postal-code')}
      {text('country', 'country-name')}
      <Field id="profile-locale" label={t('fields.preferredLocale')} error={state.fieldErrors?.preferredLocale && t('errors.invalid')}>
        {(control) => (
          <select {...control} name="preferredLocale" defaultValue={v.preferredLocale ?? 'en'}>
            <option value="en">English</option>
            <option value="es" lang="es">
              Español
            </option>
          </select>
        )}
      </Field>
      <div className="sm:col-span-2">
        <CheckboxField
          id="profile-newsletter"
          name="newsletterOptIn"
          label={t('fields.newsletterOptIn')}
          defaultChecked={v.newsletterOptIn === 'on'}
        />
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <SubmitButton>{t('save')}</SubmitButton>
        <FormOutcome
          className="text-sm"
          done={state.done && t('saved')}
          error={isRefused(state) && (state.error ? t(`errors.${state.error}`) : t('fixErrors'))}
        />
      </div>
    </form>
  );
}
