'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { correctOfflinePaymentAction, type PaymentFormState } from '@/app/[locale]/admin/payments/actions';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/** Correct a payment recorded by hand: amount, date received, method, reference. */
export function CorrectionForm({ locale, paymentId, initial, today }: { locale: string; paymentId: string; initial: Record<string, string>; today: string }) {
  const t = useTranslations('adminPayments');
  const [state, action, pending] = useActionState<PaymentFormState, FormData>(correctOfflinePaymentAction, { values: initial });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const described = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `correct-${name}-error` } : {});
  const error = (name: string) => errors[name] && <p id={`correct-${name}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p>;
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="paymentId" value={paymentId} />
      {state.error && <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark sm:col-span-2">{t(`errors.${state.error}`, { left: '', message: '' })}</p>}
      <div>
        <label htmlFor="correct-amount" className="text-sm font-medium">{t('correct.amount')}</label>
        <input id="correct-amount" name="amount" inputMode="decimal" required defaultValue={v.amount ?? ''} className={input} {...described('amount')} />
        {error('amount')}
      </div>
      <div>
        <label htmlFor="correct-paidOn" className="text-sm font-medium">{t('correct.paidOn')}</label>
        <input id="correct-paidOn" name="paidOn" type="date" required max={today} defaultValue={v.paidOn ?? ''} className={input} {...described('paidOn')} />
        {error('paidOn')}
      </div>
      <div>
        <label htmlFor="correct-method" className="text-sm font-medium">{t('correct.method')}</label>
        <select id="correct-method" name="method" defaultValue={v.method ?? 'bank_transfer'} className={input} {...described('method')}>
          {(['bank_transfer', 'cheque', 'standing_order', 'cash'] as const).map((m) => (
            <option key={m} value={m}>{t(`methods.${m}`)}</option>
          ))}
        </select>
        {error('method')}
      </div>
      <div>
        <label htmlFor="correct-reference" className="text-sm font-medium">{t('correct.reference')}</label>
        <input id="correct-reference" name="reference" maxLength={80} defaultValue={v.reference ?? ''} className={input} {...described('reference')} />
        {error('reference')}
      </div>
      <div className="sm:col-span-2">
        <label className="flex items-start gap-2">
          <input type="checkbox" name="confirm" required className="mt-1 size-4" {...described('confirm')} />
          <span>{t('correct.confirm')}</span>
        </label>
        {error('confirm')}
      </div>
      <button type="submit" disabled={pending} className="rounded-md border border-brand px-5 py-2.5 font-medium text-brand hover:bg-brand-soft disabled:opacity-70 sm:col-span-2 sm:justify-self-start">
        {t('correct.submit')}
      </button>
    </form>
  );
}
