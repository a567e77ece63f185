'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { startMembership, type JoinFormState } from '@/app/[locale]/join/actions';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Fieldset } from '@/components/ui/fieldset';
import { FormOutcome } from '@/components/ui/notice';
import { isRefused } from '@/lib/forms/state';
import { GiftAidFields } from './gift-aid-fields';

type DetailName = 'name' | 'addressLine1' | 'addressLine2' | 'city' | 'postcode' | 'country';

/**
 * `bankTransfer` is false until an admin has saved the charity's bank details: then card only.
 * `permalink`: the page the form is on (lib/forms/permalink.ts), where it posts without JavaScript.
 */
export function JoinForm({
  locale,
  permalink,
  tier,
  initial,
  bankTransfer,
}: {
  locale: string;
  permalink: string;
  tier: string;
  initial: Record<string, string>;
  bankTransfer: boolean;
}) {
  const t = useTranslations('join');
  const [state, action] = useActionState<JoinFormState, FormData>(
    startMembership,
    { values: { paymentMethod: 'card', ...initial } },
    permalink,
  );
  const v = state.values;
  // The button says what happens next; without JavaScript it keeps the card wording.
  const [method, setMethod] = useState(v.paymentMethod ?? 'card');
  const errors = state.fieldErrors ?? {};
  const field = (name: DetailName, autoComplete: string, wide = false) => {
    const error = errors[name];
    return (
      <TextField
        id={`join-${name}`}
        name={name}
        label={t(`fields.${name}`)}
        autoComplete={autoComplete}
        defaultValue={v[name]}
        error={error && t(`errors.${error}`)}
        className={wide ? 'sm:col-span-2' : undefined}
      />
    );
  };
  // A grid, not space-y: FormOutcome's regions take no room of their own, and the gap spaces what they show.
  return (
    <form action={action} className="mt-6 grid gap-6">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="tier" value={tier} />
      <FormOutcome error={isRefused(state) && t(`errors.${state.error ?? 'fix'}`)} />
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
        <Fieldset
          id="join-pay"
          legend={t('paymentMethod')}
          legendClassName="px-1 font-semibold"
          className="rounded-lg border border-line bg-white p-4"
          error={errors.paymentMethod && t(`errors.${errors.paymentMethod}`)}
        >
          {(['card', 'bank_transfer'] as const).map((option) => (
            <div key={option} className="mt-2 flex items-start gap-3">
              <input
                id={`join-pay-${option}`}
                type="radio"
                name="paymentMethod"
                value={option}
                defaultChecked={(v.paymentMethod ?? 'card') === option}
                onChange={() => setMethod(option)}
                className="mt-1"
              />
              <label htmlFor={`join-pay-${option}`}>{t(option === 'card' ? 'card' : 'bankTransfer')}</label>
            </div>
          ))}
        </Fieldset>
      ) : (
        <>
          <input type="hidden" name="paymentMethod" value="card" />
          <p>{t('cardOnly')}</p>
        </>
      )}
      <SubmitButton size="xl" className="justify-self-start">
        {t(bankTransfer && method === 'bank_transfer' ? 'submitBank' : 'submitCard')}
      </SubmitButton>
    </form>
  );
}
