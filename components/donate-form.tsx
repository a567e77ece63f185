'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { startDonation, type DonateFormState } from '@/app/[locale]/donate/actions';
import { defaultDeclarationScope } from '@/lib/gift-aid/scope';
import { GiftAidFields } from './gift-aid-fields';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

export function DonateForm({ locale, email, signedIn, presets }: { locale: string; email: string; signedIn: boolean; presets: { value: string; label: string }[] }) {
  const t = useTranslations('donate');
  const [state, action, pending] = useActionState<DonateFormState, FormData>(startDonation, { values: { frequency: 'one_off', amount: presets[1].value, email } });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  // The Gift Aid scope follows the frequency until the donor picks one (lib/gift-aid/scope.ts).
  const [frequency, setFrequency] = useState(v.frequency ?? 'one_off');
  return (
    <form action={action} className="mt-6 space-y-6">
      <input type="hidden" name="locale" value={locale} />
      {(state.error || Object.keys(errors).length > 0) && (
        <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">{t(state.error ?? 'fix')}</p>
      )}
      <fieldset className="rounded-lg border border-line bg-white p-4">
        <legend className="px-1 font-semibold">{t('frequency')}</legend>
        <div className="flex flex-wrap gap-4">
          {(['one_off', 'monthly'] as const).map((f) => (
            <div key={f} className="flex items-center gap-2">
              <input id={`donate-${f}`} type="radio" name="frequency" value={f} defaultChecked={(v.frequency ?? 'one_off') === f} onChange={() => setFrequency(f)} />
              <label htmlFor={`donate-${f}`}>{t(f)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="rounded-lg border border-line bg-white p-4" aria-describedby={errors.amount ? 'donate-amount-error' : undefined}>
        <legend className="px-1 font-semibold">{t('amount')}</legend>
        <div className="flex flex-wrap gap-3">
          {presets.map((p) => (
            <div key={p.value} className="flex items-center gap-2">
              <input id={`donate-amount-${p.value}`} type="radio" name="amount" value={p.value} defaultChecked={v.amount === p.value} />
              <label htmlFor={`donate-amount-${p.value}`} className="font-medium">{p.label}</label>
            </div>
          ))}
          <div className="flex items-center gap-2">
            <input id="donate-amount-other" type="radio" name="amount" value="other" defaultChecked={v.amount === 'other'} />
            <label htmlFor="donate-amount-other" className="font-medium">{t('other')}</label>
          </div>
        </div>
        <label htmlFor="donate-other" className="mt-3 block text-sm font-medium">{t('otherLabel')}</label>
        <input id="donate-other" name="otherAmount" inputMode="decimal" defaultValue={v.otherAmount ?? ''} aria-invalid={errors.amount ? true : undefined} className={`${input} max-w-48`} />
        {errors.amount && <p id="donate-amount-error" className="mt-1 text-sm text-brand-dark">{t('amountError')}</p>}
      </fieldset>
      <div>
        <label htmlFor="donate-email" className="font-medium">{t('email')}</label>
        <input id="donate-email" name="email" type="email" autoComplete="email" defaultValue={v.email ?? ''} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? 'donate-email-error' : 'donate-email-help'} className={input} />
        <p id="donate-email-help" className="mt-1 text-sm text-muted">{t('emailHelp')}</p>
        {errors.email && <p id="donate-email-error" className="mt-1 text-sm text-brand-dark">{t('emailError')}</p>}
      </div>
      <GiftAidFields values={v} errors={errors} defaultScope={defaultDeclarationScope(frequency)} manage={signedIn ? 'account' : 'link'} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-6 py-3 font-medium text-white hover:bg-brand-dark disabled:opacity-70">{t('submit')}</button>
    </form>
  );
}
