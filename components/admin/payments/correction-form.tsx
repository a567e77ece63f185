'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { correctOfflinePaymentAction, type PaymentFormState } from '@/app/[locale]/admin/payments/actions';
import { SubmitButton } from '@/components/ui/button';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import type { OfflinePaymentMethod } from '@/lib/payments/methods';
import { FormOutcome } from '@/components/ui/notice';

/** Correct a payment recorded by hand: amount, date received, method, reference. */
export function CorrectionForm({
  locale,
  paymentId,
  initial,
  today,
  methods,
}: {
  locale: string;
  paymentId: string;
  initial: Record<string, string>;
  today: string;
  methods: readonly OfflinePaymentMethod[];
}) {
  const t = useTranslations('adminPayments');
  const [state, action] = useActionState<PaymentFormState, FormData>(correctOfflinePaymentAction, { values: initial });
  const v = state.values;
  const errorOf = (name: string) => {
    const code = state.fieldErrors?.[name];
    return code && t(`errors.${code}`);
  };
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="paymentId" value={paymentId} />
      <FormOutcome className="sm:col-span-2" error={state.error && t(`errors.${state.error}`, { left: '', message: '' })} />
      <TextField
        id="correct-amount"
        name="amount"
        label={t('correct.amount')}
        inputMode="decimal"
        required
        defaultValue={v.amount}
        error={errorOf('amount')}
      />
      <TextField
        id="correct-paidOn"
        name="paidOn"
        type="date"
        label={t('correct.paidOn')}
        required
        max={today}
        defaultValue={v.paidOn}
        error={errorOf('paidOn')}
      />
      <SelectField
        id="correct-method"
        name="method"
        label={t('correct.method')}
        error={errorOf('method')}
        value={v.method ?? 'bank_transfer'}
        options={methods.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
      />
      <TextField
        id="correct-reference"
        name="reference"
        label={t('correct.reference')}
        maxLength={80}
        defaultValue={v.reference}
        error={errorOf('reference')}
      />
      <CheckboxField
        id="correct-confirm"
        name="confirm"
        label={t('correct.confirm')}
        required
        error={errorOf('confirm')}
        className="sm:col-span-2"
      />
      <SubmitButton variant="secondary" className="sm:col-span-2 sm:justify-self-start">
        {t('correct.submit')}
      </SubmitButton>
    </form>
  );
}
