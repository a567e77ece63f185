'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { deleteAccount, type DeleteFormState } from '@/app/[locale]/account/actions';

export function DeleteAccountForm({ locale, email }: { locale: string; email: string }) {
  const t = useTranslations('account');
  const [state, action, pending] = useActionState<DeleteFormState, FormData>(deleteAccount, { confirmation: '' });
  return (
    <form action={action} className="mt-6 space-y-3 rounded-lg border border-brand/40 bg-white p-5">
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor="delete-confirmation" className="block font-medium">{t('deleteConfirmLabel', { email })}</label>
      <input
        id="delete-confirmation"
        name="confirmation"
        type="email"
        autoComplete="off"
        defaultValue={state.confirmation}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? 'delete-error' : undefined}
        className="block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base"
      />
      {state.error && <p id="delete-error" role="alert" className="text-brand-dark">{t('deleteMismatch')}</p>}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-dark px-5 py-2.5 font-medium text-white hover:bg-ink disabled:opacity-70">
        {t('deleteButton')}
      </button>
    </form>
  );
}
