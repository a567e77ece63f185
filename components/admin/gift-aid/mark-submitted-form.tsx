'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { markGiftAidClaimSubmitted, type MarkSubmittedState } from '@/app/[locale]/admin/gift-aid/actions';
import { SubmitButton } from '@/components/ui/button';
import { describedBy, FieldError } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';

/** "Submitted to HMRC", confirmed by a checkbox; the period on screen is kept for the way back. */
export function MarkSubmittedForm({ locale, claimId, from, to }: { locale: string; claimId: string; from?: string; to?: string }) {
  const t = useTranslations('adminGiftAid.claims');
  const [state, action] = useActionState<MarkSubmittedState, FormData>(markGiftAidClaimSubmitted, { values: {} });
  const id = `ga-claim-${claimId}-confirm`;
  // The box is the form's one field: why it was refused is read out at once. A refused
  // claim id (the only other field staff send) reads as a claim that no longer exists.
  const confirmError = state.fieldErrors?.confirm && t('errors.confirm');
  const badClaim = Boolean(state.fieldErrors?.claimId);
  const error = state.error ? t(`errors.${state.error}`) : badClaim ? t('errors.notFound') : undefined;
  return (
    <form action={action} className="mt-3 grid gap-2 border-t border-line pt-3">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="claimId" value={claimId} />
      {from && <input type="hidden" name="from" value={from} />}
      {to && <input type="hidden" name="to" value={to} />}
      <FormOutcome error={error} className="text-sm" />
      <div>
        <div className="flex items-start gap-3">
          <input
            {...describedBy(id, { error: confirmError })}
            name="confirm"
            type="checkbox"
            className="mt-1 size-5 shrink-0 accent-brand"
          />
          <label htmlFor={id} className="text-sm">
            {t('markConfirm')}
          </label>
        </div>
        <div role="alert">
          <FieldError id={id}>{confirmError}</FieldError>
        </div>
      </div>
      <SubmitButton variant="secondary" size="md" className="mt-1 justify-self-start text-sm">
        {t('markSubmit')}
      </SubmitButton>
    </form>
  );
}
