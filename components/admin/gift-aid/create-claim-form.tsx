'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createGiftAidClaim, type CreateClaimState } from '@/app/[locale]/admin/gift-aid/actions';

/** Confirms and creates the claim; the fingerprint names the exact payments shown above it. */
export function CreateClaimForm({ locale, from, to, fingerprint, count, total }: { locale: string; from: string; to: string; fingerprint: string; count: number; total: string }) {
  const t = useTranslations('adminGiftAid.create');
  const [state, action, pending] = useActionState<CreateClaimState, FormData>(createGiftAidClaim, {});
  return (
    <form action={action} className="mt-4 rounded-lg border border-line bg-white p-4" aria-labelledby="ga-create-heading">
      <h3 id="ga-create-heading" className="font-serif text-xl font-semibold">{t('heading')}</h3>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      {state.error && (
        <p id="ga-create-error" role="alert" className="mt-3 rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
          {t(`errors.${state.error}`)}
        </p>
      )}
      <div className="mt-3 flex items-start gap-3">
        <input
          id="ga-create-confirm"
          name="confirm"
          type="checkbox"
          className="mt-1 size-5 shrink-0 accent-brand"
          aria-invalid={state.error === 'confirm' ? true : undefined}
          aria-describedby={state.error ? 'ga-create-error' : undefined}
        />
        <label htmlFor="ga-create-confirm">{t('confirm', { count, total })}</label>
      </div>
      <button type="submit" disabled={pending} className="mt-4 rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">
        {t('submit')}
      </button>
    </form>
  );
}
