'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { recordOfflinePaymentAction, type OfflinePaymentFormState } from '@/app/[locale]/admin/payments/offline/actions';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

export function OfflinePaymentForm({ locale, tiers, today }: { locale: string; tiers: { slug: string; name: string }[]; today: string }) {
  const t = useTranslations('offline');
  const [state, action, pending] = useActionState<OfflinePaymentFormState, FormData>(recordOfflinePaymentAction, { values: { paidOn: today, method: 'bank_transfer' } });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const described = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `offline-${name}-error` } : {});
  const error = (name: string) => errors[name] && <p id={`offline-${name}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p>;
  return (
    <form action={action} className="mt-6 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      {state.recorded && (
        <p role="status" className="rounded-md border border-accent/40 bg-white px-3 py-2 sm:col-span-2">
          {t('recorded', state.recorded)}
        </p>
      )}
      {state.error && <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark sm:col-span-2">{t(`errors.${state.error}`)}</p>}
      <div className="sm:col-span-2">
        <label htmlFor="offline-email" className="text-sm font-medium">{t('email')}</label>
        <input id="offline-email" name="email" type="email" defaultValue={v.email ?? ''} className={input} {...described('email')} />
        {error('email')}
      </div>
      <div>
        <label htmlFor="offline-amount" className="text-sm font-medium">{t('amount')}</label>
        <input id="offline-amount" name="amount" inputMode="decimal" defaultValue={v.amount ?? ''} className={input} {...described('amount')} />
        {error('amount')}
      </div>
      <div>
        <label htmlFor="offline-paidOn" className="text-sm font-medium">{t('paidOn')}</label>
        <input id="offline-paidOn" name="paidOn" type="date" max={today} defaultValue={v.paidOn ?? today} className={input} {...described('paidOn')} />
        {error('paidOn')}
      </div>
      <div>
        <label htmlFor="offline-method" className="text-sm font-medium">{t('method')}</label>
        <select id="offline-method" name="method" defaultValue={v.method ?? 'bank_transfer'} className={input}>
          {(['bank_transfer', 'cheque', 'standing_order', 'cash'] as const).map((m) => (
            <option key={m} value={m}>{t(`methods.${m}`)}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="offline-tier" className="text-sm font-medium">{t('tier')}</label>
        <select id="offline-tier" name="tier" defaultValue={v.tier ?? ''} className={input}>
          <option value="">{t('keepTier')}</option>
          {tiers.map((tier) => (
            <option key={tier.slug} value={tier.slug}>{tier.name}</option>
          ))}
        </select>
        {error('tier')}
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="offline-reference" className="text-sm font-medium">{t('reference')}</label>
        <input id="offline-reference" name="reference" defaultValue={v.reference ?? ''} className={input} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70 sm:col-span-2 sm:justify-self-start">
        {t('submit')}
      </button>
    </form>
  );
}
