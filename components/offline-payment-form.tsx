'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { recordOfflinePaymentAction, type OfflinePaymentFormState } from '@/app/[locale]/admin/payments/offline/actions';
import { SubmitButton } from '@/components/ui/button';
import { Field, SelectField, TextField } from '@/components/ui/field';
import type { OfflinePaymentMethod } from '@/lib/payments/methods';
import { FormOutcome } from '@/components/ui/notice';

export function OfflinePaymentForm({
  locale,
  tiers,
  today,
  methods,
}: {
  locale: string;
  tiers: { slug: string; name: string }[];
  today: string;
  methods: readonly OfflinePaymentMethod[];
}) {
  const t = useTranslations('offline');
  const [state, action] = useActionState<OfflinePaymentFormState, FormData>(recordOfflinePaymentAction, {
    values: { paidOn: today, method: 'bank_transfer' },
  });
  const v = state.values;
  const errorOf = (name: string) => {
    const code = state.fieldErrors?.[name];
    return code && t(`errors.${code}`);
  };
  return (
    <form action={action} className="mt-6 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <FormOutcome
        className="sm:col-span-2"
        done={state.done && t(state.done, state.vars ?? {})}
        error={state.error && t(`errors.${state.error}`)}
      />
      <TextField
        id="offline-email"
        name="email"
        type="email"
        label={t('email')}
        defaultValue={v.email}
        error={errorOf('email')}
        className="sm:col-span-2"
      />
      <TextField
        id="offline-amount"
        name="amount"
        label={t('amount')}
        inputMode="decimal"
        defaultValue={v.amount}
        error={errorOf('amount')}
      />
      <TextField
        id="offline-paidOn"
        name="paidOn"
        type="date"
        label={t('paidOn')}
        max={today}
        defaultValue={v.paidOn ?? today}
        error={errorOf('paidOn')}
      />
      <SelectField
        id="offline-method"
        name="method"
        label={t('method')}
        error={errorOf('method')}
        value={v.method ?? 'bank_transfer'}
        options={methods.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
      />
      <Field id="offline-tier" label={t('tier')} error={errorOf('tier')}>
        {(control) => (
          <select {...control} name="tier" defaultValue={v.tier ?? ''}>
            <option value="">{t('keepTier')}</option>
            {tiers.map((tier) => (
              <option key={tier.slug} value={tier.slug}>
                {tier.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id="offline-reference"
        name="reference"
        label={t('reference')}
        defaultValue={v.reference}
        error={errorOf('reference')}
        className="sm:col-span-2"
      />
      <SubmitButton className="sm:col-span-2 sm:justify-self-start">{t('submit')}</SubmitButton>
    </form>
  );
}
