'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { refundPaymentAction, type PaymentFormState } from '@/app/[locale]/admin/payments/actions';
import { SubmitButton } from '@/components/ui/button';
import { CheckboxField, describedBy, Field, FieldHint, TextField } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';

/**
 * Refund form: amount (default: all that is left), reason, a required confirmation, and
 * for a membership fee the choice to end the membership too. Works without JavaScript.
 */
export function RefundForm(props: {
  locale: string;
  paymentId: string;
  leftPounds: string;
  leftLabel: string;
  byCard: boolean;
  membership: boolean;
}) {
  const t = useTranslations('adminPayments');
  const [state, action, pending] = useActionState<PaymentFormState, FormData>(refundPaymentAction, {
    values: { amount: props.leftPounds },
  });
  const v = state.values;
  const errorOf = (name: string) => {
    const code = state.fieldErrors?.[name];
    return code && t(`errors.${code}`);
  };
  const amountHint = t('refund.amountHelp', { left: props.leftLabel });
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={props.locale} />
      <input type="hidden" name="paymentId" value={props.paymentId} />
      <FormOutcome
        className="sm:col-span-2"
        error={state.error && t(`errors.${state.error}`, { left: state.vars?.left ?? props.leftLabel, message: state.vars?.message ?? '' })}
      />
      {/* The hint under the box: what is left, read with the box. */}
      <Field id="refund-amount" label={t('refund.amount')} error={errorOf('amount')}>
        {(control) => (
          <>
            <input
              {...control}
              {...describedBy('refund-amount', { hint: amountHint, error: errorOf('amount') })}
              name="amount"
              inputMode="decimal"
              required
              defaultValue={v.amount ?? props.leftPounds}
            />
            <FieldHint id="refund-amount">{amountHint}</FieldHint>
          </>
        )}
      </Field>
      <Field id="refund-reason" label={t('refund.reason')} error={errorOf('reason')} className="sm:col-span-2">
        {(control) => <textarea {...control} name="reason" rows={2} required maxLength={500} defaultValue={v.reason ?? ''} />}
      </Field>
      {!props.byCard && (
        <>
          <Field id="refund-offlineMethod" label={t('refund.offlineMethod')} error={errorOf('offlineMethod')}>
            {(control) => (
              <select {...control} name="offlineMethod" required defaultValue={v.offlineMethod ?? 'bank_transfer'}>
                {(['bank_transfer', 'cheque', 'cash'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`methods.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            id="refund-offlineReference"
            name="offlineReference"
            label={t('refund.offlineReference')}
            maxLength={80}
            defaultValue={v.offlineReference}
            error={errorOf('offlineReference')}
          />
        </>
      )}
      {props.membership && (
        <CheckboxField
          id="refund-endMembership"
          name="endMembership"
          label={t('refund.endMembership')}
          hint={t('refund.endMembershipHelp')}
          defaultChecked={v.endMembership === 'on'}
          className="sm:col-span-2"
        />
      )}
      <CheckboxField
        id="refund-confirm"
        name="confirm"
        label={t('refund.confirm')}
        required
        error={errorOf('confirm')}
        className="sm:col-span-2"
      />
      <SubmitButton className="sm:col-span-2 sm:justify-self-start">{pending ? t('refund.pending') : t('refund.submit')}</SubmitButton>
    </form>
  );
}
