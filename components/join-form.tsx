'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { startMembership, type JoinFormState } from '@/app/[locale]/join/actions';
import { GiftAidFields } from './gift-aid-fields';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/** `bankTransfer` is false until an admin has saved the charity's bank details: then card only. */
export function JoinForm({ locale, tier, initial, bankTransfer }: { locale: string; tier: string; initial: Record<string, string>; bankTransfer: boolean }) {
  const t = useTranslations('join');
  const [state, action, pending] = useActionState<JoinFormState, FormData>(startMembership, { values: { paymentMethod: 'card', ...initial } });
  const v = state.values;
  // The button says what happens next; without JavaScript it keeps the card wording.
  const [method, setMethod] = useState(v.paymentMethod ?? 'card');
  const errors = state.fieldErrors ?? {};
  const field = (name: 'name' | 'addressLine1' | 'addressLine2' | 'city' | 'postcode' | 'country', autoComplete: string, wide = false) => (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <label htmlFor={`join-${name}`} className="text-sm font-medium">{t(`fields.${name}`)}</label>
      <input id={`join-${name}`} name={name} autoComplete={autoComplete} defaultValue={v[name] ?? ''} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `join-${name}-error` : undefined} className={input} />
      {errors[name] && <p id={`join-${name}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p>}
    </div>
  );
  return (
    <form action={action} className="mt-6 space-y-6">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="tier" value={tier} />
      {(state.error || Object.keys(errors).length > 0) && (
        <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
          {t(`errors.${state.error ?? 'fix'}`)}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {field('name', 'name', true)}
        {field('addressLine1', 'address-line1', true)}
        {field('addressLine2', 'address-line2', true)}
        {field('city', 'address-level2')}
        {field('postcode', 'postal-code')}
        {field('country', 'country-name')}
      </div>
      <GiftAidFields values={v} errors={errors} />
      {bankTransfer ? (
        <fieldset className="rounded-lg border border-line bg-white p-4">
          <legend className="px-1 font-semibold">{t('paymentMethod')}</legend>
          {(['card', 'bank_transfer'] as const).map((method) => (
            <div key={method} className="mt-2 flex items-start gap-3">
              <input id={`join-pay-${method}`} type="radio" name="paymentMethod" value={method} defaultChecked={(v.paymentMethod ?? 'card') === method} onChange={() => setMethod(method)} className="mt-1" />
              <label htmlFor={`join-pay-${method}`}>{t(method === 'card' ? 'card' : 'bankTransfer')}</label>
            </div>
          ))}
        </fieldset>
      ) : (
        <>
          <input type="hidden" name="paymentMethod" value="card" />
          <p>{t('cardOnly')}</p>
        </>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-6 py-3 font-medium text-white hover:bg-brand-dark disabled:opacity-70">
        {t(bankTransfer && method === 'bank_transfer' ? 'submitBank' : 'submitCard')}
      </button>
    </form>
  );
}
