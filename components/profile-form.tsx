'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { saveProfile, type ProfileFormState } from '@/app/[locale]/account/actions';

const inputClass = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';
type Field = 'name' | 'addressLine1' | 'addressLine2' | 'city' | 'postcode' | 'country';

export function ProfileForm({ locale, initial }: { locale: string; initial: Record<string, string> }) {
  const t = useTranslations('account');
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(saveProfile, { status: 'idle', values: initial });
  const v = state.values;
  const text = (field: Field, autoComplete: string) => {
    const error = state.fieldErrors?.[field];
    const id = `profile-${field}`;
    return (
      <div>
        <label htmlFor={id} className="text-sm font-medium">{t(`fields.${field}`)}</label>
        <input
          id={id}
          name={field}
          defaultValue={v[field] ?? ''}
          autoComplete={autoComplete}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={inputClass}
        />
        {error && <p id={`${id}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${error}`)}</p>}
      </div>
    );
  };
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2" key={state.status === 'saved' ? 'saved' : 'editing'}>
      <input type="hidden" name="locale" value={locale} />
      <div className="sm:col-span-2">{text('name', 'name')}</div>
      <div className="sm:col-span-2">{text('addressLine1', 'address-line1')}</div>
      <div className="sm:col-span-2">{text('addressLine2', 'address-line2')}</div>
      {text('city', 'address-level2')}
      {text('postcode', 'postal-code')}
      {text('country', 'country-name')}
      <div>
        <label htmlFor="profile-locale" className="text-sm font-medium">{t('fields.preferredLocale')}</label>
        <select id="profile-locale" name="preferredLocale" defaultValue={v.preferredLocale ?? 'en'} className={inputClass}>
          <option value="en">English</option>
          <option value="es" lang="es">Español</option>
        </select>
      </div>
      <div className="flex items-start gap-3 sm:col-span-2">
        <input id="profile-newsletter" name="newsletterOptIn" type="checkbox" defaultChecked={v.newsletterOptIn === 'on'} className="mt-1 h-5 w-5" />
        <label htmlFor="profile-newsletter">{t('fields.newsletterOptIn')}</label>
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">
          {t('save')}
        </button>
        <p role="status" className="text-sm">
          {state.status === 'saved' ? t('saved') : state.status === 'invalid' ? t('fixErrors') : ''}
        </p>
      </div>
    </form>
  );
}
