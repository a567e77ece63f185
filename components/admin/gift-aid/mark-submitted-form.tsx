'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { markGiftAidClaimSubmitted, type MarkSubmittedState } from '@/app/[locale]/admin/gift-aid/actions';

/** "Submitted to HMRC", confirmed by a checkbox; the period on screen is kept for the way back. */
export function MarkSubmittedForm({ locale, claimId, from, to }: { locale: string; claimId: string; from?: string; to?: string }) {
  const t = useTranslations('adminGiftAid.claims');
  const [state, action, pending] = useActionState<MarkSubmittedState, FormData>(markGiftAidClaimSubmitted, {});
  const id = `ga-claim-${claimId}`;
  return (
    <form action={action} className="mt-3 border-t border-line pt-3">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="claimId" value={claimId} />
      {from && <input type="hidden" name="from" value={from} />}
      {to && <input type="hidden" name="to" value={to} />}
      {state.error && (
        <p id={`${id}-error`} role="alert" className="mb-2 rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-sm text-brand-dark">
          {t(`errors.${state.error === 'invalid' ? 'notFound' : state.error}`)}
        </p>
      )}
      <div className="flex items-start gap-3">
        <input
          id={`${id}-confirm`}
          name="confirm"
          type="checkbox"
          className="mt-1 size-5 shrink-0 accent-brand"
          aria-invalid={state.error === 'confirm' ? true : undefined}
          aria-describedby={state.error ? `${id}-error` : undefined}
        />
        <label htmlFor={`${id}-confirm`} className="text-sm">{t('markConfirm')}</label>
      </div>
      <button type="submit" disabled={pending} className="mt-3 rounded-md border border-brand px-4 py-2 text-sm font-medium text-brand hover:bg-brand-soft disabled:opacity-70">
        {t('markSubmit')}
      </button>
    </form>
  );
}
