'use client';

import { useTranslations } from '@/components/client-translations';
import { useActionState } from 'react';
import { deleteAccount, type DeleteFormState } from '@/app/[locale]/account/actions';
import { describedBy, Field, FieldError } from '@/components/ui/field';

const id = 'delete-confirmation';

export function DeleteAccountForm({ locale, email }: { locale: string; email: string }) {
  const t = useTranslations('account');
  const [state, action, pending] = useActionState<DeleteFormState, FormData>(deleteAccount, { values: { confirmation: '' } });
  // The form's one field: why it was refused is that field's error, read out at once.
  const error =
    state.error && t(state.error === 'mismatch' ? 'deleteMismatch' : state.error === 'stripe' ? 'deleteStripe' : 'errors.invalid');
  return (
    <form action={action} className="mt-6 space-y-3 rounded-lg border border-brand/40 bg-white p-5">
      <input type="hidden" name="locale" value={locale} />
      <Field id={id} label={t('deleteConfirmLabel', { email })}>
        {(control) => (
          <>
            <input
              {...control}
              {...describedBy(id, { error })}
              name="confirmation"
              type="email"
              autoComplete="off"
              defaultValue={state.values.confirmation ?? ''}
            />
            <div role="alert">
              <FieldError id={id}>{error}</FieldError>
            </div>
          </>
        )}
      </Field>
      {/* A deletion, not a primary action: darker than the site's primary buttons. */}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-dark px-5 py-2.5 font-medium text-white hover:bg-ink disabled:opacity-70"
      >
        {t('deleteButton')}
      </button>
    </form>
  );
}
