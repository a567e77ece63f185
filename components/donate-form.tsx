'use client';

import { useTranslations } from '@/components/client-translations';
import { useActionState, useState } from 'react';
import { startDonation, type DonateFormState } from '@/app/[locale]/donate/actions';
import { SubmitButton } from '@/components/ui/button';
import { errorId, Field, TextField } from '@/components/ui/field';
import { Fieldset } from '@/components/ui/fieldset';
import { cx } from '@/components/ui/styles';
import { FormOutcome } from '@/components/ui/notice';
import { isRefused } from '@/lib/forms/state';
import { defaultDeclarationScope } from '@/lib/gift-aid/scope';
import { GiftAidFields } from './gift-aid-fields';

/** `permalink`: the page the form is on (lib/forms/permalink.ts), where it posts without JavaScript. */
export function DonateForm({
  locale,
  permalink,
  email,
  signedIn,
  presets,
}: {
  locale: string;
  permalink: string;
  email: string;
  signedIn: boolean;
  presets: { value: string; label: string }[];
}) {
  const t = useTranslations('donate');
  const [state, action] = useActionState<DonateFormState, FormData>(
    startDonation,
    { values: { frequency: 'one_off', amount: presets[1]?.value ?? '', email } },
    permalink,
  );
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  // The Gift Aid scope follows the frequency until the donor picks one (lib/gift-aid/scope.ts).
  const [frequency, setFrequency] = useState(v.frequency ?? 'one_off');
  // Each field says what it needs, whatever the code; the amount's error belongs to its fieldset.
  const amountError = errors.amount && t('amountError');
  // A grid, not space-y: FormOutcome's regions take no room of their own, and the gap spaces what they show.
  return (
    <form action={action} className="mt-6 grid gap-6">
      <input type="hidden" name="locale" value={locale} />
      <FormOutcome error={isRefused(state) && t(state.error === 'unavailable' ? 'unavailable' : 'fix')} />
      <Fieldset
        id="donate-frequency"
        legend={t('frequency')}
        legendClassName="px-1 font-semibold"
        className="rounded-lg border border-line bg-white p-4"
      >
        <div className="flex flex-wrap gap-4">
          {(['one_off', 'monthly'] as const).map((f) => (
            <div key={f} className="flex items-center gap-2">
              <input
                id={`donate-${f}`}
                type="radio"
                name="frequency"
                value={f}
                defaultChecked={(v.frequency ?? 'one_off') === f}
                onChange={() => setFrequency(f)}
              />
              <label htmlFor={`donate-${f}`}>{t(f)}</label>
            </div>
          ))}
        </div>
      </Fieldset>
      <Fieldset
        id="donate-amount"
        legend={t('amount')}
        legendClassName="px-1 font-semibold"
        className="rounded-lg border border-line bg-white p-4"
        error={amountError}
      >
        <div className="flex flex-wrap gap-3">
          {presets.map((p) => (
            <div key={p.value} className="flex items-center gap-2">
              <input id={`donate-amount-${p.value}`} type="radio" name="amount" value={p.value} defaultChecked={v.amount === p.value} />
              <label htmlFor={`donate-amount-${p.value}`} className="font-medium">
                {p.label}
              </label>
            </div>
          ))}
          <div className="flex items-center gap-2">
            <input id="donate-amount-other" type="radio" name="amount" value="other" defaultChecked={v.amount === 'other'} />
            <label htmlFor="donate-amount-other" className="font-medium">
              {t('other')}
            </label>
          </div>
        </div>
        <Field id="donate-other" label={t('otherLabel')} className="mt-3">
          {(control) => (
            <input
              {...control}
              // Refused with the amount: its error is the fieldset's, under it.
              aria-invalid={amountError ? true : undefined}
              aria-describedby={amountError ? errorId('donate-amount') : undefined}
              className={cx(control.className, 'max-w-48')}
              name="otherAmount"
              inputMode="decimal"
              defaultValue={v.otherAmount ?? ''}
            />
          )}
        </Field>
      </Fieldset>
      <TextField
        id="donate-email"
        name="email"
        type="email"
        autoComplete="email"
        label={t('email')}
        hint={t('emailHelp')}
        defaultValue={v.email}
        error={errors.email && t('emailError')}
      />
      <GiftAidFields values={v} errors={errors} defaultScope={defaultDeclarationScope(frequency)} manage={signedIn ? 'account' : 'link'} />
      <SubmitButton size="xl" className="justify-self-start">
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
