'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { refundPaymentAction, type PaymentFormState } from '@/app/[locale]/admin/payments/actions';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/**
 * Refund form: amount (default: all that is left), reason, a required confirmation, and
 * for a membership fee the choice to end the membership too. Works without JavaScript.
 */
export function RefundForm(props: { locale: string; paymentId: string; leftPounds: string; leftLabel: string; byCard: boolean; membership: boolean}) {
  const t = useTranslations('adminPayments');
  const [state, action, pending] = useActionState<PaymentFormState, FormData>(refundPaymentAction, { values: { amount: props.leftPounds } });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const described = (name: string, help?: string) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `refund-${name}-error${help ? ` ${help}` : ''}` } : help ? { 'aria-describedby': help } : {};
  const error = (name: string) => errors[name] && <p id={`refund-${name}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p>;
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={props.locale} />
      <input type="hidden" name="paymentId" value={props.paymentId} />
      {state.error && (
        <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark sm:col-span-2">
          {t(`errors.${state.error}`, { left: state.left ?? props.leftLabel, message: state.message ?? '' })}
        </p>
      )}
      <div>
        <label htmlFor="refund-amount" className="text-sm font-medium">{t('refund.amount')}</label>
        <input id="refund-amount" name="amount" inputMode="decimal" required defaultValue={v.amount ?? props.leftPounds} className={input} {...described('amount', 'refund-amount-help')} />
        <p id="refund-amount-help" className="mt-1 text-sm text-muted">{t('refund.amountHelp', { left: props.leftLabel })}</p>
        {error('amount')}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="refund-reason" className="text-sm font-medium">{t('refund.reason')}</label>
        <textarea id="refund-reason" name="reason" rows={2} required maxLength={500} defaultValue={v.reason ?? ''} className={input} {...described('reason')} />
        {error('reason')}
      </div>
      {!props.byCard && (
        <>
          <div>
            <label htmlFor="refund-offlineMethod" className="text-sm font-medium">{t('refund.offlineMethod')}</label>
            <select id="refund-offlineMethod" name="offlineMethod" required defaultValue={v.offlineMethod ?? 'bank_transfer'} className={input} {...described('offlineMethod')}>
              {(['bank_transfer', 'cheque', 'cash'] as const).map((m) => (
                <option key={m} value={m}>{t(`methods.${m}`)}</option>
              ))}
            </select>
            {error('offlineMethod')}
          </div>
          <div>
            <label htmlFor="refund-offlineReference" className="text-sm font-medium">{t('refund.offlineReference')}</label>
            <input id="refund-offlineReference" name="offlineReference" maxLength={80} defaultValue={v.offlineReference ?? ''} className={input} {...described('offlineReference')} />
            {error('offlineReference')}
          </div>
        </>
      )}
      {props.membership && (
        <div className="sm:col-span-2">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="endMembership" defaultChecked={v.endMembership === 'on'} className="mt-1 size-4" aria-describedby="refund-endMembership-help" />
            <span>{t('refund.endMembership')}</span>
          </label>
          <p id="refund-endMembership-help" className="ml-6 text-sm text-muted">{t('refund.endMembershipHelp')}</p>
        </div>
      )}
      <div className="sm:col-span-2">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="confirm" required className="mt-1 size-4" {...described('confirm')} />
          <span>{t('refund.confirm')}</span>
        </label>
        {error('confirm')}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70 sm:col-span-2 sm:justify-self-start">
        {pending ? t('refund.pending') : t('refund.submit')}
      </button>
    </form>
  );
}
