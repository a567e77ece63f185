'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createGiftAidClaim, type CreateClaimState } from '@/app/[locale]/admin/gift-aid/actions';
import { SubmitButton } from '@/components/ui/button';
import { describedBy, FieldError } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';

const id = 'ga-create-confirm';

/** Confirms and creates the claim; the fingerprint names the exact payments shown above it. */
export function CreateClaimForm({
  locale,
  from,
  to,
  fingerprint,
  count,
  total,
}: {
  locale: string;
  from: string;
  to: string;
  fingerprint: string;
  count: number;
  total: string;
}) {
  const t = useTranslations('adminGiftAid.create');
  const [state, action] = useActionState<CreateClaimState, FormData>(createGiftAidClaim, { values: {} });
  // The box is the form's one field: why it was refused is read out at once. Any other
  // refused field is a hidden one, so the page is out of date.
  const confirmError = state.fieldErrors?.confirm && t('errors.confirm');
  const stale = Object.keys(state.fieldErrors ?? {}).some((name) => name !== 'confirm');
  const error = state.error ? t(`errors.${state.error}`) : stale ? t('errors.invalid') : undefined;
  return (
    <form action={action} className="mt-4 grid gap-3 rounded-lg border border-line bg-white p-4" aria-labelledby="ga-create-heading">
      <h3 id="ga-create-heading" className="font-serif text-xl font-semibold">
        {t('heading')}
      </h3>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <FormOutcome error={error} />
      <div>
        <div className="flex items-start gap-3">
          <input
            {...describedBy(id, { error: confirmError })}
            name="confirm"
            type="checkbox"
            className="mt-1 size-5 shrink-0 accent-brand"
          />
          <label htmlFor={id}>{t('confirm', { count, total })}</label>
        </div>
        <div role="alert">
          <FieldError id={id}>{confirmError}</FieldError>
        </div>
      </div>
      <SubmitButton className="mt-1 justify-self-start">{t('submit')}</SubmitButton>
    </form>
  );
}
